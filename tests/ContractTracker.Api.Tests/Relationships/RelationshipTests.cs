using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContractTracker.Api.Tests.Scenario;

namespace ContractTracker.Api.Tests.Relationships;

public sealed class RelationshipTests(ApiDatabase database) : ApiTest(database)
{
    private const string P = NewsroomScenario.Parent;

    private async Task<JsonElement> GetAsync(string query)
    {
        using var client = Database.CreateClient();
        var response = await client.GetAsync($"/api/v1/relationships?{query}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.DoesNotContain(NewsroomScenario.OfficerName, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private static decimal Amount(JsonElement element, string name) => element.GetProperty(name).GetDecimal();

    [Fact]
    public async Task A_family_with_ICE_gives_the_summary_series_and_values_as_reported()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);

        var r = await GetAsync($"vendor={P}&agency=ICE");

        var summary = r.GetProperty("summary");
        Assert.Equal(3_950_000.00m, Amount(summary, "obligatedAmount"));
        Assert.Equal(4_150_000.00m, Amount(summary, "obligationsAmount"));
        Assert.Equal(-200_000.00m, Amount(summary, "deobligationsAmount"));
        Assert.Equal(4, summary.GetProperty("awardCount").GetInt32());
        Assert.Equal(1, summary.GetProperty("idvCount").GetInt32());
        Assert.Equal(7, summary.GetProperty("transactionCount").GetInt32());
        Assert.Equal(3_950_000.00m, Amount(summary, "currentTotalValueOfAwards"));
        Assert.Equal(5_900_000.00m, Amount(summary, "potentialTotalValueOfAwards"));
        Assert.Equal(50_000_000.00m, Amount(summary, "idvCeilingAmount"));
        Assert.Equal("2021-03-15", summary.GetProperty("firstActionDate").GetString());
        Assert.Equal("2024-01-15", summary.GetProperty("lastActionDate").GetString());

        var series = r.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(["FY2021", "FY2022", "FY2023", "FY2024"], series.Select(p => p.GetProperty("period").GetString()));
        Assert.Equal([1_000_000.00m, 2_500_000.00m, 200_000.00m, 250_000.00m], series.Select(p => Amount(p, "obligatedAmount")));
        Assert.Equal([0m, 0m, -200_000.00m, 0m], series.Select(p => Amount(p, "deobligations")));
        Assert.Equal([1_000_000.00m, 3_500_000.00m, 3_700_000.00m, 3_950_000.00m], series.Select(p => Amount(p, "runningTotal")));
        Assert.Equal("subtier", r.GetProperty("agency").GetProperty("level").GetString());
        Assert.Equal("7012", r.GetProperty("agency").GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_IDV_carries_its_orders_beneath_it_and_its_ceiling_apart()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);

        var awards = (await GetAsync($"vendor={P}&agency=7012")).GetProperty("awards");

        var items = awards.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([NewsroomScenario.Idv, NewsroomScenario.ParentContract, NewsroomScenario.AcquiredIceContract],
            items.Select(a => a.GetProperty("key").GetString()));
        var idv = items[0];
        Assert.True(idv.GetProperty("isIdv").GetBoolean());
        Assert.Equal(2_250_000.00m, Amount(idv, "obligatedInRelationship"));
        Assert.Equal(50_000_000.00m, Amount(idv, "potentialTotalValueOfAward"));
        var order = Assert.Single(idv.GetProperty("orders").EnumerateArray());
        Assert.Equal(NewsroomScenario.IceOrder, order.GetProperty("key").GetString());
        Assert.Equal(2_250_000.00m, Amount(order, "currentTotalValueOfAward"));
        Assert.Equal(1_300_000.00m, Amount(items[1], "obligatedInRelationship"));
        Assert.EndsWith($"/api/v1/awards/{NewsroomScenario.ParentContract}", items[1].GetProperty("link").GetString());
    }

