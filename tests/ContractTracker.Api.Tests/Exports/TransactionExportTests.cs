using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ContractTracker.Api.Tests.Scenario;
using ContractTracker.Ingest;
using ContractTracker.Ingest.Format;
using ContractTracker.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ContractTracker.Api.Tests.Exports;

public sealed class TransactionExportTests(ApiDatabase database) : ApiTest(database)
{
    private const string Formula = "=HYPERLINK(\"http://example.invalid\",\"click\")";

    /// <summary>The newsroom scenario, then a file of two ICE actions with what spreadsheets trip on.</summary>
    private async Task<(ImportFileSummary Scenario, ImportFileSummary Extra)> ImportAsync()
    {
        var scenario = await NewsroomScenario.ImportAsync(Database, Scratch);
        var extra = SourceFileBuilder.Transactions()
            .Add(r => r.Award("70CDCR25C00000901", "7012").Awarding("070", "Department of Homeland Security", "7012", "U.S. Immigration and Customs Enforcement").Recipient("SPRDSHEET001", "FICTIONAL CELLS AND ROWS LLC").On("2025-01-10")
                .Obligation(-1250.50m).Set("action_type_code", "M").Set("transaction_description", Formula).Modified("2025-01-11 10:00:00+00")
                .Set("award_id_piid", "0070CDCR25C00000901"))
            .Add(r => r.Award("70CDCR25C00000902", "7012").Awarding("070", "Department of Homeland Security", "7012", "U.S. Immigration and Customs Enforcement").Recipient("SPRDSHEET001", "FICTIONAL CELLS AND ROWS LLC").On("2025-02-10")
                .Obligation(10m).Set("transaction_description", "-2 SPARE PARTS, \"SMALL\"\nSECOND LINE").Modified("2025-02-11 10:00:00+00"))
            .WriteTo(Scratch, "FY2025_070_Contracts_Full_20261005_1.csv");
        var importer = Database.Factory.Services.GetRequiredService<Importer>();
        var summary = await importer.ImportAsync(new ImportRequest([extra], "export tests"), null, CancellationToken.None);
        Assert.Equal(ImportStatus.Succeeded, summary.Status);
        return (scenario.Files[0], summary.Files[0]);
    }

    private async Task<HttpResponseMessage> GetAsync(string pathAndQuery)
    {
        using var client = Database.CreateClient();
        return await client.GetAsync(pathAndQuery);
    }

