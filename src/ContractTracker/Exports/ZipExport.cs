using System.Globalization;
using System.IO.Compression;
using System.Text;
using ContractTracker.Provenance;

namespace ContractTracker.Exports;

/// <summary>What a packaged export says about itself in <c>citation.txt</c>.</summary>
/// <param name="Query">The exact request, as a link that reproduces it.</param>
/// <param name="GeneratedAt">When the export was written.</param>
/// <param name="Citation">The data's refresh and the source files behind the rows.</param>
public sealed record ExportCitation(string Query, DateTimeOffset GeneratedAt, Citation Citation);

/// <summary>
/// Writes a table as a zip, streamed: the CSV, then <c>citation.txt</c> (the query, data as of, the source files with
/// SHA-256, when it was generated, the row count and how to reproduce it) and <c>data-dictionary.csv</c> (each column's
/// type and meaning).
/// </summary>
public static class ZipExport
{
    public static async Task<long> WriteAsync<T>(Table<T> table, Stream stream, CsvOptions options, ExportCitation citation, CancellationToken ct)
    {
        var output = new AsyncWriteStream(stream);
        var rows = await WriteArchiveAsync(table, output, options, citation, ct);
        await output.FlushAsync(ct);
        return rows;
    }

    private static async Task<long> WriteArchiveAsync<T>(Table<T> table, Stream stream, CsvOptions options, ExportCitation citation, CancellationToken ct)
    {
        await using var zip = await ZipArchive.CreateAsync(stream, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct);
        long rows;
        var data = zip.CreateEntry($"{table.Name}.csv", CompressionLevel.Fastest);
        await using (var entry = await data.OpenAsync(ct))
        {
            rows = await CsvExport.WriteAsync(table, entry, options, ct);
        }

        var cite = zip.CreateEntry("citation.txt", CompressionLevel.Fastest);
        await using (var entry = await cite.OpenAsync(ct))
        await using (var writer = new StreamWriter(entry, new UTF8Encoding(false)))
        {
            await writer.WriteAsync(CitationText(table.Name, rows, citation, options));
        }

        var dictionary = zip.CreateEntry("data-dictionary.csv", CompressionLevel.Fastest);
        await using (var entry = await dictionary.OpenAsync(ct))
        {
            await CsvExport.WriteAsync(DataDictionary(table), entry, new CsvOptions(), ct);
        }

        return rows;
    }

    public static string CitationText(string name, long rows, ExportCitation citation, CsvOptions options)
    {
        var c = citation.Citation;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"ContractTracker export: {name}.csv");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Query:        {citation.Query}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Generated at: {Utc(citation.GeneratedAt)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Data as of:   {(c.DataAsOf is { } asOf ? Utc(asOf) : "no import has succeeded yet")} (the last successful import)");
        text.AppendLine(CultureInfo.InvariantCulture, $"Rows:         {rows}");
        if (c.IncludesSyntheticData)
        {
            text.AppendLine();
            text.AppendLine("WARNING: these rows include the SYNTHETIC DEMO data set. Its vendors and amounts are fictional; it is not real spending.");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Source files ({c.SourceFiles.Count}), each as imported (verify with sha256sum):");
        foreach (var file in c.SourceFiles)
        {
            var container = file.ContainerName is null ? "" : $" (in {file.ContainerName})";
            text.AppendLine(CultureInfo.InvariantCulture, $"  {file.FileName}{container}");
            text.AppendLine(CultureInfo.InvariantCulture,
                $"    sha256 {file.Sha256}; import file {file.ImportFileId}, run {file.ImportRunId}, source {file.Source}, imported {(file.ImportedAt is { } at ? Utc(at) : "-")}{(file.IsSynthetic ? "; SYNTHETIC" : "")}");
        }

        text.AppendLine();
        text.AppendLine("How to reproduce:");
        text.AppendLine("  Request the query above from a ContractTracker holding the same source files (the data as of the same refresh).");
        text.AppendLine("  Every row names its source file (import file id) and record; import_files and import_runs in the database say more.");
        if (options.SpreadsheetSafe)
        {
            text.AppendLine("  Text beginning with =, +, -, @, a tab or a carriage return carries a leading apostrophe so spreadsheets do not run it;");
            text.AppendLine("  add spreadsheet_safe=false to the query for the values exactly as stored.");
        }

        return text.ToString();
    }

    private static Table<Column<T>> DataDictionary<T>(Table<T> table) => Table.Of<Column<T>>("data-dictionary",
        [
            Column.Identifier<Column<T>>("column", "The column's name in the CSV.", c => c.Name),
            Column.Identifier<Column<T>>("type", "text, identifier (a code kept as text), amount (US dollars), integer, date, timestamp (UTC) or boolean.",
                c => Kind(c.Kind)),
            Column.Text<Column<T>>("description", "What the column holds.", c => c.Description),
        ],
        table.Columns);

    public static string Kind(ColumnKind kind) => kind switch
    {
        ColumnKind.Text => "text",
        ColumnKind.Identifier => "identifier",
        ColumnKind.Amount => "amount",
        ColumnKind.Integer => "integer",
        ColumnKind.Date => "date",
        ColumnKind.Timestamp => "timestamp",
        ColumnKind.Boolean => "boolean",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
