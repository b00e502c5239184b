using System.Net;
using System.Text.Json;
using ContractTracker.Api.Common;
using ContractTracker.Api.Tests.Agencies;
using ContractTracker.Api.Tests.Scenario;

namespace ContractTracker.Api.Tests.Awards;

public sealed class AwardTests(ApiDatabase database) : ApiTest(database)
{
    [Fact]
    public async Task The_IDV_lists_both_orders_and_its_ceiling_apart_from_them()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var (status, body) = await GetAsync(client, $"/api/v1/awards/{NewsroomScenario.Idv}");

        Assert.Equal(HttpStatusCode.OK, status);
        var award = body.GetProperty("award");
        Assert.True(award.GetProperty("isIdv").GetBoolean());
        Assert.Equal(0.00m, award.GetProperty("obligatedAmount").GetDecimal());
        Assert.Equal(50_000_000.00m, body.GetProperty("ceiling").GetDecimal());
        Assert.Equal(50_000_000.00m, award.GetProperty("potentialTotalValueOfAwardAsOfLatestAction").GetDecimal());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("parentIdv").ValueKind);

        var orders = body.GetProperty("orders");
        Assert.Equal(2, orders.GetProperty("totalCount").GetInt64());
        Assert.Equal(JsonValueKind.Null, orders.GetProperty("next").ValueKind);
        Assert.Equal(
            [(NewsroomScenario.IceOrder, 2_250_000.00m, "7012"), (NewsroomScenario.OpoOrder, 750_000.00m, "7001")],
            orders.GetProperty("items").EnumerateArray().Select(o => (
                o.GetProperty("contractAwardUniqueKey").GetString(), o.GetProperty("obligatedAmount").GetDecimal(),
                o.GetProperty("awardingSubtier").GetProperty("code").GetString())));
        var opo = orders.GetProperty("items")[1];
        Assert.Equal("OPO", opo.GetProperty("awardingSubtier").GetProperty("abbreviation").GetString());
        Assert.Equal("ICE", opo.GetProperty("fundingSubtier").GetProperty("abbreviation").GetString());
        Assert.Equal($"http://localhost/api/v1/awards/{NewsroomScenario.OpoOrder}", opo.GetProperty("link").GetString());
    }

    [Fact]
    public async Task An_IDV_s_orders_page_with_a_keyset_cursor()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var (_, first) = await GetAsync(client, $"/api/v1/awards/{NewsroomScenario.Idv}?orders_limit=1");
        var next = first.GetProperty("orders").GetProperty("next").GetString()!;
        var (_, second) = await GetAsync(client, next);

        Assert.Equal(NewsroomScenario.IceOrder, first.GetProperty("orders").GetProperty("items")[0].GetProperty("contractAwardUniqueKey").GetString());
        Assert.StartsWith($"http://localhost/api/v1/awards/{NewsroomScenario.Idv}?orders_limit=1&orders_cursor=", next);
        var items = second.GetProperty("orders").GetProperty("items");
        Assert.Equal(NewsroomScenario.OpoOrder, Assert.Single(items.EnumerateArray()).GetProperty("contractAwardUniqueKey").GetString());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("orders").GetProperty("next").ValueKind);
        Assert.Equal(2, second.GetProperty("orders").GetProperty("totalCount").GetInt64());
        Assert.Equal(next, second.GetProperty("citation").GetProperty("reproduce").GetString());
    }

    [Fact]
    public async Task The_OPO_order_shows_its_parent_IDV_and_its_two_agencies()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var (_, body) = await GetAsync(client, $"/api/v1/awards/{NewsroomScenario.OpoOrder}");

        var parent = body.GetProperty("parentIdv");
        Assert.Equal(NewsroomScenario.Idv, parent.GetProperty("key").GetString());
        Assert.True(parent.GetProperty("inDatabase").GetBoolean());
        Assert.Equal(50_000_000.00m, parent.GetProperty("ceiling").GetDecimal());
        Assert.Equal($"http://localhost/api/v1/awards/{NewsroomScenario.Idv}", parent.GetProperty("summary").GetProperty("link").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("orders").ValueKind);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("ceiling").ValueKind);

        var award = body.GetProperty("award");
        Assert.False(award.GetProperty("isIdv").GetBoolean());
        Assert.Equal("70CDCR22D00000001", award.GetProperty("parentAwardPiid").GetString());
        Assert.Equal(750_000.00m, award.GetProperty("obligatedAmount").GetDecimal());
        Assert.Equal(750_000.00m, award.GetProperty("currentTotalValueOfAwardAsOfLatestAction").GetDecimal());
        Assert.Equal(900_000.00m, award.GetProperty("potentialTotalValueOfAwardAsOfLatestAction").GetDecimal());
        Assert.Equal(("7001", "Office of Procurement Operations"), Agency(award, "awarding", "subtier"));
        Assert.Equal(("70RTAC", "OPO ICE SUPPORT DIVISION"), Agency(award, "awarding", "office"));
        Assert.Equal(("7012", "U.S. Immigration and Customs Enforcement"), Agency(award, "funding", "subtier"));
        Assert.Equal(("070", "Department of Homeland Security"), Agency(award, "funding", "toptier"));
        Assert.Equal(("C", "DELIVERY ORDER"), (award.GetProperty("type").GetProperty("code").GetString(), award.GetProperty("type").GetProperty("text").GetString()));
    }

    [Fact]
    public async Task An_order_whose_IDV_was_never_imported_says_so()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        await ScenarioAdditions.ImportOrphanOrderAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var (status, body) = await GetAsync(client, $"/api/v1/awards/{ScenarioAdditions.OrphanOrder}");

        Assert.Equal(HttpStatusCode.OK, status);
        var parent = body.GetProperty("parentIdv");
        Assert.Equal(ScenarioAdditions.MissingIdv, parent.GetProperty("key").GetString());
        Assert.False(parent.GetProperty("inDatabase").GetBoolean());
        Assert.Equal(JsonValueKind.Null, parent.GetProperty("summary").ValueKind);
        Assert.Contains("not been imported", parent.GetProperty("note").GetString());
        Assert.Equal($"https://www.usaspending.gov/award/{ScenarioAdditions.MissingIdv}/", parent.GetProperty("usaspendingPermalink").GetString());
    }

    [Fact]
    public async Task The_parent_contract_history_shows_every_modification_with_the_de_obligation_and_its_source_line()
    {
        var summary = await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var (_, body) = await GetAsync(client, $"/api/v1/awards/{NewsroomScenario.ParentContract}");

        var award = body.GetProperty("award");
        Assert.Equal(1_300_000.00m, award.GetProperty("obligatedAmount").GetDecimal());
        Assert.Equal(1_300_000.00m, award.GetProperty("currentTotalValueOfAwardAsOfLatestAction").GetDecimal());
        Assert.Equal(3_000_000.00m, award.GetProperty("potentialTotalValueOfAwardAsOfLatestAction").GetDecimal());
        Assert.Equal(3, award.GetProperty("transactionCount").GetInt32());
        Assert.Equal("2023-05-20", award.GetProperty("latestActionDate").GetString());

        var fileId = summary.Files[0].FileId;
        Assert.Equal(
            [
                ("0", "2021-03-15", 2021, 1_000_000.00m, 1_000_000.00m, fileId, 1L, 2L),
                ("P00001", "2022-02-10", 2022, 500_000.00m, 1_500_000.00m, fileId, 2L, 3L),
                ("P00002", "2023-05-20", 2023, -200_000.00m, 1_300_000.00m, fileId, 3L, 4L),
            ],
            body.GetProperty("transactions").EnumerateArray().Select(t => (
                t.GetProperty("modificationNumber").GetString(), t.GetProperty("actionDate").GetString(), t.GetProperty("fiscalYear").GetInt32(),
                t.GetProperty("federalActionObligation").GetDecimal(),
                t.GetProperty("cumulativeAsReported").GetProperty("currentTotalValueOfAward").GetDecimal(),
                t.GetProperty("source").GetProperty("importFileId").GetInt64(), t.GetProperty("source").GetProperty("recordNumber").GetInt64(),
                t.GetProperty("source").GetProperty("lineNumber").GetInt64())));
        var deobligation = body.GetProperty("transactions")[2];
        Assert.Equal("7012_-NONE-_70CDCR21C00000001_P00002_-NONE-_0", deobligation.GetProperty("contractTransactionUniqueKey").GetString());
        Assert.Equal("M", deobligation.GetProperty("actionTypeCode").GetString());
        Assert.Equal("OTHER ADMINISTRATIVE ACTION", deobligation.GetProperty("actionType").GetString());
        Assert.Equal("DE-OBLIGATE UNUSED FUNDS", deobligation.GetProperty("description").GetString());
        Assert.Equal(3_000_000.00m, deobligation.GetProperty("cumulativeAsReported").GetProperty("potentialTotalValueOfAward").GetDecimal());
    }

    [Fact]
    public async Task The_sole_proprietor_s_award_shows_the_recipient_but_no_vendor_link()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var (text, body) = await GetTextAsync(client, $"/api/v1/awards/{NewsroomScenario.SoleProprietorOrder}");

        var recipient = body.GetProperty("award").GetProperty("recipient");
        Assert.Equal(NewsroomScenario.SoleProprietor, recipient.GetProperty("uei").GetString());
        Assert.Equal(NewsroomScenario.SoleProprietorName, recipient.GetProperty("name").GetString());
        Assert.True(recipient.GetProperty("isSoleProprietorship").GetBoolean());
        Assert.Equal(JsonValueKind.Null, recipient.GetProperty("vendor").ValueKind);
        Assert.Equal(JsonValueKind.Null, recipient.GetProperty("parentVendor").ValueKind);
        Assert.DoesNotContain("/vendors/", text, StringComparison.Ordinal);
        Assert.Equal(9_500.00m, body.GetProperty("award").GetProperty("obligatedAmount").GetDecimal());
    }

    [Fact]
    public async Task A_company_s_award_links_to_its_vendor_profile_and_its_parent_s()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var (_, body) = await GetAsync(client, $"/api/v1/awards/{NewsroomScenario.IceOrder}");

        var recipient = body.GetProperty("award").GetProperty("recipient");
        Assert.Equal(NewsroomScenario.Subsidiary, recipient.GetProperty("uei").GetString());
        Assert.Equal($"http://localhost/api/v1/vendors/{NewsroomScenario.Subsidiary}", recipient.GetProperty("vendor").GetString());
        Assert.Equal($"http://localhost/api/v1/vendors/{NewsroomScenario.Parent}", recipient.GetProperty("parentVendor").GetString());
    }

    [Fact]
    public async Task The_key_is_case_insensitive_and_the_permalink_is_USAspending_s()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var (status, body) = await GetAsync(client, $"/api/v1/awards/{NewsroomScenario.ParentContract.ToLowerInvariant()}");

        Assert.Equal(HttpStatusCode.OK, status);
        var award = body.GetProperty("award");
        Assert.Equal(NewsroomScenario.ParentContract, award.GetProperty("contractAwardUniqueKey").GetString());
        Assert.Equal($"https://www.usaspending.gov/award/{NewsroomScenario.ParentContract}/", award.GetProperty("usaspendingPermalink").GetString());
    }

    [Fact]
    public async Task The_citation_names_the_source_file_with_its_SHA_256_and_a_link_with_every_parameter()
    {
        var summary = await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var (_, body) = await GetAsync(client, $"/api/v1/awards/{NewsroomScenario.Idv}");

        var citation = body.GetProperty("citation");
        Assert.Equal(await Database.ScalarAsync<DateTimeOffset>("SELECT max(finished_at) FROM import_files"),
            citation.GetProperty("dataAsOf").GetDateTimeOffset());
        AgencyPageTests.AssertScenarioFile(summary, Assert.Single(citation.GetProperty("sourceFiles").EnumerateArray()));
        Assert.Equal($"http://localhost/api/v1/awards/{NewsroomScenario.Idv}?orders_limit=100", citation.GetProperty("reproduce").GetString());
    }

    [Fact]
    public async Task The_citation_of_an_IDV_names_the_files_of_its_listed_orders_too()
    {
        var scenario = await NewsroomScenario.ImportAsync(Database, Scratch);
        var option = await ScenarioAdditions.ImportIceOrderOptionAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var (_, idv) = await GetAsync(client, $"/api/v1/awards/{NewsroomScenario.Idv}");
        var (_, contract) = await GetAsync(client, $"/api/v1/awards/{NewsroomScenario.ParentContract}");

        Assert.Equal([scenario.Files[0].FileId, option.Files[0].FileId], FileIds(idv));
        Assert.Equal(2_550_000.00m, idv.GetProperty("orders").GetProperty("items")[0].GetProperty("obligatedAmount").GetDecimal());
        Assert.Equal([scenario.Files[0].FileId], FileIds(contract));
    }

    [Fact]
    public async Task A_later_modification_shows_in_the_history_with_its_own_file_and_the_values_it_reported()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        var option = await ScenarioAdditions.ImportIceOrderOptionAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var (_, body) = await GetAsync(client, $"/api/v1/awards/{NewsroomScenario.IceOrder}");

        var award = body.GetProperty("award");
        Assert.Equal(2_550_000.00m, award.GetProperty("obligatedAmount").GetDecimal());
        Assert.Equal(2_550_000.00m, award.GetProperty("currentTotalValueOfAwardAsOfLatestAction").GetDecimal());
        var latest = body.GetProperty("transactions")[2];
        Assert.Equal(("P00002", 2025), (latest.GetProperty("modificationNumber").GetString(), latest.GetProperty("fiscalYear").GetInt32()));
        Assert.Equal((option.Files[0].FileId, 1L, 2L), (latest.GetProperty("source").GetProperty("importFileId").GetInt64(),
            latest.GetProperty("source").GetProperty("recordNumber").GetInt64(), latest.GetProperty("source").GetProperty("lineNumber").GetInt64()));
    }

    [Fact]
    public async Task An_unknown_award_is_a_404()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var (status, body) = await GetAsync(client, "/api/v1/awards/CONT_AWD_NOPE_7012_-NONE-_-NONE-");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("CONT_AWD_NOPE_7012_-NONE-_-NONE-", body.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("orders_limit=0", "orders_limit")]
    [InlineData("orders_limit=501", "orders_limit")]
    [InlineData("orders_limit=many", "orders_limit")]
    [InlineData("orders_cursor=not-a-cursor", "orders_cursor")]
    public async Task Bad_input_is_a_400_naming_the_parameter(string query, string parameter)
    {
        using var client = Database.CreateClient();

        var (status, body) = await GetAsync(client, $"/api/v1/awards/{NewsroomScenario.Idv}?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty(parameter, out _), body.ToString());
    }

    [Fact]
    public async Task A_cursor_of_another_shape_is_a_400_naming_orders_cursor()
    {
        using var client = Database.CreateClient();

        foreach (var cursor in new[] { Cursor.Encode("2022-03-01"), Cursor.Encode("March", NewsroomScenario.IceOrder), Cursor.Encode("2022-03-01", null) })
        {
            var (status, body) = await GetAsync(client, $"/api/v1/awards/{NewsroomScenario.Idv}?orders_cursor={cursor}");

            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.True(body.GetProperty("errors").TryGetProperty("orders_cursor", out _));
        }
    }

    [Fact]
    public async Task No_award_response_ever_carries_the_officer_name()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        foreach (var key in new[]
                 {
                     NewsroomScenario.ParentContract, NewsroomScenario.Idv, NewsroomScenario.IceOrder, NewsroomScenario.OpoOrder,
                     NewsroomScenario.AcquiredContract, NewsroomScenario.AcquiredIceContract, NewsroomScenario.SoleProprietorOrder,
                 })
        {
            var (status, _) = await GetAsync(client, $"/api/v1/awards/{key}");
            Assert.Equal(HttpStatusCode.OK, status);
        }
    }

    private static List<long> FileIds(JsonElement body) =>
        body.GetProperty("citation").GetProperty("sourceFiles").EnumerateArray().Select(f => f.GetProperty("importFileId").GetInt64()).ToList();

    private static (string?, string?) Agency(JsonElement award, string role, string level)
    {
        var agency = award.GetProperty(role).GetProperty(level);
        return (agency.GetProperty("code").GetString(), agency.GetProperty("name").GetString());
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(NewsroomScenario.OfficerName, text, StringComparison.OrdinalIgnoreCase);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static async Task<(string Text, JsonElement Body)> GetTextAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(NewsroomScenario.OfficerName, text, StringComparison.OrdinalIgnoreCase);
        return (text, JsonDocument.Parse(text).RootElement.Clone());
    }
}
