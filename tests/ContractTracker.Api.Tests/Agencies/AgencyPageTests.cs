using System.Net;
using System.Text.Json;
using ContractTracker.Api.Tests.Scenario;
using ContractTracker.Ingest;

namespace ContractTracker.Api.Tests.Agencies;

public sealed class AgencyPageTests(ApiDatabase database) : ApiTest(database)
{
    [Theory]
    [InlineData("ICE")]
    [InlineData("7012")]
    [InlineData("ice")]
    public async Task ICE_by_abbreviation_code_or_lower_case_is_the_sub_tier_under_DHS(string code)
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var (status, body) = await GetAsync(client, $"/api/v1/agencies/{code}");

        Assert.Equal(HttpStatusCode.OK, status);
        var agency = body.GetProperty("agency");
        Assert.Equal("subtier", agency.GetProperty("level").GetString());
        Assert.Equal("7012", agency.GetProperty("code").GetString());
        Assert.Equal("ICE", agency.GetProperty("abbreviation").GetString());
        Assert.Equal("070", agency.GetProperty("parent").GetProperty("code").GetString());
        Assert.Equal("Department of Homeland Security", agency.GetProperty("parent").GetProperty("name").GetString());
        var office = Assert.Single(agency.GetProperty("offices").EnumerateArray());
        Assert.Equal("70CDCR", office.GetProperty("code").GetString());
        Assert.Equal(5_194_067.89m, office.GetProperty("obligatedAmount").GetDecimal());
        Assert.Equal(JsonValueKind.Null, agency.GetProperty("subtiers").ValueKind);
    }

    [Fact]
    public async Task DHS_is_the_department_with_its_sub_tiers_not_its_headquarters_sub_tier()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var (_, body) = await GetAsync(client, "/api/v1/agencies/DHS");

        var agency = body.GetProperty("agency");
        Assert.Equal(("toptier", "070"), (agency.GetProperty("level").GetString(), agency.GetProperty("code").GetString()));
        Assert.Equal(JsonValueKind.Null, agency.GetProperty("parent").ValueKind);
        var subtiers = agency.GetProperty("subtiers").EnumerateArray()
            .Select(s => (s.GetProperty("code").GetString(), s.GetProperty("obligatedAmount").GetDecimal(), s.GetProperty("transactionCount").GetInt64()))
            .ToList();
        Assert.Equal([("7012", 5_194_067.89m, 9L), ("7001", 750_000.00m, 1L), ("7014", 400_000.00m, 2L)], subtiers.Take(3));
        Assert.Contains(("7000", 0m, 0L), subtiers);
        Assert.Equal(6_344_067.89m, body.GetProperty("totals").GetProperty("obligatedAmount").GetDecimal());
    }

    [Fact]
    public async Task The_level_picks_the_headquarters_sub_tier_that_shares_the_department_abbreviation()
    {
        using var client = Database.CreateClient();

        var (status, body) = await GetAsync(client, "/api/v1/agencies/DHS?level=subtier");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("7000", body.GetProperty("agency").GetProperty("code").GetString());
    }

    [Fact]
    public async Task OMB_is_ambiguous_a_400_naming_code_and_listing_its_three_sub_tiers()
    {
        using var client = Database.CreateClient();

        var (status, body) = await GetAsync(client, "/api/v1/agencies/OMB");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("code", out _));
        Assert.Equal(["1103", "1121", "1129"],
            body.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("code").GetString()).Order());
    }

    [Theory]
    [InlineData("/api/v1/agencies/ZZ99")]
    [InlineData("/api/v1/agencies/ICE?level=office")]
    public async Task An_unknown_agency_is_a_404(string url)
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var (status, body) = await GetAsync(client, url);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(404, body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task ICE_awarding_top_vendors_are_the_Lantern_family_as_reported_then_Northwind_without_the_sole_proprietor()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var (_, body) = await GetAsync(client, "/api/v1/agencies/ICE");

        var vendors = body.GetProperty("topVendors").EnumerateArray().ToList();
        Assert.Equal(2, vendors.Count);
        Assert.Equal(NewsroomScenario.Parent, vendors[0].GetProperty("parentUei").GetString());
        Assert.Equal(3_950_000.00m, vendors[0].GetProperty("obligatedAmount").GetDecimal());
        Assert.Equal(7, vendors[0].GetProperty("transactionCount").GetInt64());
        Assert.Equal(
            $"http://localhost/api/v1/relationships?vendor={NewsroomScenario.Parent}&agency=7012&lens=awarding&view=as_reported",
            vendors[0].GetProperty("relationship").GetString());
        Assert.Equal(NewsroomScenario.Northwind, vendors[1].GetProperty("parentUei").GetString());
        Assert.Equal(NewsroomScenario.NorthwindName, vendors[1].GetProperty("name").GetString());
        Assert.Equal(1_234_567.89m, vendors[1].GetProperty("obligatedAmount").GetDecimal());
    }

    [Fact]
    public async Task The_funding_lens_adds_the_order_OPO_awarded_with_ICE_money()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var (_, body) = await GetAsync(client, "/api/v1/agencies/ICE?lens=funding");

        Assert.Equal("funding", body.GetProperty("lens").GetString());
        var lantern = body.GetProperty("topVendors")[0];
        Assert.Equal(NewsroomScenario.Parent, lantern.GetProperty("parentUei").GetString());
        Assert.Equal(4_700_000.00m, lantern.GetProperty("obligatedAmount").GetDecimal());
        Assert.Equal(8, lantern.GetProperty("transactionCount").GetInt64());
        Assert.EndsWith("&lens=funding&view=as_reported", lantern.GetProperty("relationship").GetString());
    }

    [Fact]
    public async Task Obligations_by_fiscal_year_add_up_every_action_of_the_agency_under_the_lens()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var (_, awarding) = await GetAsync(client, "/api/v1/agencies/ICE");
        var (_, funding) = await GetAsync(client, "/api/v1/agencies/ICE?lens=funding");

        Assert.Equal(
            [(2021, 1_000_000.00m, 1L), (2022, 2_500_000.00m, 3L), (2023, 200_000.00m, 2L), (2024, 1_494_067.89m, 3L)],
            Years(awarding));
        Assert.Equal(5_194_067.89m, awarding.GetProperty("totals").GetProperty("obligatedAmount").GetDecimal());
        Assert.Equal(9, awarding.GetProperty("totals").GetProperty("transactionCount").GetInt64());
        Assert.Equal((2024, 2_244_067.89m, 4L), Years(funding)[^1]);
    }

    [Fact]
    public async Task A_fiscal_year_limits_the_top_vendors_to_that_year_only()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var (_, body) = await GetAsync(client, "/api/v1/agencies/ICE?fiscal_year=2024");

        Assert.Equal(2024, body.GetProperty("topVendorsFiscalYear").GetInt32());
        Assert.Equal(
            [(NewsroomScenario.Northwind, 1_234_567.89m), (NewsroomScenario.Parent, 250_000.00m)],
            body.GetProperty("topVendors").EnumerateArray().Select(v => (v.GetProperty("parentUei").GetString(), v.GetProperty("obligatedAmount").GetDecimal())));
        Assert.Equal(4, body.GetProperty("obligationsByFiscalYear").GetArrayLength());
    }

    [Fact]
    public async Task Under_the_latest_parent_the_acquired_company_joins_the_family_with_its_earlier_CBP_business()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var (_, reported) = await GetAsync(client, "/api/v1/agencies/DHS");
        var (_, latest) = await GetAsync(client, "/api/v1/agencies/DHS?view=latest_parent");

        Assert.Equal(
            [(NewsroomScenario.Parent, 4_800_000.00m), (NewsroomScenario.Northwind, 1_234_567.89m), (NewsroomScenario.Acquired, 300_000.00m)],
            Vendors(reported));
        Assert.Equal([(NewsroomScenario.Parent, 5_100_000.00m), (NewsroomScenario.Northwind, 1_234_567.89m)], Vendors(latest));
        Assert.Equal("latest_parent", latest.GetProperty("view").GetString());
    }

    [Fact]
    public async Task An_office_page_names_its_sub_tier_and_lists_no_components()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var (_, body) = await GetAsync(client, "/api/v1/agencies/70RTAC");

        var agency = body.GetProperty("agency");
        Assert.Equal("office", agency.GetProperty("level").GetString());
        Assert.Equal("OPO ICE SUPPORT DIVISION", agency.GetProperty("name").GetString());
        Assert.Equal(("subtier", "7001", "OPO"),
            (agency.GetProperty("parent").GetProperty("level").GetString(), agency.GetProperty("parent").GetProperty("code").GetString(),
             agency.GetProperty("parent").GetProperty("abbreviation").GetString()));
        Assert.Equal(JsonValueKind.Null, agency.GetProperty("offices").ValueKind);
        Assert.Equal([(NewsroomScenario.Parent, 750_000.00m)], Vendors(body));
    }

    [Fact]
    public async Task The_sole_proprietor_is_never_a_top_vendor_under_any_lens_view_or_year()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        foreach (var url in new[]
                 {
                     "/api/v1/agencies/ICE", "/api/v1/agencies/ICE?lens=funding", "/api/v1/agencies/ICE?view=latest_parent",
                     "/api/v1/agencies/ICE?fiscal_year=2024", "/api/v1/agencies/DHS?fiscal_year=2024&view=latest_parent", "/api/v1/agencies/70CDCR",
                 })
        {
            using var response = await client.GetAsync(url);
            var text = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain(NewsroomScenario.SoleProprietor, text, StringComparison.Ordinal);
            Assert.DoesNotContain(NewsroomScenario.SoleProprietorName, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(NewsroomScenario.OfficerName, text, StringComparison.OrdinalIgnoreCase);
        }

        // The person's purchase still counts in the agency's own totals: they are the agency's spending, not a profile.
        var (_, ice) = await GetAsync(client, "/api/v1/agencies/ICE?fiscal_year=2024");
        Assert.Equal(1_494_067.89m, Years(ice)[^1].Item2);
    }

    [Fact]
    public async Task The_citation_names_the_source_file_with_its_SHA_256_and_its_link_asks_the_same_question()
    {
        var summary = await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var (_, body) = await GetAsync(client, "/api/v1/agencies/ICE?lens=funding&fiscal_year=2024");

        var citation = body.GetProperty("citation");
        Assert.Equal(await Database.ScalarAsync<DateTimeOffset>("SELECT max(finished_at) FROM import_files"),
            citation.GetProperty("dataAsOf").GetDateTimeOffset());
        var file = Assert.Single(citation.GetProperty("sourceFiles").EnumerateArray());
        AssertScenarioFile(summary, file);
        Assert.False(citation.GetProperty("includesSyntheticData").GetBoolean());
        var reproduce = citation.GetProperty("reproduce").GetString()!;
        Assert.Equal("http://localhost/api/v1/agencies/ICE?level=subtier&lens=funding&fiscal_year=2024&view=as_reported&limit=25", reproduce);

        var (_, again) = await GetAsync(client, reproduce);
        Assert.Equal(body.GetProperty("topVendors").ToString(), again.GetProperty("topVendors").ToString());
        Assert.Equal(body.GetProperty("obligationsByFiscalYear").ToString(), again.GetProperty("obligationsByFiscalYear").ToString());
    }

    [Theory]
    [InlineData("level=agency", "level")]
    [InlineData("lens=paying", "lens")]
    [InlineData("fiscal_year=24", "fiscal_year")]
    [InlineData("fiscal_year=next", "fiscal_year")]
    [InlineData("view=newest", "view")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    public async Task Bad_input_is_a_400_naming_the_parameter(string query, string parameter)
    {
        using var client = Database.CreateClient();

        var (status, body) = await GetAsync(client, $"/api/v1/agencies/ICE?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty(parameter, out _), body.ToString());
    }

    internal static void AssertScenarioFile(ImportRunSummary summary, JsonElement file)
    {
        Assert.Equal(summary.Files[0].FileId, file.GetProperty("importFileId").GetInt64());
        Assert.Equal("FY2024_070_Contracts_Full_20261001_1.csv", file.GetProperty("fileName").GetString());
        Assert.Equal(summary.Files[0].Sha256, file.GetProperty("sha256").GetString());
        Assert.Equal(64, summary.Files[0].Sha256.Length);
        Assert.Equal("newsroom scenario", file.GetProperty("source").GetString());
    }

    private static List<(int, decimal, long)> Years(JsonElement page) =>
        page.GetProperty("obligationsByFiscalYear").EnumerateArray()
            .Select(y => (y.GetProperty("fiscalYear").GetInt32(), y.GetProperty("obligatedAmount").GetDecimal(), y.GetProperty("transactionCount").GetInt64()))
            .ToList();

    private static List<(string?, decimal)> Vendors(JsonElement page) =>
        page.GetProperty("topVendors").EnumerateArray().Select(v => (v.GetProperty("parentUei").GetString(), v.GetProperty("obligatedAmount").GetDecimal())).ToList();

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(NewsroomScenario.OfficerName, text, StringComparison.OrdinalIgnoreCase);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }
}
