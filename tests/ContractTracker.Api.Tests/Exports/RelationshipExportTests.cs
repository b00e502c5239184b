using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ContractTracker.Api.Tests.Scenario;
using ContractTracker.Testing;

namespace ContractTracker.Api.Tests.Exports;

public sealed class RelationshipExportTests(ApiDatabase database) : ApiTest(database)
{
    private const string P = NewsroomScenario.Parent;

    private async Task<HttpResponseMessage> GetAsync(string query, string? accept = null)
    {
        using var client = Database.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/relationships?{query}");
        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        return await client.SendAsync(request);
    }

    [Fact]
    public async Task The_events_as_csv_are_every_modification_with_its_source_line_and_the_headers_cite_the_file()
    {
        var import = await NewsroomScenario.ImportAsync(Database, Scratch);

        using var response = await GetAsync($"vendor={P}&agency=ICE&format=csv&table=events&events_limit=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"relationship-{P}-7012-events.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var file = import.Files[0];
        Assert.Equal($"{file.FileName}; sha256={file.Sha256}", Header(response, "X-Source-Files"));
        Assert.Equal("1", Header(response, "X-Source-File-Count"));
        Assert.Equal("false", Header(response, "X-Includes-Synthetic-Data"));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", Header(response, "X-Data-As-Of"));
        Assert.Contains("format=csv", Header(response, "X-Query"));
        Assert.Contains("table=events", Header(response, "X-Query"));

        var bytes = await response.Content.ReadAsByteArrayAsync();
        var rows = CsvText.Records(bytes);
        // Not a page: the limit of the JSON form does not apply to a file.
        Assert.Equal(7, rows.Count);
        Assert.Equal(rows.Select(r => r["action_date"]).Order(StringComparer.Ordinal), rows.Select(r => r["action_date"]));
        Assert.Contains(rows, r => r["federal_action_obligation"] == "-200000.00");
        Assert.All(rows, r => Assert.Equal(file.FileId.ToString(System.Globalization.CultureInfo.InvariantCulture), r["import_file_id"]));
        Assert.All(rows, r => Assert.True(long.Parse(r["line_number"], System.Globalization.CultureInfo.InvariantCulture) >= 2));
        Assert.Equal(3_950_000.00m, rows.Sum(r => decimal.Parse(r["federal_action_obligation"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.DoesNotContain(NewsroomScenario.OfficerName, System.Text.Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public async Task The_series_as_csv_keeps_de_obligations_as_negative_numbers_and_running_totals()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);

        using var response = await GetAsync($"vendor={P}&agency=7012&table=series", accept: "text/csv");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("period,period_start,period_end,obligations_amount,deobligations_amount,obligated_amount,running_obligated_amount,transaction_count\r\n",
            text.TrimStart('\uFEFF'));
        Assert.Contains("FY2023,2022-10-01,2023-09-30,400000.00,-200000.00,200000.00,3700000.00,", text);
        Assert.Contains("FY2024,2023-10-01,2024-09-30,250000.00,0,250000.00,3950000.00,", text);
    }

    [Fact]
    public async Task The_awards_as_a_workbook_list_orders_beneath_their_IDV_with_identifiers_as_text()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);

        using var response = await GetAsync($"vendor={P}&agency=ICE&format=xlsx&table=awards");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var sheet = Workbook.FirstSheet(await response.Content.ReadAsByteArrayAsync());
        var keys = sheet.Rows.Skip(1).Select(r => r[0].Value).ToList();
        Assert.Contains(NewsroomScenario.Idv, keys);
        var order = sheet.Rows.Single(r => r[0].Value == NewsroomScenario.IceOrder);
        Assert.Equal(NewsroomScenario.Idv, order[1].Value);
        Assert.All(order.Take(2), c => Assert.Equal("inlineStr", c.Type));
        Assert.Empty(sheet.Formulas);
    }

    [Fact]
    public async Task A_zip_holds_the_csv_its_citation_with_the_source_file_and_a_data_dictionary()
    {
        var import = await NewsroomScenario.ImportAsync(Database, Scratch);

        using var response = await GetAsync($"vendor={P}&agency=ICE&format=zip&table=events", accept: null);

        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new System.IO.Compression.ZipArchive(await response.Content.ReadAsStreamAsync());
        Assert.Equal([$"relationship-{P}-7012-events.csv", "citation.txt", "data-dictionary.csv"], zip.Entries.Select(e => e.FullName));
        using var citation = new StreamReader(zip.GetEntry("citation.txt")!.Open());
        var text = await citation.ReadToEndAsync();
        Assert.Contains($"sha256 {import.Files[0].Sha256}", text);
        Assert.Contains("Rows:         7", text);
        Assert.Contains("/api/v1/relationships?vendor=LNTRNPARENT1&members=family", text);
        Assert.Contains("format=zip", text);
    }

    [Fact]
    public async Task The_json_answer_links_each_of_its_tables_as_files()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);

        using var response = await GetAsync($"vendor={P}&agency=ICE");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        var downloads = json.GetProperty("downloads").EnumerateArray().ToList();
        Assert.Equal(["series", "awards", "events"], downloads.Select(d => d.GetProperty("table").GetString()));
        var events = downloads[2].GetProperty("csv").GetString()!;
        Assert.Contains("format=csv", events);
        Assert.Contains("table=events", events);

        using var client = Database.CreateClient();
        using var followed = await client.GetAsync(events);
        Assert.Equal("text/csv", followed.Content.Headers.ContentType?.MediaType);
        Assert.Equal(8, CsvText.Parse(await followed.Content.ReadAsByteArrayAsync()).Count);
    }

    [Theory]
    [InlineData("format=pdf", "format")]
    [InlineData("format=csv&table=officers", "table")]
    [InlineData("format=csv&spreadsheet_safe=maybe", "spreadsheet_safe")]
    public async Task A_bad_export_parameter_is_a_400_problem_before_any_csv_byte(string extra, string parameter)
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);

        using var response = await GetAsync($"vendor={P}&agency=ICE&{extra}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _));
    }

    [Fact]
    public async Task A_bad_query_parameter_of_a_csv_request_is_a_400_problem_too()
    {
        using var response = await GetAsync($"vendor={P}&agency=ICE&from=2024-01-01&to=2023-01-01&format=csv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : throw new Xunit.Sdk.XunitException($"no {name} header");
}
