using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using ContractTracker.Exports;
using ContractTracker.Provenance;

namespace ContractTracker.Tests.Exports;

public sealed class ExportFormatTests
{
    private sealed record Row(string Name, string Piid, decimal? Amount, DateOnly? Date, long Count);

    private static readonly Row[] Rows =
    [
        new("ACME, \"WIDGETS\"\nDIVISION", "0012345", -12.50m, new DateOnly(2024, 10, 1), 3),
        new("=HYPERLINK(\"http://evil\")", "-NONE-", 1000000.25m, null, 0),
        new("+1 DEFENCE", "@01", null, new DateOnly(2025, 9, 30), -1),
        new("Plain name", "000", 0m, new DateOnly(2019, 1, 2), 7),
    ];

    private static Table<Row> Sample(IEnumerable<Row>? rows = null) => Table.Of<Row>("sample",
        [
            Column.Text<Row>("name", "A name.", r => r.Name),
            Column.Identifier<Row>("piid", "A code.", r => r.Piid),
            Column.Amount<Row>("amount", "Dollars.", r => r.Amount),
            Column.Date<Row>("date", "A date.", r => r.Date),
            Column.Integer<Row>("count", "A count.", r => r.Count),
        ],
        rows ?? Rows);

    private static async Task<string> CsvAsync(CsvOptions options)
    {
        using var stream = new MemoryStream();
        await CsvExport.WriteAsync(Sample(), stream, options, CancellationToken.None);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public async Task A_csv_is_rfc_4180_with_a_byte_order_mark_and_crlf_records()
    {
        var text = await CsvAsync(new CsvOptions());

        Assert.StartsWith("\uFEFFname,piid,amount,date,count\r\n", text);
        Assert.Contains("\"ACME, \"\"WIDGETS\"\"\nDIVISION\",0012345,-12.50,2024-10-01,3\r\n", text);
        Assert.EndsWith("Plain name,000,0,2019-01-02,7\r\n", text);
    }

    [Fact]
    public async Task Text_that_a_spreadsheet_would_run_as_a_formula_is_neutralised_but_negative_amounts_stay_numbers()
    {
        var text = await CsvAsync(new CsvOptions());

        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\")\",\"'-NONE-\",1000000.25,,0\r\n", text);
        Assert.Contains("\"'+1 DEFENCE\",\"'@01\",,2025-09-30,-1\r\n", text);
        Assert.Contains(",-12.50,", text);
        Assert.DoesNotContain("'-12.50", text);
    }

    [Fact]
    public async Task Without_spreadsheet_safety_text_is_written_exactly()
    {
        var text = await CsvAsync(new CsvOptions(SpreadsheetSafe: false, ByteOrderMark: false));

        Assert.StartsWith("name,", text);
        Assert.Contains("\"=HYPERLINK(\"\"http://evil\"\")\",-NONE-,1000000.25,,0\r\n", text);
    }