    [Fact]
    public async Task A_csv_of_transactions_is_every_matching_action_not_a_page_and_safe_to_open_in_a_spreadsheet()
    {
        await ImportAsync();

        using var response = await GetAsync("/api/v1/transactions?agency=ICE&format=csv&limit=2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes.Take(3));
        var rows = CsvText.Records(bytes);
        var ice = await Database.ScalarAsync<long>("SELECT count(*) FROM transactions WHERE awarding_sub_agency_code = '7012'");
        Assert.Equal(ice, rows.Count);
        Assert.Equal(rows.Select(r => r["action_date"]).Order(StringComparer.Ordinal), rows.Select(r => r["action_date"]));

        var deobligation = rows.Single(r => r["award_id_piid"] == "0070CDCR25C00000901");
        Assert.Equal("-1250.50", deobligation["federal_action_obligation"]);
        Assert.Equal("'" + Formula, deobligation["transaction_description"]);
        var multiline = rows.Single(r => r["action_date"] == "2025-02-10");
        Assert.Equal("'-2 SPARE PARTS, \"SMALL\"\nSECOND LINE", multiline["transaction_description"]);
        // Amounts are bare numbers in the file itself, never quoted.
        Assert.Contains(",-1250.50,", Encoding.UTF8.GetString(bytes));
        Assert.DoesNotContain(NewsroomScenario.OfficerName, Encoding.UTF8.GetString(bytes));
        Assert.Equal("data-set", Header(response, "X-Source-Files-Scope"));
        Assert.Equal("2", Header(response, "X-Source-File-Count"));
    }

    [Fact]
    public async Task Without_spreadsheet_safety_text_comes_out_exactly()
    {
        await ImportAsync();

        using var response = await GetAsync("/api/v1/transactions?agency=ICE&from=2025-01-01&format=csv&spreadsheet_safe=false");

        var rows = CsvText.Records(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(Formula, rows[0]["transaction_description"]);
        Assert.Contains("spreadsheet_safe=false", Header(response, "X-Query"));
    }

    [Fact]
    public async Task A_zip_of_transactions_cites_exactly_the_files_its_rows_came_from()
    {
        var (scenario, extra) = await ImportAsync();

        using var response = await GetAsync("/api/v1/transactions?agency=ICE&from=2025-01-01&format=zip");

        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new System.IO.Compression.ZipArchive(await response.Content.ReadAsStreamAsync());
        using var reader = new StreamReader(zip.GetEntry("citation.txt")!.Open());
        var citation = await reader.ReadToEndAsync();
        Assert.Contains("Rows:         2", citation);
        Assert.Contains($"sha256 {extra.Sha256}", citation);
        Assert.DoesNotContain(scenario.Sha256, citation);
        Assert.Contains("Source files (1)", citation);
        Assert.Contains("/api/v1/transactions?agency=7012&agency_level=subtier&lens=awarding&from=2025-01-01&sort=action_date&format=zip", citation);
    }

    [Fact]
    public async Task A_workbook_of_transactions_keeps_leading_zeros_and_has_no_formulas()
    {
        await ImportAsync();

        using var response = await GetAsync("/api/v1/transactions?agency=ICE&format=xlsx");

        var sheet = Workbook.FirstSheet(await response.Content.ReadAsByteArrayAsync());
        var header = sheet.Rows[0].Select(c => c.Value).ToList();
        var piid = header.IndexOf("award_id_piid");
        var amount = header.IndexOf("federal_action_obligation");
        var row = sheet.Rows.Single(r => r[piid].Value == "0070CDCR25C00000901");
        Assert.Equal("inlineStr", row[piid].Type);
        Assert.Null(row[amount].Type);
        Assert.Equal(-1250.5m, decimal.Parse(row[amount].Value, CultureInfo.InvariantCulture));
        Assert.Empty(sheet.Formulas);
    }

    [Fact]
    public async Task The_json_page_links_the_whole_answer_as_files_and_the_raw_export()
    {
        await ImportAsync();

        using var response = await GetAsync("/api/v1/transactions?agency=ICE&limit=2");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        var csv = json.GetProperty("downloads").GetProperty("csv").GetString()!;
        Assert.Contains("format=csv", csv);
        Assert.DoesNotContain("limit=", csv);
        Assert.Contains("/api/v1/transactions/raw?agency=7012", json.GetProperty("raw").GetString());
    }

    [Fact]
    public async Task The_raw_export_re_imported_into_an_empty_database_reproduces_the_same_transactions()
    {
        await ImportAsync();
        var before = await TransactionsAsync();

        using var response = await GetAsync("/api/v1/transactions/raw?sort=-action_date");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(TransactionColumns.Current, CsvText.Parse(bytes)[0]);
        Assert.DoesNotContain(NewsroomScenario.OfficerName, Encoding.UTF8.GetString(bytes));
        Assert.Contains(CsvText.Records(bytes), r => r["transaction_description"] == Formula);
        var file = Path.Combine(Scratch, "transactions-raw.csv");
        await File.WriteAllBytesAsync(file, bytes);

        await Database.ResetAsync();
        var importer = Database.Factory.Services.GetRequiredService<Importer>();
        var again = await importer.ImportAsync(new ImportRequest([file], "raw export"), null, CancellationToken.None);

        Assert.Equal(ImportStatus.Succeeded, again.Status);
        Assert.Equal(before.Count, again.Files[0].Counts.Inserted);
        Assert.Equal(before, await TransactionsAsync());
    }

    [Fact]
    public async Task The_raw_export_takes_the_list_filters_and_refuses_json()
    {
        await ImportAsync();

        using var filtered = await GetAsync("/api/v1/transactions/raw?vendor=SPRDSHEET001");
        Assert.Equal(2, CsvText.Parse(await filtered.Content.ReadAsByteArrayAsync()).Count - 1);

        using var json = await GetAsync("/api/v1/transactions/raw?format=json");
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        using var badDate = await GetAsync("/api/v1/transactions/raw?from=07/16/2026");
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Contains("\"from\"", await badDate.Content.ReadAsStringAsync());
    }

    /// <summary>Every transaction's typed columns, officer names aside, keyed and sorted (what a re-import must give back).</summary>
    private async Task<List<string>> TransactionsAsync()
    {
        var rows = new List<string>();
        await using var command = Database.DataSource.CreateCommand("""
            SELECT (to_jsonb(t) - 'import_file_id' - 'record_number' - 'line_number' - 'content_hash' - 'raw_record')::text
            FROM transactions t ORDER BY contract_transaction_unique_key
            """);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : throw new Xunit.Sdk.XunitException($"no {name} header");
}
