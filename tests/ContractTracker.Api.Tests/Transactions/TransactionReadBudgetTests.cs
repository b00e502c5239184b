using ContractTracker.Agencies;
using ContractTracker.Transactions;
using static ContractTracker.Api.Tests.Transactions.TransactionScenario;

namespace ContractTracker.Api.Tests.Transactions;

/// <summary>
/// A page sorted by date reads a bounded number of actions: with a budget of three, filters that match few actions give
/// short or empty pages whose next position carries on, and paging still finds every match once, in order.
/// </summary>
public sealed class TransactionReadBudgetTests(ApiDatabase database) : ApiTest(database)
{
    private static readonly AgencyScope Dhs = new(new AgencyRef(AgencyLevel.Toptier, "070", null, "DHS", "070", null), AgencyLens.Awarding);

    [Theory]
    [InlineData(TransactionSort.ActionDate)]
    [InlineData(TransactionSort.ActionDateDescending)]
    public async Task A_rare_match_is_reached_through_short_pages_that_each_read_a_few_actions(TransactionSort sort)
    {
        await TransactionScenario.ImportAsync(Database, Scratch);
        var search = new TransactionSearch(Database.DataSource, actionsReadPerPage: 3);

        var pages = await PageThroughAsync(search, new TransactionFilter { NaicsPrefix = "5419" }, sort);

        Assert.Equal([QuillIceOrder], pages.SelectMany(p => p.Rows).Select(Name));
        Assert.Contains(pages, p => p.Rows.Count == 0 && p.Next is not null);
        // Fourteen actions, three read per page: five pages.
        Assert.Equal(5, pages.Count);
    }

    [Fact]
    public async Task A_page_can_end_on_an_action_the_filter_cannot_judge()
    {
        await TransactionScenario.ImportAsync(Database, Scratch);
        var search = new TransactionSearch(Database.DataSource, actionsReadPerPage: 3);

        // The third action read is the IDV's, whose award type code is empty: the page ends there without matching it.
        var first = await search.ListAsync(new TransactionFilter { AwardType = new AwardTypeFilter("B", IsIdv: false) }, TransactionSort.ActionDate, null, 2, CancellationToken.None);
        var pages = await PageThroughAsync(search, new TransactionFilter { AwardType = new AwardTypeFilter("B", IsIdv: false) }, TransactionSort.ActionDate);

        Assert.Empty(first.Rows);
        Assert.Equal("70CDCR22D00000001", (await Database.ScalarAsync<string>(
            $"SELECT award_id_piid FROM transactions WHERE contract_transaction_unique_key = '{first.Next!.Key}'")));
        Assert.Equal([SoleProprietorOrder, QuillIceOrder], pages.SelectMany(p => p.Rows).Select(Name));
    }

    [Fact]
    public async Task Merged_sub_tier_ranges_stop_at_the_first_range_that_used_its_share_and_miss_nothing()
    {
        await TransactionScenario.ImportAsync(Database, Scratch);
        var search = new TransactionSearch(Database.DataSource, actionsReadPerPage: 3);
        var unbounded = new TransactionSearch(Database.DataSource);
        var filter = new TransactionFilter { Agency = Dhs, Keywords = ["detention"] };

        var pages = await PageThroughAsync(search, filter, TransactionSort.ActionDate);
        var all = await unbounded.ListAsync(filter, TransactionSort.ActionDate, null, 500, CancellationToken.None);

        Assert.Equal([ParentBase, QuillIceOrder, NorthwindContract], all.Rows.Select(Name));
        Assert.Null(all.Next);
        Assert.Equal(all.Rows.Select(r => r.Key), pages.SelectMany(p => p.Rows).Select(r => r.Key));
        Assert.True(pages.Count > 2);
    }

    [Fact]
    public async Task Without_filters_beyond_the_ranges_a_page_is_full_whatever_the_budget()
    {
        await TransactionScenario.ImportAsync(Database, Scratch);
        var search = new TransactionSearch(Database.DataSource, actionsReadPerPage: 3);

        var page = await search.ListAsync(new TransactionFilter { Agency = Dhs }, TransactionSort.ActionDate, null, 10, CancellationToken.None);

        Assert.Equal(10, page.Rows.Count);
        Assert.Equal(page.Rows[^1].Key, page.Next?.Key);
    }

    private static async Task<List<TransactionPage>> PageThroughAsync(TransactionSearch search, TransactionFilter filter, TransactionSort sort)
    {
        var pages = new List<TransactionPage>();
        TransactionPosition? after = null;
        do
        {
            Assert.True(pages.Count < 20, "the pages never end");
            var page = await search.ListAsync(filter, sort, after, 2, CancellationToken.None);
            pages.Add(page);
            after = page.Next;
        }
        while (after is not null);

        return pages;
    }

    private static string Name(TransactionListRow row) => $"{row.Piid}/{row.ModificationNumber}";
}