    [Fact]
    public async Task The_funding_lens_counts_what_ICE_paid_for_through_another_office()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);

        var r = await GetAsync($"vendor={P}&agency=ICE&lens=funding");

        Assert.Equal(4_700_000.00m, Amount(r.GetProperty("summary"), "obligatedAmount"));
        Assert.Equal(5, r.GetProperty("summary").GetProperty("awardCount").GetInt32());
        var idv = r.GetProperty("awards").GetProperty("items").EnumerateArray().First();
        Assert.Equal([NewsroomScenario.IceOrder, NewsroomScenario.OpoOrder],
            idv.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("key").GetString()));
        Assert.Equal("funding", r.GetProperty("agency").GetProperty("lens").GetString());
    }

    [Fact]
    public async Task The_acquired_company_counts_under_its_old_parent_before_2022_unless_asked_under_the_latest()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);

        var asReported = await GetAsync($"vendor={P}&agency=CBP");
        var latest = await GetAsync($"vendor={P}&agency=CBP&view=latest_parent");

        Assert.Equal(100_000.00m, Amount(asReported.GetProperty("summary"), "obligatedAmount"));
        Assert.Equal(400_000.00m, Amount(latest.GetProperty("summary"), "obligatedAmount"));
        Assert.Equal("latest_parent", latest.GetProperty("vendor").GetProperty("view").GetString());
    }

    [Fact]
    public async Task A_department_counts_every_sub_tier_and_a_single_UEI_only_its_own_actions()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);

        var department = await GetAsync($"vendor={P}&agency=DHS");
        var self = await GetAsync($"vendor={P}&agency=ICE&members=self");

        Assert.Equal("toptier", department.GetProperty("agency").GetProperty("level").GetString());
        Assert.Equal("070", department.GetProperty("agency").GetProperty("code").GetString());
        Assert.Equal(4_800_000.00m, Amount(department.GetProperty("summary"), "obligatedAmount"));
        Assert.Equal(1_300_000.00m, Amount(self.GetProperty("summary"), "obligatedAmount"));
        Assert.Equal(1, self.GetProperty("summary").GetProperty("awardCount").GetInt32());
    }

    [Fact]
    public async Task Monthly_series_fill_empty_months_and_a_date_range_limits_everything()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);

        var monthly = (await GetAsync($"vendor={P}&agency=ICE&interval=month")).GetProperty("series").EnumerateArray().ToList();
        var ranged = await GetAsync($"vendor={P}&agency=ICE&from=2022-01-01&to=2022-12-31&interval=quarter");

        Assert.Equal(35, monthly.Count);
        Assert.Equal("2021-03", monthly[0].GetProperty("period").GetString());
        Assert.Equal(0m, Amount(monthly[1], "obligatedAmount"));
        var may2023 = monthly.Single(p => p.GetProperty("period").GetString() == "2023-05");
        Assert.Equal(-200_000.00m, Amount(may2023, "deobligations"));
        Assert.Equal(2_500_000.00m, Amount(ranged.GetProperty("summary"), "obligatedAmount"));
        Assert.Equal(["FY2022 Q2", "FY2022 Q3", "FY2022 Q4", "FY2023 Q1"],
            ranged.GetProperty("series").EnumerateArray().Select(p => p.GetProperty("period").GetString()));
    }

    [Fact]
    public async Task Events_page_through_every_modification_in_date_order()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var seen = new List<string>();
        string? next = $"/api/v1/relationships?vendor={P}&agency=ICE&events_limit=2";
        while (next is not null)
        {
            var page = await client.GetFromJsonAsync<JsonElement>(next);
            var events = page.GetProperty("events");
            seen.AddRange(events.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("actionDate").GetString()!));
            next = events.GetProperty("next").GetString();
        }

        Assert.Equal(["2021-03-15", "2022-01-05", "2022-02-10", "2022-03-01", "2023-02-01", "2023-05-20", "2024-01-15"], seen);
    }

    [Fact]
    public async Task Events_carry_amounts_descriptions_and_their_source_lines()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);

        var r = await GetAsync($"vendor={P}&agency=ICE&events_limit=500");

        var deobligation = r.GetProperty("events").GetProperty("items").EnumerateArray()
            .Single(e => e.GetProperty("actionDate").GetString() == "2023-05-20");
        Assert.Equal(-200_000.00m, Amount(deobligation, "federalActionObligation"));
        Assert.Equal("M", deobligation.GetProperty("actionTypeCode").GetString());
        Assert.Equal("DE-OBLIGATE UNUSED FUNDS", deobligation.GetProperty("description").GetString());
        Assert.Equal(4, deobligation.GetProperty("source").GetProperty("lineNumber").GetInt64());
        Assert.EndsWith("/api/v1/transactions?vendor=LNTRNPARENT1&members=family&view=as_reported&agency=7012&agency_level=subtier&lens=awarding",
            r.GetProperty("events").GetProperty("all").GetString());
    }

    [Fact]
    public async Task Awards_page_by_obligations_with_a_cursor()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var keys = new List<string>();
        string? next = $"/api/v1/relationships?vendor={P}&agency=ICE&awards_limit=1";
        while (next is not null)
        {
            var awards = (await client.GetFromJsonAsync<JsonElement>(next)).GetProperty("awards");
            keys.AddRange(awards.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("key").GetString()!));
            Assert.Equal(3, awards.GetProperty("topLevelCount").GetInt32());
            next = awards.GetProperty("next").GetString();
        }

        Assert.Equal([NewsroomScenario.Idv, NewsroomScenario.ParentContract, NewsroomScenario.AcquiredIceContract], keys);
    }

    [Fact]
    public async Task The_answer_cites_its_source_file_and_a_link_that_asks_it_again()
    {
        var import = await NewsroomScenario.ImportAsync(Database, Scratch);

        var citation = (await GetAsync($"vendor={P.ToLowerInvariant()}&agency=ice&from=2021-01-01")).GetProperty("citation");

        var file = Assert.Single(citation.GetProperty("sourceFiles").EnumerateArray());
        Assert.Equal(import.Files[0].Sha256, file.GetProperty("sha256").GetString());
        Assert.Equal("FY2024_070_Contracts_Full_20261001_1.csv", file.GetProperty("fileName").GetString());
        Assert.Equal("newsroom scenario", file.GetProperty("source").GetString());
        Assert.False(citation.GetProperty("includesSyntheticData").GetBoolean());
        Assert.True(citation.GetProperty("dataAsOf").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        var reproduce = citation.GetProperty("reproduce").GetString()!;
        Assert.EndsWith("/api/v1/relationships?vendor=LNTRNPARENT1&members=family&view=as_reported&agency=7012&agency_level=subtier"
            + "&lens=awarding&from=2021-01-01&interval=fiscal_year&awards_limit=50&events_limit=50", reproduce);
        using var client = Database.CreateClient();
        var again = await client.GetFromJsonAsync<JsonElement>(reproduce);
        Assert.Equal(3_950_000.00m, Amount(again.GetProperty("summary"), "obligatedAmount"));
    }

    [Fact]
    public async Task A_sole_proprietor_has_no_relationship_and_is_answered_like_an_unknown_UEI()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var person = await client.GetAsync($"/api/v1/relationships?vendor={NewsroomScenario.SoleProprietor}&agency=ICE");
        var unknown = await client.GetAsync("/api/v1/relationships?vendor=ZZZZZZZZZZZZ&agency=ICE");

        Assert.Equal(HttpStatusCode.NotFound, person.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var personBody = await person.Content.ReadFromJsonAsync<JsonElement>();
        var unknownBody = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(unknownBody.GetProperty("title").GetString(), personBody.GetProperty("title").GetString());
        Assert.Equal($"No vendor with UEI {NewsroomScenario.SoleProprietor} is known here.", personBody.GetProperty("detail").GetString());
        Assert.DoesNotContain(NewsroomScenario.SoleProprietorName, await person.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("agency=ICE", "vendor")]
    [InlineData("vendor=LNTRNPARENT1", "agency")]
    [InlineData("vendor=NOT-A-UEI&agency=ICE", "vendor")]
    [InlineData("vendor=LNTRNPARENT1&agency=NOSUCHAGENCY", "agency")]
    [InlineData("vendor=LNTRNPARENT1&agency=ICE&from=2024-01-01&to=2023-01-01", "from")]
    [InlineData("vendor=LNTRNPARENT1&agency=ICE&from=01/01/2024", "from")]
    [InlineData("vendor=LNTRNPARENT1&agency=ICE&events_limit=501", "events_limit")]
    [InlineData("vendor=LNTRNPARENT1&agency=ICE&awards_limit=0", "awards_limit")]
    [InlineData("vendor=LNTRNPARENT1&agency=ICE&events_cursor=garbage", "events_cursor")]
    [InlineData("vendor=LNTRNPARENT1&agency=ICE&interval=week", "interval")]
    [InlineData("vendor=LNTRNPARENT1&agency=ICE&lens=paying", "lens")]
    [InlineData("vendor=LNTRNPARENT1&agency=ICE&view=sometimes", "view")]
    [InlineData("vendor=LNTRNPARENT1&agency=ICE&members=all", "members")]
    public async Task Bad_input_is_a_400_naming_the_parameter(string query, string parameter)
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var response = await client.GetAsync($"/api/v1/relationships?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Fact]
    public async Task An_ambiguous_abbreviation_lists_the_candidates()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var response = await client.GetAsync($"/api/v1/relationships?vendor={P}&agency=OMB");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("matches 3 agencies", problem.GetProperty("errors").GetProperty("agency")[0].GetString());
        Assert.Equal(["1103", "1121", "1129"],
            problem.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("code").GetString()).Order());
    }

    [Fact]
    public async Task A_relationship_without_actions_is_empty_not_an_error()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);

        var r = await GetAsync($"vendor={P}&agency=USCIS");

        Assert.Equal(0m, Amount(r.GetProperty("summary"), "obligatedAmount"));
        Assert.Empty(r.GetProperty("series").EnumerateArray());
        Assert.Empty(r.GetProperty("awards").GetProperty("items").EnumerateArray());
    }
}
