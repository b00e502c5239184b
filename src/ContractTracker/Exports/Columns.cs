namespace ContractTracker.Exports;

/// <summary>What a column holds, which decides how each format writes it.</summary>
public enum ColumnKind
{
    /// <summary>Free text (names, descriptions): neutralised in CSV so a spreadsheet never runs it as a formula.</summary>
    Text,
    /// <summary>A code (PIID, UEI, agency or office code, DUNS, ZIP, FIPS, CAGE): text whose leading zeros matter.</summary>
    Identifier,
    /// <summary>Dollars: a plain number, negative for de-obligations.</summary>
    Amount,
    Integer,
    /// <summary>A calendar date, written <c>yyyy-MM-dd</c> in CSV and as a date cell in a workbook.</summary>
    Date,
    /// <summary>An instant, written in UTC.</summary>
    Timestamp,
    Boolean,
}

/// <summary>One column of an exported table: its name, what it holds, what it means, and how to take it from a row.</summary>
public sealed class Column<TRow>
{
    private readonly Action<IRowSink, TRow> write;

    internal Column(string name, ColumnKind kind, string description, Action<IRowSink, TRow> write)
    {
        Name = name;
        Kind = kind;
        Description = description;
        this.write = write;
    }

    public string Name { get; }
    public ColumnKind Kind { get; }
    public string Description { get; }

    public void Write(IRowSink sink, TRow row) => write(sink, row);
}

/// <summary>Typed constructors for <see cref="Column{TRow}"/>, so a value always reaches the sink with its kind.</summary>
public static class Column
{
    public static Column<T> Text<T>(string name, string description, Func<T, string?> value) =>
        new(name, ColumnKind.Text, description, (sink, row) => sink.Text(value(row)));

    public static Column<T> Identifier<T>(string name, string description, Func<T, string?> value) =>
        new(name, ColumnKind.Identifier, description, (sink, row) => sink.Identifier(value(row)));

    public static Column<T> Amount<T>(string name, string description, Func<T, decimal?> value) =>
        new(name, ColumnKind.Amount, description, (sink, row) => sink.Amount(value(row)));

    public static Column<T> Integer<T>(string name, string description, Func<T, long?> value) =>
        new(name, ColumnKind.Integer, description, (sink, row) => sink.Integer(value(row)));

    public static Column<T> Date<T>(string name, string description, Func<T, DateOnly?> value) =>
        new(name, ColumnKind.Date, description, (sink, row) => sink.Date(value(row)));

    public static Column<T> Timestamp<T>(string name, string description, Func<T, DateTimeOffset?> value) =>
        new(name, ColumnKind.Timestamp, description, (sink, row) => sink.Timestamp(value(row)));

    /// <summary>A column of an inner row, for a table whose rows carry it (a report row around a transaction).</summary>
    public static Column<TOuter> Wrap<TOuter, TInner>(Column<TInner> inner, Func<TOuter, TInner> select) =>
        new(inner.Name, inner.Kind, inner.Description, (sink, row) => inner.Write(sink, select(row)));

    public static Column<T> Boolean<T>(string name, string description, Func<T, bool?> value) =>
        new(name, ColumnKind.Boolean, description, (sink, row) => sink.Boolean(value(row)));
}

/// <summary>Receives one row's values, column by column, in the format being written.</summary>
public interface IRowSink
{
    void Text(string? value);
    void Identifier(string? value);
    void Amount(decimal? value);
    void Integer(long? value);
    void Date(DateOnly? value);
    void Timestamp(DateTimeOffset? value);
    void Boolean(bool? value);
}

/// <summary>
/// A result as rows to export: a name (the file and sheet name), its columns, and the rows, enumerated once as they
/// arrive from the database so no export holds its result in memory.
/// </summary>
public sealed record Table<TRow>(string Name, IReadOnlyList<Column<TRow>> Columns, IAsyncEnumerable<TRow> Rows)
{
    /// <summary>
    /// The import file each row came from, when rows name one: a packaged export then cites exactly the files of the rows
    /// it wrote, collected as they pass.
    /// </summary>
    public Func<TRow, long>? SourceFileOf { get; init; }
}

/// <summary>Builds a table from rows already in memory (the short lists and series of a JSON answer).</summary>
public static class Table
{
    public static Table<T> Of<T>(string name, IReadOnlyList<Column<T>> columns, IEnumerable<T> rows) =>
        new(name, columns, rows.ToAsyncEnumerable());
}