    [Fact]
    public async Task A_workbook_keeps_identifiers_as_text_amounts_as_numbers_dates_as_dates_and_has_no_formula()
    {
        using var stream = new MemoryStream();
        var written = await XlsxExport.WriteAsync(Sample(), stream, CancellationToken.None);
        var sheets = Sheets(stream);

        Assert.Equal(4, written);
        var sheet = Assert.Single(sheets);
        Assert.Empty(sheet.Descendants(Main + "f"));
        var rows = sheet.Descendants(Main + "row").ToList();
        Assert.Equal(5, rows.Count);

        var first = rows[1].Elements(Main + "c").ToList();
        Assert.Equal("inlineStr", (string?)first[0].Attribute("t"));
        Assert.Equal("ACME, \"WIDGETS\"\nDIVISION", first[0].Value);
        Assert.Equal("inlineStr", (string?)first[1].Attribute("t"));
        Assert.Equal("0012345", first[1].Value);
        Assert.Null(first[2].Attribute("t"));
        Assert.Equal(-12.5m, decimal.Parse(first[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(first[3].Attribute("t"));
        Assert.Equal(new DateOnly(2024, 10, 1).ToDateTime(TimeOnly.MinValue).ToOADate().ToString(System.Globalization.CultureInfo.InvariantCulture),
            first[3].Value);
        Assert.NotNull(first[3].Attribute("s"));

        var second = rows[2].Elements(Main + "c").ToList();
        Assert.Equal("=HYPERLINK(\"http://evil\")", second[0].Value);
        Assert.Equal("inlineStr", (string?)second[0].Attribute("t"));
    }

    [Fact]
    public async Task A_workbook_continues_on_a_new_sheet_with_the_header_when_a_sheet_is_full()
    {
        using var stream = new MemoryStream();
        await XlsxExport.WriteAsync(Sample(), stream, CancellationToken.None, rowsPerSheet: 3);
        var sheets = Sheets(stream);

        Assert.Equal(2, sheets.Count);
        Assert.Equal(4, sheets[0].Descendants(Main + "row").Count());
        var second = sheets[1].Descendants(Main + "row").ToList();
        Assert.Equal(2, second.Count);
        Assert.Equal("name", second[0].Elements(Main + "c").First().Value);
        Assert.Equal("Plain name", second[1].Elements(Main + "c").First().Value);
    }

    [Fact]
    public async Task A_zip_holds_the_csv_its_citation_and_a_data_dictionary()
    {
        var file = new SourceFile(7, "FY2024_070_Contracts_Full_20260906_1.csv", "FY2024_070_Contracts_Full_20260906.zip",
            new string('a', 64), DateTimeOffset.Parse("2026-11-01T10:00:00Z"), 3, "cli", IsSynthetic: false);
        var citation = new ExportCitation("http://localhost/api/v1/transactions?format=zip&agency=7012",
            DateTimeOffset.Parse("2026-11-28T12:00:00Z"), new Citation(DateTimeOffset.Parse("2026-11-01T10:05:00Z"), [file], false));
        using var stream = new MemoryStream();

        var rows = await ZipExport.WriteAsync(Sample(), stream, new CsvOptions(), citation, CancellationToken.None);

        Assert.Equal(4, rows);
        stream.Position = 0;
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
        Assert.Equal(["sample.csv", "citation.txt", "data-dictionary.csv"], zip.Entries.Select(e => e.FullName));
        Assert.Equal(await CsvAsync(new CsvOptions()), Read(zip, "sample.csv"));
        var cite = Read(zip, "citation.txt");
        Assert.Contains("Query:        http://localhost/api/v1/transactions?format=zip&agency=7012", cite);
        Assert.Contains("Data as of:   2026-11-01T10:05:00Z", cite);
        Assert.Contains("Generated at: 2026-11-28T12:00:00Z", cite);
        Assert.Contains("Rows:         4", cite);
        Assert.Contains("FY2024_070_Contracts_Full_20260906_1.csv (in FY2024_070_Contracts_Full_20260906.zip)", cite);
        Assert.Contains($"sha256 {new string('a', 64)}; import file 7, run 3", cite);
        Assert.DoesNotContain("SYNTHETIC", cite);
        var dictionary = Read(zip, "data-dictionary.csv");
        Assert.StartsWith("\uFEFFcolumn,type,description\r\n", dictionary);
        Assert.Contains("piid,identifier,A code.\r\n", dictionary);
        Assert.Contains("amount,amount,Dollars.\r\n", dictionary);
    }

    [Fact]
    public async Task An_empty_table_is_a_header_alone()
    {
        var text = await CsvAsyncOf(Sample([]));
        Assert.Equal("\uFEFFname,piid,amount,date,count\r\n", text);

        using var stream = new MemoryStream();
        Assert.Equal(0, await XlsxExport.WriteAsync(Sample([]), stream, CancellationToken.None));
        Assert.Single(Assert.Single(Sheets(stream)).Descendants(Main + "row"));
    }

    [Fact]
    public async Task Cancelling_stops_the_rows_being_read()
    {
        using var cts = new CancellationTokenSource();
        var read = 0;
        async IAsyncEnumerable<Row> Endless([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
        {
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                if (++read == 1000)
                {
                    await cts.CancelAsync();
                }

                await Task.Yield();
                yield return Rows[3];
            }
        }

        var table = Sample() with { Rows = Endless() };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CsvExport.WriteAsync(table, Stream.Null, new CsvOptions(), cts.Token));
        Assert.InRange(read, 1000, 1001);
    }

    [Fact]
    public async Task Every_format_writes_asynchronously_to_a_forward_only_stream_as_a_web_server_requires()
    {
        var citation = new ExportCitation("q", DateTimeOffset.UnixEpoch, new Citation(null, [], false));
        await CsvExport.WriteAsync(Sample(), new AsyncOnlyStream(), new CsvOptions(), CancellationToken.None);
        await XlsxExport.WriteAsync(Sample(), new AsyncOnlyStream(), CancellationToken.None);
        await ZipExport.WriteAsync(Sample(), new AsyncOnlyStream(), new CsvOptions(), citation, CancellationToken.None);
    }

    [Fact]
    public async Task A_large_export_reaches_the_stream_in_small_pieces_so_memory_stays_flat()
    {
        var many = Enumerable.Range(0, 60_000).Select(i => Rows[i % Rows.Length] with { Name = Guid.NewGuid().ToString(), Count = i });
        var citation = new ExportCitation("q", DateTimeOffset.UnixEpoch, new Citation(null, [], false));
        var xlsx = new AsyncOnlyStream();
        var zip = new AsyncOnlyStream();

        await XlsxExport.WriteAsync(Sample(many), xlsx, CancellationToken.None);
        await ZipExport.WriteAsync(Sample(many), zip, new CsvOptions(), citation, CancellationToken.None);

        Assert.True(xlsx.Written > 256 * 1024, $"{xlsx.Written} bytes");
        Assert.InRange(xlsx.LargestWrite, 1, 128 * 1024);
        Assert.True(zip.Written > 256 * 1024, $"{zip.Written} bytes");
        Assert.InRange(zip.LargestWrite, 1, 128 * 1024);
    }

    /// <summary>Like a response body: write-only, not seekable, and synchronous writes are refused.</summary>
    private sealed class AsyncOnlyStream : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => throw new InvalidOperationException("synchronous flush");
        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("synchronous write");
        public long Written { get; private set; }
        public int LargestWrite { get; private set; }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Written += buffer.Length;
            LargestWrite = Math.Max(LargestWrite, buffer.Length);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private static async Task<string> CsvAsyncOf(Table<Row> table)
    {
        using var stream = new MemoryStream();
        await CsvExport.WriteAsync(table, stream, new CsvOptions(), CancellationToken.None);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static List<XDocument> Sheets(MemoryStream stream)
    {
        using var zip = new ZipArchive(new MemoryStream(stream.ToArray()), ZipArchiveMode.Read);
        return zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal))
            .OrderBy(e => e.FullName.Length).ThenBy(e => e.FullName, StringComparer.Ordinal)
            .Select(e => { using var s = e.Open(); return XDocument.Load(s); })
            .ToList();
    }

    private static string Read(ZipArchive zip, string name)
    {
        using var entry = zip.GetEntry(name)!.Open();
        using var bytes = new MemoryStream();
        entry.CopyTo(bytes);
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
