using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;

namespace ContractTracker.Exports;

/// <summary>
/// Writes tables as an Excel workbook with SpreadCheetah, streaming row by row: identifiers are text cells (leading zeros
/// kept), amounts numbers, dates dates, and no cell is ever a formula. A table longer than a sheet's row limit continues
/// on further sheets, each with the header.
/// </summary>
public static class XlsxExport
{
    /// <summary>Excel's limit is 1,048,576 rows per sheet, the header included.</summary>
    public const int DefaultRowsPerSheet = 1_048_575;

    public static async Task<long> WriteAsync<T>(Table<T> table, Stream stream, CancellationToken ct, int rowsPerSheet = DefaultRowsPerSheet)
    {
        var output = new AsyncWriteStream(stream);
        var rows = await WriteWorkbookAsync(table, output, rowsPerSheet, ct);
        await output.FlushAsync(ct);
        return rows;
    }

    private static async Task<long> WriteWorkbookAsync<T>(Table<T> table, Stream stream, int rowsPerSheet, CancellationToken ct)
    {
        await using var workbook = await Spreadsheet.CreateNewAsync(stream, new SpreadCheetahOptions { BufferSize = 1 << 16 }, ct);
        var styles = new Styles(
            Header: workbook.AddStyle(new Style { Font = { Bold = true } }),
            Identifier: workbook.AddStyle(new Style { Format = NumberFormat.Standard(StandardNumberFormat.Text) }),
            Amount: workbook.AddStyle(new Style { Format = NumberFormat.Custom("#,##0.00;-#,##0.00") }),
            Date: workbook.AddStyle(new Style { Format = NumberFormat.Custom("yyyy-mm-dd") }),
            Timestamp: workbook.AddStyle(new Style { Format = NumberFormat.Custom("yyyy-mm-dd hh:mm:ss") }));

        var header = table.Columns.Select(c => new Cell(c.Name, styles.Header)).ToArray();
        var cells = new Cell[table.Columns.Count];
        var sink = new XlsxRowSink(cells, styles);
        long rows = 0;
        var sheet = 0;
        var rowsInSheet = rowsPerSheet;
        await foreach (var row in table.Rows.WithCancellation(ct))
        {
            if (rowsInSheet == rowsPerSheet)
            {
                await StartSheetAsync(workbook, table, ++sheet, header, ct);
                rowsInSheet = 0;
            }

            sink.Position = 0;
            foreach (var column in table.Columns)
            {
                column.Write(sink, row);
            }

            await workbook.AddRowAsync(cells, ct);
            rowsInSheet++;
            rows++;
        }

        if (sheet == 0)
        {
            await StartSheetAsync(workbook, table, 1, header, ct);
        }

        await workbook.FinishAsync(ct);
        return rows;
    }

    private static async Task StartSheetAsync<T>(Spreadsheet workbook, Table<T> table, int number, Cell[] header, CancellationToken ct)
    {
        // Sheet names are at most 31 characters and cannot hold []:*?/\.
        var baseName = new string(table.Name.Select(c => "[]:*?/\\".Contains(c) ? '_' : c).ToArray());
        var suffix = number == 1 ? "" : $" ({number})";
        var name = baseName[..Math.Min(baseName.Length, 31 - suffix.Length)] + suffix;
        var options = new WorksheetOptions { FrozenRows = 1 };
        for (var i = 0; i < table.Columns.Count; i++)
        {
            options.Column(i + 1).Width = table.Columns[i].Kind switch
            {
                ColumnKind.Text => 40,
                ColumnKind.Amount => 18,
                ColumnKind.Timestamp => 20,
                _ => 14,
            };
        }

        await workbook.StartWorksheetAsync(name, options, ct);
        await workbook.AddRowAsync(header, ct);
    }

    private sealed record Styles(StyleId Header, StyleId Identifier, StyleId Amount, StyleId Date, StyleId Timestamp);

    private sealed class XlsxRowSink(Cell[] cells, Styles styles) : IRowSink
    {
        public int Position { get; set; }

        // String cells are written as inline strings: a spreadsheet shows them as they are and never evaluates them.
        public void Text(string? value) => cells[Position++] = new Cell(value);

        public void Identifier(string? value) => cells[Position++] = new Cell(value, styles.Identifier);

        public void Amount(decimal? value) => cells[Position++] = new Cell(value, styles.Amount);

        public void Integer(long? value) => cells[Position++] = new Cell(value);

        public void Date(DateOnly? value) => cells[Position++] = new Cell(value?.ToDateTime(TimeOnly.MinValue), styles.Date);

        public void Timestamp(DateTimeOffset? value) => cells[Position++] = new Cell(value?.UtcDateTime, styles.Timestamp);

        public void Boolean(bool? value) => cells[Position++] = new Cell(value);
    }
}
