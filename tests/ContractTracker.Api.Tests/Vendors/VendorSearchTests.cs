using System.Net;
using System.Text.Json;
using ContractTracker.Api.Tests.Scenario;

namespace ContractTracker.Api.Tests.Vendors;

public sealed class VendorSearchTests(ApiDatabase database) : ApiTest(database)
{
    [Fact]
    public async Task The_parent_under_three_spellings_and_its_subsidiary_are_one_family_hit()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var response = await ApiResponse.GetAsync(client, "/api/v1/vendors?q=lantern%20analytics");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var hit = Assert.Single(Hits(response));
        Assert.Equal(NewsroomScenario.Parent, hit.GetProperty("parentUei").GetString());
        Assert.Equal(NewsroomScenario.ParentName, hit.GetProperty("parentName").GetString());
        Assert.Equal([NewsroomScenario.Acquired, NewsroomScenario.Parent, NewsroomScenario.Subsidiary], Strings(hit, "memberUeis"));
        Assert.Equal(
            [NewsroomScenario.AcquiredName, NewsroomScenario.ParentName, NewsroomScenario.SubsidiaryName, "FICTIONAL LANTERN ANALYTICS, INC.", "Fictional Lantern Analytics Inc"],
            Strings(hit, "namesSeen"));
        Assert.Equal(4_800_000.00m, hit.GetProperty("obligatedAmount").GetDecimal());
        Assert.Equal(9, hit.GetProperty("transactionCount").GetInt64());
        Assert.Equal("2021-03-15", hit.GetProperty("firstActionDate").GetString());
        Assert.Equal("2024-01-15", hit.GetProperty("lastActionDate").GetString());
        Assert.Equal("name", hit.GetProperty("matchedOn").GetString());
        Assert.Contains("LANTERN ANALYTICS", hit.GetProperty("matchedName").GetString()!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1.0, hit.GetProperty("score").GetDouble());
        Assert.Equal($"http://localhost/api/v1/vendors/{NewsroomScenario.Parent}?view=as_reported", hit.GetProperty("links").GetProperty("profile").GetString());
    }

    [Fact]
    public async Task Under_the_latest_parent_the_family_adds_the_acquired_company_s_earlier_actions()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var response = await ApiResponse.GetAsync(client, "/api/v1/vendors?q=lantern%20analytics&view=latest_parent");

        var hit = Assert.Single(Hits(response));
        Assert.Equal(NewsroomScenario.Parent, hit.GetProperty("parentUei").GetString());
        Assert.Equal(5_100_000.00m, hit.GetProperty("obligatedAmount").GetDecimal());
        Assert.Equal(10, hit.GetProperty("transactionCount").GetInt64());
        Assert.Equal("2021-03-15", hit.GetProperty("firstActionDate").GetString());
        Assert.Equal($"http://localhost/api/v1/vendors/{NewsroomScenario.Parent}?view=latest_parent", hit.GetProperty("links").GetProperty("profile").GetString());
        Assert.Equal("latest_parent", response.Json.GetProperty("query").GetProperty("view").GetString());
    }

    [Theory]
    [InlineData("lantren analytics")]
    [InlineData("LANTERN ANALITICS")]
    [InlineData("lantren")]
    [InlineData("Fictional Lantern Analytcs")]
    public async Task A_name_with_a_typo_still_finds_the_family(string query)
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var response = await ApiResponse.GetAsync(client, $"/api/v1/vendors?q={Uri.EscapeDataString(query)}");

        var first = Hits(response)[0];
        Assert.Equal(NewsroomScenario.Parent, first.GetProperty("parentUei").GetString());
        Assert.InRange(first.GetProperty("score").GetDouble(), 0.4, 0.99);
    }

    [Theory]
    [InlineData("Lantern Analytics, Inc.")]
    [InlineData("fictional-lantern")]
    [InlineData("  LANTERN   analytics.  ")]
    [InlineData("lantern analytics inc")]
    public async Task Case_and_punctuation_do_not_matter(string query)
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var response = await ApiResponse.GetAsync(client, $"/api/v1/vendors?q={Uri.EscapeDataString(query)}");

        var first = Hits(response)[0];
        Assert.Equal(NewsroomScenario.Parent, first.GetProperty("parentUei").GetString());
        Assert.Equal(1.0, first.GetProperty("score").GetDouble());
        Assert.All(Hits(response).Skip(1), h => Assert.True(h.GetProperty("score").GetDouble() < 1.0));
    }

    [Fact]
    public async Task A_name_that_matches_nothing_gives_no_hits()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var response = await ApiResponse.GetAsync(client, "/api/v1/vendors?q=zebra%20quantum%20bakery");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Empty(Hits(response));
    }

    [Theory]
    [InlineData("harbor analytics")]
    [InlineData("lantern signal")]
    public async Task Every_word_of_the_query_must_be_in_the_name(string query)
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var response = await ApiResponse.GetAsync(client, $"/api/v1/vendors?q={Uri.EscapeDataString(query)}");

        Assert.Empty(Hits(response));
    }

    [Fact]
    public async Task A_query_of_punctuation_only_finds_nothing()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var response = await ApiResponse.GetAsync(client, "/api/v1/vendors?q=%2C%2C%20--");

        Assert.Empty(Hits(response));
    }

    [Fact]
    public async Task A_parent_s_UEI_in_any_case_finds_its_family_only()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var response = await ApiResponse.GetAsync(client, $"/api/v1/vendors?q={NewsroomScenario.Parent.ToLowerInvariant()}");

        var hit = Assert.Single(Hits(response));
        Assert.Equal(NewsroomScenario.Parent, hit.GetProperty("parentUei").GetString());
        Assert.Equal("uei", hit.GetProperty("matchedOn").GetString());
        Assert.Equal(JsonValueKind.Null, hit.GetProperty("matchedName").ValueKind);
        Assert.Equal(1.0, hit.GetProperty("score").GetDouble());
    }

    [Fact]
    public async Task A_subsidiary_s_UEI_finds_the_family_it_reported()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var response = await ApiResponse.GetAsync(client, $"/api/v1/vendors?q={NewsroomScenario.Subsidiary}");

        var hit = Assert.Single(Hits(response));
        Assert.Equal(NewsroomScenario.Parent, hit.GetProperty("parentUei").GetString());
        Assert.Equal(4_800_000.00m, hit.GetProperty("obligatedAmount").GetDecimal());
    }

    [Fact]
    public async Task The_acquired_company_is_found_in_both_families_it_reported_and_under_its_latest_parent_only()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var asReported = Hits(await ApiResponse.GetAsync(client, "/api/v1/vendors?q=harbor%20signal"));
        var latest = Hits(await ApiResponse.GetAsync(client, "/api/v1/vendors?q=harbor%20signal&view=latest_parent"));

        Assert.Equal([NewsroomScenario.Acquired, NewsroomScenario.Parent], asReported.Select(h => h.GetProperty("parentUei").GetString()).Order());
        var alone = asReported.Single(h => h.GetProperty("parentUei").GetString() == NewsroomScenario.Acquired);
        Assert.Equal(NewsroomScenario.AcquiredName, alone.GetProperty("parentName").GetString());
        Assert.Equal([NewsroomScenario.Acquired], Strings(alone, "memberUeis"));
        Assert.Equal(800_000.00m, alone.GetProperty("obligatedAmount").GetDecimal());
        var family = asReported.Single(h => h.GetProperty("parentUei").GetString() == NewsroomScenario.Parent);
        Assert.Equal(4_800_000.00m, family.GetProperty("obligatedAmount").GetDecimal());
        Assert.Equal(NewsroomScenario.AcquiredName, family.GetProperty("matchedName").GetString());

        var hit = Assert.Single(latest);
        Assert.Equal(NewsroomScenario.Parent, hit.GetProperty("parentUei").GetString());
        Assert.Equal(5_100_000.00m, hit.GetProperty("obligatedAmount").GetDecimal());
    }

    [Fact]
    public async Task A_DUNS_finds_its_vendor()
    {
        await VendorScenarioExtras.ImportWithScenarioAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var response = await ApiResponse.GetAsync(client, $"/api/v1/vendors?q={VendorScenarioExtras.QuarryDuns}");

        var hit = Assert.Single(Hits(response));
        Assert.Equal(VendorScenarioExtras.Quarry, hit.GetProperty("parentUei").GetString());
        Assert.Equal(VendorScenarioExtras.QuarryName, hit.GetProperty("parentName").GetString());
        Assert.Equal("duns", hit.GetProperty("matchedOn").GetString());
        Assert.Equal(75_000.00m, hit.GetProperty("obligatedAmount").GetDecimal());
    }

    [Fact]
    public async Task The_limit_caps_the_families_returned_best_match_first()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var all = Hits(await ApiResponse.GetAsync(client, "/api/v1/vendors?q=fictional&view=latest_parent"));
        var one = await ApiResponse.GetAsync(client, "/api/v1/vendors?q=fictional&view=latest_parent&limit=1");

        Assert.Equal([NewsroomScenario.Parent], all.Select(h => h.GetProperty("parentUei").GetString()));
        Assert.Single(Hits(one));
        // Equal scores: the family whose matching member received more comes first.
        var several = Hits(await ApiResponse.GetAsync(client, "/api/v1/vendors?q=fictional"));
        Assert.Equal([NewsroomScenario.Parent, NewsroomScenario.Acquired], several.Select(h => h.GetProperty("parentUei").GetString()));
        Assert.Single(Hits(await ApiResponse.GetAsync(client, "/api/v1/vendors?q=fictional&limit=1")));
        Assert.Equal(1, (await ApiResponse.GetAsync(client, "/api/v1/vendors?q=fictional&limit=1")).Json.GetProperty("query").GetProperty("limit").GetInt32());
    }

    [Fact]
    public async Task A_sole_proprietor_is_never_a_hit_by_name_or_UEI()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        foreach (var query in new[] { NewsroomScenario.SoleProprietorName, "alex rivera", "rivera", NewsroomScenario.SoleProprietor, NewsroomScenario.OfficerName })
        {
            var response = await ApiResponse.GetAsync(client, $"/api/v1/vendors?q={Uri.EscapeDataString(query)}&view=latest_parent");
            Assert.Equal(HttpStatusCode.OK, response.Status);
            Assert.Empty(Hits(response));
            Assert.Empty(Hits(await ApiResponse.GetAsync(client, $"/api/v1/vendors?q={Uri.EscapeDataString(query)}")));
        }
    }

    [Fact]
    public async Task Every_import_keeps_each_name_s_words_and_totals_for_search_and_never_a_person_s_words()
    {
        // Two files: the second adds actions to recipients the first loaded, and a person trading under company words.
        await VendorScenarioExtras.ImportWithScenarioAsync(Database, Scratch);

        Assert.Equal(0, await Database.ScalarAsync<long>("""
            SELECT count(*) FROM recipient_names n JOIN recipients r ON r.uei = n.uei
            WHERE n.recipient_obligated_amount <> r.obligated_amount OR n.recipient_is_sole_proprietorship <> r.is_sole_proprietorship
               OR n.words <> string_to_array(normalize_name(n.name), ' ')
            """));
        Assert.Equal(
            ["ANALYTICS", "LANTERN", "OPTICS", "QUARRY"],
            (await Database.ScalarAsync<string[]>(
                "SELECT array_agg(word ORDER BY word) FROM name_words WHERE word IN ('LANTERN', 'ANALYTICS', 'QUARRY', 'OPTICS', 'ALEX', 'RIVERA', 'JORDAN', 'LEE')")));
    }

    [Fact]
    public async Task The_words_in_another_order_match_fully_and_a_typo_in_any_word_still_matches()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var reordered = Hits(await ApiResponse.GetAsync(client, "/api/v1/vendors?q=analytics%20lantern"))[0];
        Assert.Equal(NewsroomScenario.Parent, reordered.GetProperty("parentUei").GetString());
        Assert.Equal(1.0, reordered.GetProperty("score").GetDouble());

        // One word of two mistyped: the mean of 1 for LANTERN and ANALYTCS's similarity to ANALYTICS.
        var typo = Hits(await ApiResponse.GetAsync(client, "/api/v1/vendors?q=lantern%20analytcs"))[0];
        Assert.Equal(NewsroomScenario.Parent, typo.GetProperty("parentUei").GetString());
        var analytics = await Database.ScalarAsync<double>("SELECT word_similarity('ANALYTCS', 'ANALYTICS')");
        Assert.Equal(Math.Round((1 + analytics) / 2, 3), typo.GetProperty("score").GetDouble());
    }

    [Fact]
    public async Task A_search_asked_again_reads_the_database_twice()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();
        const string Search = "/api/v1/vendors?q=lantern%20analytics";

        var first = await DatabaseCommands.OfRequestAsync(client, Search);
        var again = await DatabaseCommands.OfRequestAsync(client, Search);

        // The ranked names (phrases, then similar names, in one statement), the families' members, names and data as of;
        // the source files the first time only.
        Assert.Equal(3, first.Count);
        Assert.Equal(2, again.Count);
        Assert.Contains("FROM import_files WHERE status = 'succeeded'", again[1]);
    }

    [Fact]
    public async Task A_sole_proprietor_reporting_a_family_s_parent_is_never_a_member_nor_counted()
    {
        await VendorScenarioExtras.ImportWithScenarioAsync(Database, Scratch);
        using var client = Database.CreateClient();

        foreach (var (view, total) in new[] { ("as_reported", 4_800_000.00m), ("latest_parent", 5_100_000.00m) })
        {
            // Only the person's trading name has all three words: a person's name never leads to the family.
            Assert.Empty(Hits(await ApiResponse.GetAsync(client, $"/api/v1/vendors?q=lantern%20analytics%20consulting&view={view}")));

            var response = await ApiResponse.GetAsync(client, $"/api/v1/vendors?q=lantern%20analytics&view={view}");

            var hit = Assert.Single(Hits(response));
            Assert.Equal(NewsroomScenario.Parent, hit.GetProperty("parentUei").GetString());
            Assert.DoesNotContain(VendorScenarioExtras.TradingSoleProprietor, Strings(hit, "memberUeis"));
            Assert.Equal(total, hit.GetProperty("obligatedAmount").GetDecimal());
            Assert.DoesNotContain("JORDAN LEE", response.Text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(VendorScenarioExtras.TradingSoleProprietor, response.Text, StringComparison.Ordinal);
        }

        Assert.Empty(Hits(await ApiResponse.GetAsync(client, $"/api/v1/vendors?q={VendorScenarioExtras.TradingSoleProprietor}")));
    }

    [Fact]
    public async Task The_answer_cites_the_scenario_file_and_a_link_that_asks_again()
    {
        var (scenario, _) = await VendorScenarioExtras.ImportWithScenarioAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var response = await ApiResponse.GetAsync(client, "/api/v1/vendors?q=%20Lantern%20Analytics%20");

        var citation = response.Json.GetProperty("citation");
        Assert.Equal(await Database.ScalarAsync<DateTimeOffset>("SELECT max(finished_at) FROM import_files"), citation.GetProperty("dataAsOf").GetDateTimeOffset());
        var file = Assert.Single(citation.GetProperty("sourceFiles").EnumerateArray());
        Assert.Equal(scenario.FileId, file.GetProperty("importFileId").GetInt64());
        Assert.Equal("FY2024_070_Contracts_Full_20261001_1.csv", file.GetProperty("fileName").GetString());
        Assert.Equal(scenario.Sha256, file.GetProperty("sha256").GetString());
        Assert.False(citation.GetProperty("includesSyntheticData").GetBoolean());
        var reproduce = citation.GetProperty("reproduce").GetString()!;
        Assert.Equal("http://localhost/api/v1/vendors?q=Lantern%20Analytics&view=as_reported&limit=20", reproduce);

        var again = await ApiResponse.GetAsync(client, reproduce);
        Assert.Equal(response.Json.GetProperty("hits").GetRawText(), again.Json.GetProperty("hits").GetRawText());
    }

    [Fact]
    public async Task Each_hit_s_profile_link_leads_to_the_same_family_and_figures()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        foreach (var view in new[] { "as_reported", "latest_parent" })
        {
            var hit = Hits(await ApiResponse.GetAsync(client, $"/api/v1/vendors?q=lantern&view={view}"))[0];
            var profile = await ApiResponse.GetAsync(client, hit.GetProperty("links").GetProperty("profile").GetString()!);

            Assert.Equal(HttpStatusCode.OK, profile.Status);
            Assert.Equal(hit.GetProperty("obligatedAmount").GetDecimal(), profile.Json.GetProperty("totals").GetProperty("obligatedAmount").GetDecimal());
            Assert.Equal(hit.GetProperty("transactionCount").GetInt64(), profile.Json.GetProperty("totals").GetProperty("transactionCount").GetInt64());
            Assert.Equal(Strings(hit, "memberUeis"),
                profile.Json.GetProperty("members").EnumerateArray()
                    .Where(m => m.GetProperty(view == "as_reported" ? "inFamilyAsReported" : "inFamilyUnderLatestParent").GetBoolean())
                    .Select(m => m.GetProperty("uei").GetString()!));
        }
    }

    [Fact]
    public async Task No_answer_contains_an_officer_s_name()
    {
        await VendorScenarioExtras.ImportWithScenarioAsync(Database, Scratch);
        using var client = Database.CreateClient();

        foreach (var view in new[] { "as_reported", "latest_parent" })
        {
            foreach (var query in new[] { "fictional", "lantern", "person", "officer", "interpretation", "data" })
            {
                var response = await ApiResponse.GetAsync(client, $"/api/v1/vendors?q={Uri.EscapeDataString(query)}&view={view}&limit=100");
                Assert.Equal(HttpStatusCode.OK, response.Status);
                Assert.DoesNotContain("DANA MORGAN", response.Text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(NewsroomScenario.SoleProprietorName, response.Text, StringComparison.OrdinalIgnoreCase);
            }

            // Searching for the officer by name finds nothing (the query itself is echoed back, nothing else names them).
            foreach (var query in new[] { NewsroomScenario.OfficerName, "dana morgan" })
            {
                var response = await ApiResponse.GetAsync(client, $"/api/v1/vendors?q={Uri.EscapeDataString(query)}&view={view}");
                Assert.Empty(Hits(response));
                Assert.DoesNotContain("DANA MORGAN", response.Json.GetProperty("hits").GetRawText(), StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Theory]
    [InlineData("/api/v1/vendors", "q")]
    [InlineData("/api/v1/vendors?q=", "q")]
    [InlineData("/api/v1/vendors?q=%20%20", "q")]
    [InlineData("/api/v1/vendors?q=a", "q")]
    [InlineData("/api/v1/vendors?q=%20a%20", "q")]
    [InlineData("/api/v1/vendors?q=lantern&view=latest", "view")]
    [InlineData("/api/v1/vendors?q=lantern&limit=0", "limit")]
    [InlineData("/api/v1/vendors?q=lantern&limit=101", "limit")]
    [InlineData("/api/v1/vendors?q=lantern&limit=ten", "limit")]
    [InlineData("/api/v1/vendors?q=lantern&limit=-5", "limit")]
    public async Task Bad_input_is_a_400_naming_the_parameter(string url, string parameter)
    {
        using var client = Database.CreateClient();

        var response = await ApiResponse.GetAsync(client, url);

        Assert.NotEmpty(response.ErrorsFor(parameter));
    }

    [Fact]
    public async Task A_query_longer_than_200_characters_is_a_400_naming_q()
    {
        using var client = Database.CreateClient();

        var response = await ApiResponse.GetAsync(client, $"/api/v1/vendors?q={new string('a', 201)}");
        var longest = await ApiResponse.GetAsync(client, $"/api/v1/vendors?q={new string('a', 200)}");

        Assert.Contains(response.ErrorsFor("q"), m => m.Contains("200", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, longest.Status);
    }

    private static List<JsonElement> Hits(ApiResponse response)
    {
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return response.Json.GetProperty("hits").EnumerateArray().ToList();
    }

    private static List<string> Strings(JsonElement element, string property) =>
        element.GetProperty(property).EnumerateArray().Select(e => e.GetString()!).ToList();
}
