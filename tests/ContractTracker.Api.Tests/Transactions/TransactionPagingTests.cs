using System.Security.Cryptography;
using System.Text.Json;
using ContractTracker.Api.Tests.Scenario;
using static ContractTracker.Api.Tests.Transactions.TransactionScenario;

namespace ContractTracker.Api.Tests.Transactions;

/// <summary>Keyset pages and the citation of <c>GET /api/v1/transactions</c>.</summary>
public sealed class TransactionPagingTests(ApiDatabase database) : ApiTest(database)
{
    [Theory]
    [InlineData("sort=action_date", 14)]
    [InlineData("sort=-action_date", 14)]
    [InlineData("sort=amount&agency=DHS", 13)]
    [InlineData("sort=-amount&agency=DHS", 13)]
    [InlineData("sort=-action_date&agency=ICE&lens=funding", 11)]
    [InlineData("sort=amount&vendor=LNTRNPARENT1", 9)]
    [InlineData("sort=-amount&vendor=LNTRNPARENT1&view=latest_parent", 10)]
    [InlineData("sort=action_date&vendor=QUILLXLATE07", 2)]
    public async Task Paging_two_at_a_time_visits_every_action_once_in_sort_order(string query, int expected)
    {
        await TransactionScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();
        var (_, all) = await ListAsync(client, $"/api/v1/transactions?{query}&limit=500");

        var visited = new List<JsonElement>();
        var url = $"/api/v1/transactions?{query}&limit=2";
        for (var pages = 0; url is not null; pages++)
        {
            Assert.True(pages < expected, "the pages never end");
            var (page, rows) = await ListAsync(client, url);
            visited.AddRange(rows);
            url = page.GetProperty("next").GetString();
            Assert.True(url is null || rows.Count == 2, "only the last page is short");
            Assert.True(url is not null || visited.Count == expected, "the last page has no next link");
        }

        Assert.Equal(expected, all.Count);
        Assert.Equal(Keys(all), Keys(visited));
        Assert.Equal(expected, Keys(visited).Distinct().Count());
        var descending = query.Contains("sort=-", StringComparison.Ordinal);
        var byAmount = query.Contains("amount", StringComparison.Ordinal);
        var expectedOrder = visited
            .Select(r => (Date: r.GetProperty("actionDate").GetString()!, Amount: r.GetProperty("federalActionObligation").GetDecimal(), Key: r.GetProperty("key").GetString()!))
            .Order(Comparer<(string Date, decimal Amount, string Key)>.Create((a, b) =>
            {
                var bySort = byAmount ? a.Amount.CompareTo(b.Amount) : string.CompareOrdinal(a.Date, b.Date);
                var result = bySort != 0 ? bySort : string.CompareOrdinal(a.Key, b.Key);
                return descending ? -result : result;
            }))
            .Select(r => r.Key);
        Assert.Equal(expectedOrder, Keys(visited));
    }

    [Fact]
    public async Task Ties_on_date_and_amount_are_broken_by_the_transaction_key_in_the_sort_direction()
    {
        await TransactionScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var (_, ascending) = await ListAsync(client, "/api/v1/transactions?from=2024-02-01&to=2024-02-01");
        var (_, descending) = await ListAsync(client, "/api/v1/transactions?from=2024-02-01&to=2024-02-01&sort=-action_date");
        var (_, byAmount) = await ListAsync(client, "/api/v1/transactions?vendor=QUILLXLATE07&sort=-amount&limit=1");

        Assert.Equal([QuillArmyContract, SoleProprietorOrder, QuillIceOrder], Names(ascending));
        Assert.Equal([QuillIceOrder, SoleProprietorOrder, QuillArmyContract], Names(descending));
        Assert.Equal([QuillIceOrder], Names(byAmount));
    }

    [Fact]
    public async Task The_next_link_is_the_query_with_a_cursor_and_the_last_page_has_none()
    {
        await TransactionScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var (first, firstRows) = await ListAsync(client, "/api/v1/transactions?agency=ice&lens=funding&sort=-amount&limit=10");
        var next = first.GetProperty("next").GetString()!;
        var (second, secondRows) = await ListAsync(client, next);

        Assert.StartsWith("http://localhost/api/v1/transactions?agency=7012&agency_level=subtier&lens=funding&sort=-amount&limit=10&cursor=", next);
        Assert.Equal(10, firstRows.Count);
        Assert.Equal([ParentDeobligation], Names(secondRows));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
        Assert.Equal(first.GetProperty("citation").GetProperty("reproduce").GetString(), second.GetProperty("citation").GetProperty("reproduce").GetString());
    }

