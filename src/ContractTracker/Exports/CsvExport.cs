using System.Globalization;
using CsvHelper;

namespace ContractTracker.Exports;

/// <summary>How a CSV is written.</summary>
/// <param name="SpreadsheetSafe">
/// Neutralise text that a spreadsheet would run as a formula (text beginning with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return gets a leading apostrophe, which spreadsheets show as text). On by default; the raw
/// export turns it off because it must give back the source's values exactly.
/// </param>
/// <param name="ByteOrderMark">Start with a UTF-8 byte order mark, without which Excel misreads non-ASCII text.</param>
public sealed record CsvOptions(bool SpreadsheetSafe = true, bool ByteOrderMark = true);

/// <summary>Writes tables as RFC 4180 CSV (UTF-8, CRLF, quotes only where needed) with CsvHelper, streaming row by row.</summary>
public static class CsvExport
{
    /// <summary>Writes the header and every row; returns the number of rows written.</summary>
    public static async Task<long> WriteAsync<T>(Table<T> table, Stream stream, CsvOptions options, CancellationToken ct)
    {
        var writerOptions = CsvWriterOptions.Default with
        {
            // Applies to text only: numbers and dates are written as they are, so a negative amount stays a number.
            Injection = options.SpreadsheetSafe ? CsvInjection.Escape : CsvInjection.None,
            WriteByteOrderMark = options.ByteOrderMark,
            FormatProvider = CultureInfo.InvariantCulture,
        };
        await using var csv = CsvWriter.Create(stream, writerOptions, leaveOpen: true);
        foreach (var column in table.Columns)
        {
            csv.WriteField(column.Name);
        }

        await csv.EndRecordAsync(ct);
        var sink = new CsvRowSink(csv);
        long rows = 0;
        await foreach (var row in table.Rows.WithCancellation(ct))
        {
            foreach (var column in table.Columns)
            {
                column.Write(sink, row);
            }

            await csv.EndRecordAsync(ct);
            rows++;
        }

        await csv.FlushAsync(ct);
        return rows;
    }

    private sealed class CsvRowSink(CsvWriter csv) : IRowSink
    {
        public void Text(string? value) => csv.WriteField(value);

        public void Identifier(string? value) => csv.WriteField(value);

        public void Amount(decimal? value) => csv.WriteField(value, default);

        public void Integer(long? value) => csv.WriteField(value, default);

        public void Date(DateOnly? value) => csv.WriteField(value, "yyyy-MM-dd");

        public void Timestamp(DateTimeOffset? value) => csv.WriteField(value?.UtcDateTime, "yyyy-MM-dd'T'HH:mm:ss'Z'");

        public void Boolean(bool? value) => csv.WriteField(value switch { true => "true", false => "false", null => null });
    }
}

