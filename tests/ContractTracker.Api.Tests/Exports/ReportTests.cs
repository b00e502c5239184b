using System.Globalization;
using System.Net;
using System.Text.Json;
using ContractTracker.Api.Tests.Scenario;
using ContractTracker.Testing;

namespace ContractTracker.Api.Tests.Exports;

public sealed class ReportTests(ApiDatabase database) : ApiTest(database)
{
    private async Task<JsonElement> JsonAsync(string url)
    {
        using var client = Database.CreateClient();
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.DoesNotContain(NewsroomScenario.OfficerName, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<List<Dictionary<string, string>>> CsvAsync(string url)
    {
        using var client = Database.CreateClient();
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return CsvText.Records(await response.Content.ReadAsByteArrayAsync());
    }

    private static decimal Amount(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_vendor_agency_ledger_lists_every_transaction_with_running_totals()
    {
        var import = await NewsroomScenario.ImportAsync(Database, Scratch);

        var json = await JsonAsync($"/api/v1/reports/vendor-agency-ledger?vendor={NewsroomScenario.Parent}&agency=ICE");
        var csv = await CsvAsync($"/api/v1/reports/vendor-agency-ledger?vendor={NewsroomScenario.Parent}&agency=ICE&format=csv");

        var rows = json.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(7, rows.Count);
        Assert.Equal(3_950_000.00m, rows[^1].GetProperty("runningObligatedAmount").GetDecimal());
        Assert.Equal(7, csv.Count);
        Assert.Equal("1000000.00", csv[0]["running_obligated_amount"]);
        Assert.Equal(3_950_000.00m, Amount(csv[^1]["running_obligated_amount"]));
        Assert.Equal(csv.Sum(r => Amount(r["federal_action_obligation"])), Amount(csv[^1]["running_obligated_amount"]));
        Assert.Contains(csv, r => r["federal_action_obligation"] == "-200000.00");
        Assert.Equal(import.Files[0].Sha256, json.GetProperty("citation").GetProperty("sourceFiles")[0].GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task The_agency_top_vendors_report_ranks_families_in_each_fiscal_year()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);

        var csv = await CsvAsync("/api/v1/reports/agency-top-vendors?agency=ICE&format=csv");

        Assert.Equal(["2021", "2022", "2023", "2024"], csv.Select(r => r["fiscal_year"]).Distinct());
        Assert.All(csv.GroupBy(r => r["fiscal_year"]), year =>
        {
            Assert.Equal(Enumerable.Range(1, year.Count()).Select(i => i.ToString(CultureInfo.InvariantCulture)), year.Select(r => r["rank"]));
            Assert.Equal(year.Select(r => Amount(r["obligated_amount"])).OrderDescending(), year.Select(r => Amount(r["obligated_amount"])));
        });
        var lanternFy2023 = csv.Single(r => r["fiscal_year"] == "2023" && r["parent_uei"] == NewsroomScenario.Parent);
        Assert.Equal(200_000.00m, Amount(lanternFy2023["obligated_amount"]));
        Assert.DoesNotContain(csv, r => r["parent_uei"] == NewsroomScenario.SoleProprietor);
    }

    [Fact]
    public async Task The_award_history_report_gives_each_modification_and_the_running_obligation()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);

        var csv = await CsvAsync($"/api/v1/reports/award-history?award={NewsroomScenario.ParentContract.ToLowerInvariant()}&format=csv");

        Assert.Equal(["1000000.00", "1500000.00", "1300000.00"], csv.Select(r => r["running_obligated_amount"]));
        Assert.Equal(["1000000.00", "500000.00", "-200000.00"], csv.Select(r => r["federal_action_obligation"]));
        Assert.Equal(["3000000.00", "3000000.00", "3000000.00"], csv.Select(r => r["potential_total_value_of_award"]));
    }

    [Fact]
    public async Task The_new_awards_report_lists_awards_first_seen_in_the_period_sole_proprietors_included_as_rows()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);

        var json = await JsonAsync("/api/v1/reports/new-awards?agency=ICE&from=2024-01-01&to=2024-12-31");

        var keys = json.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("award").GetProperty("contractAwardUniqueKey").GetString()).ToList();
        Assert.Equal([NewsroomScenario.SoleProprietorOrder, "CONT_AWD_70CDCR24C00000003_7012_-NONE-_-NONE-"], keys);
    }

    [Theory]
    [InlineData("/api/v1/reports/vendor-agency-ledger?agency=ICE", HttpStatusCode.BadRequest, "vendor")]
    [InlineData("/api/v1/reports/vendor-agency-ledger?vendor=LNTRNPARENT1", HttpStatusCode.BadRequest, "agency")]
    [InlineData("/api/v1/reports/new-awards?from=2024-01-01", HttpStatusCode.BadRequest, "to")]
    [InlineData("/api/v1/reports/new-awards?from=2025-01-01&to=2024-01-01&format=csv", HttpStatusCode.BadRequest, "from")]
    [InlineData("/api/v1/reports/agency-top-vendors?agency=ICE&from_fiscal_year=FY24", HttpStatusCode.BadRequest, "from_fiscal_year")]
    [InlineData("/api/v1/reports/award-history?award=CONT_AWD_NOPE", HttpStatusCode.NotFound, null)]
    [InlineData("/api/v1/reports/officer-pay", HttpStatusCode.NotFound, null)]
    public async Task Bad_report_parameters_are_a_problem_before_any_byte(string url, HttpStatusCode status, string? parameter)
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        using var response = await client.GetAsync(url);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (parameter is not null)
        {
            Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty(parameter, out _));
        }
    }

    [Fact]
    public async Task The_reports_are_listed()
    {
        var list = await JsonAsync("/api/v1/reports");

        Assert.Equal(["vendor-agency-ledger", "agency-top-vendors", "award-history", "new-awards"],
            list.EnumerateArray().Select(r => r.GetProperty("name").GetString()));
    }
}