    [Fact]
    public async Task The_citation_names_the_files_of_the_rows_on_the_page_and_reproduces_the_query_without_the_cursor()
    {
        await TransactionScenario.ImportAsync(Database, Scratch);
        var newsroomFile = Path.Combine(Scratch, "FY2024_070_Contracts_Full_20261001_1.csv");
        var extraFile = Path.Combine(Scratch, ExtraFileName);
        using var client = Database.CreateClient();

        var (family, _) = await ListAsync(client, $"/api/v1/transactions?vendor={NewsroomScenario.Parent.ToLowerInvariant()}&from=2022-01-01&q=Analytics");
        var (ties, _) = await ListAsync(client, "/api/v1/transactions?fiscal_year=2024&agency=DHS&sort=-amount&limit=2");
        var (nextPage, _) = await ListAsync(client, ties.GetProperty("next").GetString()!);

        var citation = family.GetProperty("citation");
        Assert.True(citation.GetProperty("dataAsOf").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(-1));
        var file = Assert.Single(citation.GetProperty("sourceFiles").EnumerateArray());
        Assert.Equal("FY2024_070_Contracts_Full_20261001_1.csv", file.GetProperty("fileName").GetString());
        Assert.Equal(Sha256(newsroomFile), file.GetProperty("sha256").GetString());
        Assert.Equal("newsroom scenario", file.GetProperty("source").GetString());
        Assert.False(citation.GetProperty("includesSyntheticData").GetBoolean());
        Assert.Equal(
            $"http://localhost/api/v1/transactions?vendor={NewsroomScenario.Parent}&members=family&view=as_reported&from=2022-01-01&q=analytics&sort=action_date&limit=50",
            citation.GetProperty("reproduce").GetString());

        // The first page (Northwind, the OPO order) stands on the newsroom file; the next (the ICE option, a 9,500.00 tie) on both.
        Assert.Equal(["FY2024_070_Contracts_Full_20261001_1.csv"], FileNames(ties));
        Assert.Equal(["FY2024_070_Contracts_Full_20261001_1.csv", ExtraFileName], FileNames(nextPage).Order(StringComparer.Ordinal));
        Assert.Contains(nextPage.GetProperty("citation").GetProperty("sourceFiles").EnumerateArray(),
            f => f.GetProperty("fileName").GetString() == ExtraFileName && f.GetProperty("sha256").GetString() == Sha256(extraFile));
        Assert.Equal("http://localhost/api/v1/transactions?agency=070&agency_level=toptier&lens=awarding&fiscal_year=2024&sort=-amount&limit=2",
            nextPage.GetProperty("citation").GetProperty("reproduce").GetString());
    }

    [Fact]
    public async Task The_filters_as_applied_are_returned_with_defaults_and_the_agency_resolved()
    {
        await TransactionScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var (page, _) = await ListAsync(client,
            $"/api/v1/transactions?vendor={NewsroomScenario.Parent}&agency=ice&from=2021-01-01&to=2024-12-31&naics=5418&psc=r4&award_type=idv_b" +
            "&action_type=Base&min_amount=-5&max_amount=10.50&q=Data,+DATA+platform&fiscal_year=2023");

        var filters = page.GetProperty("filters");
        Assert.Equal(NewsroomScenario.Parent, filters.GetProperty("vendor").GetProperty("uei").GetString());
        Assert.Equal("family", filters.GetProperty("vendor").GetProperty("members").GetString());
        Assert.Equal("as_reported", filters.GetProperty("vendor").GetProperty("view").GetString());
        var agency = filters.GetProperty("agency");
        Assert.Equal("subtier", agency.GetProperty("level").GetString());
        Assert.Equal("7012", agency.GetProperty("code").GetString());
        Assert.Equal("ICE", agency.GetProperty("abbreviation").GetString());
        Assert.Equal("070", agency.GetProperty("toptierCode").GetString());
        Assert.Equal("awarding", agency.GetProperty("lens").GetString());
        Assert.Equal("2021-01-01", filters.GetProperty("from").GetString());
        Assert.Equal("2024-12-31", filters.GetProperty("to").GetString());
        Assert.Equal(2023, filters.GetProperty("fiscalYear").GetInt32());
        Assert.Equal("5418", filters.GetProperty("naics").GetString());
        Assert.Equal("R4", filters.GetProperty("psc").GetString());
        Assert.Equal("IDV_B", filters.GetProperty("awardType").GetString());
        Assert.Equal("base", filters.GetProperty("actionType").GetString());
        Assert.Equal(-5m, filters.GetProperty("minAmount").GetDecimal());
        Assert.Equal(10.50m, filters.GetProperty("maxAmount").GetDecimal());
        Assert.Equal(["data", "platform"], filters.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("action_date", filters.GetProperty("sort").GetString());
        Assert.Equal(50, filters.GetProperty("limit").GetInt32());
        Assert.Empty(page.GetProperty("transactions").EnumerateArray());
        Assert.Empty(page.GetProperty("citation").GetProperty("sourceFiles").EnumerateArray());
        Assert.Equal(
            $"http://localhost/api/v1/transactions?vendor={NewsroomScenario.Parent}&members=family&view=as_reported&agency=7012&agency_level=subtier&lens=awarding" +
            "&from=2021-01-01&to=2024-12-31&fiscal_year=2023&naics=5418&psc=R4&award_type=IDV_B&action_type=base&min_amount=-5&max_amount=10.50" +
            "&q=data%20platform&sort=action_date&limit=50",
            page.GetProperty("citation").GetProperty("reproduce").GetString());
    }

    private static List<string> Keys(IEnumerable<JsonElement> rows) => rows.Select(r => r.GetProperty("key").GetString()!).ToList();

    private static IEnumerable<string> FileNames(JsonElement page) =>
        page.GetProperty("citation").GetProperty("sourceFiles").EnumerateArray().Select(f => f.GetProperty("fileName").GetString()!);

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
