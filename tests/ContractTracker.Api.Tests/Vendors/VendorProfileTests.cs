using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContractTracker.Api.Tests.Scenario;

namespace ContractTracker.Api.Tests.Vendors;

public sealed class VendorProfileTests(ApiDatabase database) : ApiTest(database)
{
    private const string ParentUrl = $"/api/v1/vendors/{NewsroomScenario.Parent}";

    [Fact]
    public async Task The_parent_s_family_as_reported_totals_what_its_actions_reported()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var profile = await ApiResponse.GetAsync(client, ParentUrl);

        Assert.Equal(HttpStatusCode.OK, profile.Status);
        Assert.Equal(NewsroomScenario.Parent, profile.Json.GetProperty("uei").GetString());
        Assert.Equal(NewsroomScenario.ParentName, profile.Json.GetProperty("name").GetString());
        AssertTotals(profile.Json, 4_800_000.00m, 9, "2021-03-15", "2024-01-15");
        Assert.Equal(
            [(2021, 1_000_000.00m, 1L), (2022, 2_600_000.00m, 4L), (2023, 200_000.00m, 2L), (2024, 1_000_000.00m, 2L)],
            FiscalYears(profile.Json));
        Assert.Equal(
            [("7012", 3_950_000.00m, 7L), ("7001", 750_000.00m, 1L), ("7014", 100_000.00m, 1L)],
            Agencies(profile.Json));
    }

    [Fact]
    public async Task Under_the_latest_parent_the_family_adds_the_acquired_company_s_earlier_actions()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var profile = await ApiResponse.GetAsync(client, $"{ParentUrl}?view=latest_parent");

        AssertTotals(profile.Json, 5_100_000.00m, 10, "2021-03-15", "2024-01-15");
        Assert.Equal(
            [(2021, 1_300_000.00m, 2L), (2022, 2_600_000.00m, 4L), (2023, 200_000.00m, 2L), (2024, 1_000_000.00m, 2L)],
            FiscalYears(profile.Json));
        Assert.Equal(
            [("7012", 3_950_000.00m, 7L), ("7001", 750_000.00m, 1L), ("7014", 400_000.00m, 2L)],
            Agencies(profile.Json));
        var acquired = Member(profile.Json, NewsroomScenario.Acquired);
        Assert.Equal(800_000.00m, acquired.GetProperty("obligatedAmountInVendor").GetDecimal());
        Assert.Equal(3, acquired.GetProperty("transactionCountInVendor").GetInt64());
    }

    [Fact]
    public async Task The_funding_lens_counts_the_order_an_other_office_awarded_with_ICE_money_under_ICE()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var profile = await ApiResponse.GetAsync(client, $"{ParentUrl}?lens=funding");

        AssertTotals(profile.Json, 4_800_000.00m, 9, "2021-03-15", "2024-01-15");
        Assert.Equal([("7012", 4_700_000.00m, 8L), ("7014", 100_000.00m, 1L)], Agencies(profile.Json));
    }

    [Fact]
    public async Task Agency_rows_carry_toptier_and_sub_tier_names_and_a_link_to_the_relationship()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var profile = await ApiResponse.GetAsync(client, $"{ParentUrl}?view=latest_parent&lens=funding");

        var ice = profile.Json.GetProperty("obligationsByAgency")[0];
        Assert.Equal("070", ice.GetProperty("toptier").GetProperty("code").GetString());
        Assert.Equal("Department of Homeland Security", ice.GetProperty("toptier").GetProperty("name").GetString());
        Assert.Equal("DHS", ice.GetProperty("toptier").GetProperty("abbreviation").GetString());
        Assert.Equal("7012", ice.GetProperty("subtier").GetProperty("code").GetString());
        Assert.Equal("U.S. Immigration and Customs Enforcement", ice.GetProperty("subtier").GetProperty("name").GetString());
        Assert.Equal("ICE", ice.GetProperty("subtier").GetProperty("abbreviation").GetString());
        Assert.Equal("2021-03-15", ice.GetProperty("firstActionDate").GetString());
        Assert.Equal("2024-01-15", ice.GetProperty("lastActionDate").GetString());
        Assert.Equal(
            $"http://localhost/api/v1/relationships?vendor={NewsroomScenario.Parent}&agency=7012&lens=funding&view=latest_parent",
            ice.GetProperty("links").GetProperty("relationships").GetString());
    }

    [Fact]
    public async Task Members_show_the_names_and_parents_they_reported_over_time_and_which_family_they_are_in()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var profile = await ApiResponse.GetAsync(client, ParentUrl);

        Assert.Equal([NewsroomScenario.Acquired, NewsroomScenario.Parent, NewsroomScenario.Subsidiary],
            profile.Json.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("uei").GetString()));

        var acquired = Member(profile.Json, NewsroomScenario.Acquired);
        Assert.Equal(NewsroomScenario.AcquiredName, acquired.GetProperty("name").GetString());
        Assert.Equal(NewsroomScenario.Parent, acquired.GetProperty("latestParentUei").GetString());
        Assert.True(acquired.GetProperty("inFamilyAsReported").GetBoolean());
        Assert.True(acquired.GetProperty("inFamilyUnderLatestParent").GetBoolean());
        Assert.Equal(500_000.00m, acquired.GetProperty("obligatedAmountInVendor").GetDecimal());
        Assert.Equal(2, acquired.GetProperty("transactionCountInVendor").GetInt64());
        Assert.Equal(800_000.00m, acquired.GetProperty("obligatedAmount").GetDecimal());
        Assert.Equal(3, acquired.GetProperty("transactionCount").GetInt64());
        Assert.Equal(
            [(NewsroomScenario.Acquired, "2021-06-01", "2021-06-01", 300_000.00m), (NewsroomScenario.Parent, "2022-08-01", "2023-02-01", 500_000.00m)],
            ParentsReported(acquired));

        var parent = Member(profile.Json, NewsroomScenario.Parent);
        Assert.Equal(
            [(NewsroomScenario.ParentName, "2021-03-15", "2021-03-15"), ("FICTIONAL LANTERN ANALYTICS, INC.", "2022-02-10", "2022-02-10"),
             ("Fictional Lantern Analytics Inc", "2023-05-20", "2023-05-20")],
            parent.GetProperty("namesSeen").EnumerateArray()
                .Select(n => (n.GetProperty("name").GetString(), n.GetProperty("firstActionDate").GetString(), n.GetProperty("lastActionDate").GetString())));
        Assert.Equal(1_300_000.00m, parent.GetProperty("obligatedAmountInVendor").GetDecimal());

        var subsidiary = Member(profile.Json, NewsroomScenario.Subsidiary);
        Assert.Equal([(NewsroomScenario.Parent, "2022-01-05", "2024-01-15", 3_000_000.00m)], ParentsReported(subsidiary));
        Assert.Equal(3_000_000.00m, subsidiary.GetProperty("obligatedAmountInVendor").GetDecimal());
    }

    [Fact]
    public async Task The_acquired_company_reported_itself_as_parent_in_2021_and_the_family_s_parent_afterwards()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var profile = await ApiResponse.GetAsync(client, $"/api/v1/vendors/{NewsroomScenario.Acquired}");

        Assert.Equal(HttpStatusCode.OK, profile.Status);
        Assert.Equal(NewsroomScenario.AcquiredName, profile.Json.GetProperty("name").GetString());
        var self = Assert.Single(profile.Json.GetProperty("members").EnumerateArray());
        Assert.Equal(
            [(NewsroomScenario.Acquired, "2021-06-01", "2021-06-01", 300_000.00m), (NewsroomScenario.Parent, "2022-08-01", "2023-02-01", 500_000.00m)],
            ParentsReported(self));
        Assert.Equal(NewsroomScenario.Parent, self.GetProperty("latestParentUei").GetString());
        AssertTotals(profile.Json, 800_000.00m, 3, "2021-06-01", "2023-02-01");
        Assert.Equal([(2021, 300_000.00m, 1L), (2022, 100_000.00m, 1L), (2023, 400_000.00m, 1L)], FiscalYears(profile.Json));
        Assert.Equal([("7012", 400_000.00m, 1L), ("7014", 400_000.00m, 2L)], Agencies(profile.Json));
    }

    [Fact]
    public async Task A_subsidiary_is_a_vendor_of_its_own_with_its_own_actions()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var profile = await ApiResponse.GetAsync(client, $"/api/v1/vendors/{NewsroomScenario.Subsidiary}?view=latest_parent");

        Assert.Equal(HttpStatusCode.OK, profile.Status);
        AssertTotals(profile.Json, 3_000_000.00m, 4, "2022-01-05", "2024-01-15");
        var self = Assert.Single(profile.Json.GetProperty("members").EnumerateArray());
        Assert.Equal(NewsroomScenario.Subsidiary, self.GetProperty("uei").GetString());
    }

    [Fact]
    public async Task Members_self_counts_the_UEI_s_own_actions_only()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var profile = await ApiResponse.GetAsync(client, $"{ParentUrl}?members=self");

        AssertTotals(profile.Json, 1_300_000.00m, 3, "2021-03-15", "2023-05-20");
        var self = Assert.Single(profile.Json.GetProperty("members").EnumerateArray());
        Assert.Equal(NewsroomScenario.Parent, self.GetProperty("uei").GetString());
        Assert.Equal([(2021, 1_000_000.00m, 1L), (2022, 500_000.00m, 1L), (2023, -200_000.00m, 1L)], FiscalYears(profile.Json));
        Assert.Equal(
            $"http://localhost/api/v1/relationships?vendor={NewsroomScenario.Parent}&agency=7012&lens=awarding&view=as_reported&members=self",
            profile.Json.GetProperty("obligationsByAgency")[0].GetProperty("links").GetProperty("relationships").GetString());
    }

    [Fact]
    public async Task A_UEI_in_lower_case_is_the_same_vendor()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var profile = await ApiResponse.GetAsync(client, $"/api/v1/vendors/{NewsroomScenario.Parent.ToLowerInvariant()}");

        Assert.Equal(NewsroomScenario.Parent, profile.Json.GetProperty("uei").GetString());
        AssertTotals(profile.Json, 4_800_000.00m, 9, "2021-03-15", "2024-01-15");
    }

    [Fact]
    public async Task The_answer_cites_the_scenario_file_and_a_link_that_asks_again()
    {
        var (scenario, _) = await VendorScenarioExtras.ImportWithScenarioAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var profile = await ApiResponse.GetAsync(client, ParentUrl);

        var citation = profile.Json.GetProperty("citation");
        Assert.Equal(await Database.ScalarAsync<DateTimeOffset>("SELECT max(finished_at) FROM import_files"), citation.GetProperty("dataAsOf").GetDateTimeOffset());
        var file = Assert.Single(citation.GetProperty("sourceFiles").EnumerateArray());
        Assert.Equal(scenario.FileId, file.GetProperty("importFileId").GetInt64());
        Assert.Equal("FY2024_070_Contracts_Full_20261001_1.csv", file.GetProperty("fileName").GetString());
        Assert.Equal(scenario.Sha256, file.GetProperty("sha256").GetString());
        Assert.Equal("newsroom scenario", file.GetProperty("source").GetString());
        var reproduce = citation.GetProperty("reproduce").GetString()!;
        Assert.Equal($"http://localhost{ParentUrl}?view=as_reported&lens=awarding&members=family", reproduce);

        var again = await ApiResponse.GetAsync(client, reproduce);
        Assert.Equal(WithoutCitation(profile), WithoutCitation(again));
    }

    [Fact]
    public async Task A_sole_proprietor_reporting_the_parent_is_not_a_member_and_changes_no_figure()
    {
        await VendorScenarioExtras.ImportWithScenarioAsync(Database, Scratch);
        using var client = Database.CreateClient();

        foreach (var (view, total) in new[] { ("as_reported", 4_800_000.00m), ("latest_parent", 5_100_000.00m) })
        {
            foreach (var lens in new[] { "awarding", "funding" })
            {
                var profile = await ApiResponse.GetAsync(client, $"{ParentUrl}?view={view}&lens={lens}");

                Assert.Equal(total, profile.Json.GetProperty("totals").GetProperty("obligatedAmount").GetDecimal());
                Assert.Equal(total, profile.Json.GetProperty("obligationsByAgency").EnumerateArray().Sum(a => a.GetProperty("obligatedAmount").GetDecimal()));
                Assert.Equal(total, profile.Json.GetProperty("obligationsByFiscalYear").EnumerateArray().Sum(a => a.GetProperty("obligatedAmount").GetDecimal()));
                Assert.DoesNotContain(VendorScenarioExtras.TradingSoleProprietor, profile.Text, StringComparison.Ordinal);
                Assert.DoesNotContain("JORDAN LEE", profile.Text, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public async Task A_sole_proprietor_s_profile_is_the_same_404_as_an_unknown_UEI_s()
    {
        await VendorScenarioExtras.ImportWithScenarioAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var unknown = await ApiResponse.GetAsync(client, "/api/v1/vendors/ZZZZZZZZZZZZ");
        var unknownOtherShape = await ApiResponse.GetAsync(client, "/api/v1/vendors/000000000000?view=latest_parent&members=self");

        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("application/problem+json", unknown.ContentType);
        var expected = Anonymized(unknown, "ZZZZZZZZZZZZ");
        Assert.Equal(expected, Anonymized(unknownOtherShape, "000000000000"));
        foreach (var person in new[] { NewsroomScenario.SoleProprietor, VendorScenarioExtras.TradingSoleProprietor })
        {
            foreach (var query in new[] { "", "?view=latest_parent", "?members=self", "?lens=funding" })
            {
                var response = await ApiResponse.GetAsync(client, $"/api/v1/vendors/{person}{query}");
                Assert.Equal(HttpStatusCode.NotFound, response.Status);
                Assert.Equal(unknown.ContentType, response.ContentType);
                Assert.Equal(expected, Anonymized(response, person));
            }
        }
    }

    [Fact]
    public async Task No_answer_contains_an_officer_s_name_or_a_person()
    {
        await VendorScenarioExtras.ImportWithScenarioAsync(Database, Scratch);
        using var client = Database.CreateClient();

        foreach (var uei in new[] { NewsroomScenario.Parent, NewsroomScenario.Subsidiary, NewsroomScenario.Acquired, NewsroomScenario.Northwind, NewsroomScenario.SoleProprietor })
        {
            foreach (var query in new[] { "", "?view=latest_parent&lens=funding", "?members=self" })
            {
                var response = await ApiResponse.GetAsync(client, $"/api/v1/vendors/{uei}{query}");
                Assert.DoesNotContain(NewsroomScenario.OfficerName, response.Text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(NewsroomScenario.SoleProprietorName, response.Text, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Theory]
    [InlineData("/api/v1/vendors/LNTRN", "uei")]
    [InlineData("/api/v1/vendors/LNTRNPARENT12", "uei")]
    [InlineData("/api/v1/vendors/LNTRN-PARENT", "uei")]
    [InlineData("/api/v1/vendors/LNTRN%20PARENT", "uei")]
    [InlineData("/api/v1/vendors/LNTRNPARENT1?view=reported", "view")]
    [InlineData("/api/v1/vendors/LNTRNPARENT1?lens=paying", "lens")]
    [InlineData("/api/v1/vendors/LNTRNPARENT1?members=all", "members")]
    public async Task Bad_input_is_a_400_naming_the_parameter(string url, string parameter)
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var response = await ApiResponse.GetAsync(client, url);

        Assert.NotEmpty(response.ErrorsFor(parameter));
    }

    private static void AssertTotals(JsonElement profile, decimal obligated, long transactions, string first, string last)
    {
        var totals = profile.GetProperty("totals");
        Assert.Equal(obligated, totals.GetProperty("obligatedAmount").GetDecimal());
        Assert.Equal(transactions, totals.GetProperty("transactionCount").GetInt64());
        Assert.Equal(first, totals.GetProperty("firstActionDate").GetString());
        Assert.Equal(last, totals.GetProperty("lastActionDate").GetString());
    }

    private static List<(int, decimal, long)> FiscalYears(JsonElement profile) =>
        profile.GetProperty("obligationsByFiscalYear").EnumerateArray()
            .Select(y => (y.GetProperty("fiscalYear").GetInt32(), y.GetProperty("obligatedAmount").GetDecimal(), y.GetProperty("transactionCount").GetInt64()))
            .ToList();

    private static List<(string?, decimal, long)> Agencies(JsonElement profile) =>
        profile.GetProperty("obligationsByAgency").EnumerateArray()
            .Select(a => (a.GetProperty("subtier").GetProperty("code").GetString(), a.GetProperty("obligatedAmount").GetDecimal(),
                a.GetProperty("transactionCount").GetInt64()))
            .ToList();

    private static JsonElement Member(JsonElement profile, string uei) =>
        profile.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("uei").GetString() == uei);

    private static List<(string?, string?, string?, decimal)> ParentsReported(JsonElement member) =>
        member.GetProperty("parentsReported").EnumerateArray()
            .Select(p => (p.GetProperty("parentUei").GetString(), p.GetProperty("firstActionDate").GetString(), p.GetProperty("lastActionDate").GetString(),
                p.GetProperty("obligatedAmount").GetDecimal()))
            .ToList();

    private static string WithoutCitation(ApiResponse response)
    {
        var body = JsonNode.Parse(response.Text)!.AsObject();
        body.Remove("citation");
        return body.ToJsonString();
    }

    /// <summary>The problem's body with the UEI it names and its trace id taken out.</summary>
    private static string Anonymized(ApiResponse response, string uei)
    {
        var body = JsonNode.Parse(response.Text.Replace(uei, "{uei}", StringComparison.Ordinal))!.AsObject();
        body.Remove("traceId");
        return body.ToJsonString();
    }
}
