using ContractTracker.Api.Tests.Scenario;
using static ContractTracker.Api.Tests.Transactions.TransactionScenario;

namespace ContractTracker.Api.Tests.Transactions;

/// <summary>Each filter of <c>GET /api/v1/transactions</c> against the scenario's actions (date order unless said otherwise).</summary>
public sealed class TransactionFilterTests(ApiDatabase database) : ApiTest(database)
{
    private async Task<List<string>> ActionsAsync(string query)
    {
        using var client = Database.CreateClient();
        var (_, rows) = await ListAsync(client, "/api/v1/transactions?" + query);
        return Names(rows);
    }

    [Fact]
    public async Task Without_filters_every_action_is_listed_in_date_order_with_ties_broken_by_key()
    {
        await TransactionScenario.ImportAsync(Database, Scratch);

        Assert.Equal(
            [
                ParentBase, AcquiredBase, IdvBase, ParentFunding, IceOrderBase, AcquiredMod, AcquiredIce, ParentDeobligation, OpoOrderBase,
                IceOrderOption, QuillArmyContract, SoleProprietorOrder, QuillIceOrder, NorthwindContract,
            ],
            await ActionsAsync(""));
    }

    [Fact]
    public async Task A_vendor_is_its_family_as_reported_by_default_and_can_be_itself_or_its_latest_family()
    {
        await TransactionScenario.ImportAsync(Database, Scratch);

        Assert.Equal(
            [ParentBase, IdvBase, ParentFunding, IceOrderBase, AcquiredMod, AcquiredIce, ParentDeobligation, OpoOrderBase, IceOrderOption],
            await ActionsAsync($"vendor={NewsroomScenario.Parent}"));
        Assert.Equal([ParentBase, ParentFunding, ParentDeobligation], await ActionsAsync($"vendor={NewsroomScenario.Parent}&members=self"));
        Assert.Equal(
            [ParentBase, AcquiredBase, IdvBase, ParentFunding, IceOrderBase, AcquiredMod, AcquiredIce, ParentDeobligation, OpoOrderBase, IceOrderOption],
            await ActionsAsync($"vendor={NewsroomScenario.Parent.ToLowerInvariant()}&view=latest_parent"));
        // The acquired company's own actions: the one reporting itself and the two reporting its new parent.
        Assert.Equal([AcquiredBase, AcquiredMod, AcquiredIce], await ActionsAsync($"vendor={NewsroomScenario.Acquired}"));
    }

    [Fact]
    public async Task The_family_total_of_the_listed_actions_is_the_scenario_figure()
    {
        await TransactionScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var (_, asReported) = await ListAsync(client, $"/api/v1/transactions?vendor={NewsroomScenario.Parent}");
        var (_, latest) = await ListAsync(client, $"/api/v1/transactions?vendor={NewsroomScenario.Parent}&view=latest_parent");

        Assert.Equal(4_800_000.00m, asReported.Sum(r => r.GetProperty("federalActionObligation").GetDecimal()));
        Assert.Equal(5_100_000.00m, latest.Sum(r => r.GetProperty("federalActionObligation").GetDecimal()));
    }

    [Fact]
    public async Task The_order_OPO_awarded_with_ICE_money_is_listed_under_ICE_only_through_the_funding_lens()
    {
        await TransactionScenario.ImportAsync(Database, Scratch);

        var awarding = await ActionsAsync("agency=ICE");
        var funding = await ActionsAsync("agency=ice&lens=funding");

        Assert.Equal(
            [ParentBase, IdvBase, ParentFunding, IceOrderBase, AcquiredIce, ParentDeobligation, IceOrderOption, SoleProprietorOrder, QuillIceOrder, NorthwindContract],
            awarding);
        Assert.DoesNotContain(OpoOrderBase, awarding);
        Assert.Equal(
            [ParentBase, IdvBase, ParentFunding, IceOrderBase, AcquiredIce, ParentDeobligation, OpoOrderBase, IceOrderOption, SoleProprietorOrder, QuillIceOrder, NorthwindContract],
            funding);
        Assert.Equal([OpoOrderBase], await ActionsAsync("agency=7001"));
    }

    [Fact]
    public async Task An_agency_at_any_level_selects_its_actions_through_its_sub_tiers()
    {
        await TransactionScenario.ImportAsync(Database, Scratch);

        var dhs = await ActionsAsync("agency=DHS");

        Assert.Equal(13, dhs.Count);
        Assert.DoesNotContain(QuillArmyContract, dhs);
        Assert.Equal(dhs, await ActionsAsync("agency=070&agency_level=toptier"));
        Assert.Equal([QuillArmyContract], await ActionsAsync("agency=097"));
        Assert.Equal([AcquiredBase, AcquiredMod], await ActionsAsync("agency=CBP"));
        Assert.Equal([OpoOrderBase], await ActionsAsync("agency=70RTAC"));
        Assert.Equal([OpoOrderBase], await ActionsAsync("agency=7001&lens=awarding&agency_level=subtier"));
        Assert.Empty(await ActionsAsync("agency=70RTAC&lens=funding"));
    }

    [Fact]
    public async Task A_vendor_with_an_agency_and_dates_lists_the_actions_that_meet_all_three()
    {
        await TransactionScenario.ImportAsync(Database, Scratch);

        Assert.Equal(
            [IdvBase, ParentFunding, IceOrderBase, AcquiredIce, ParentDeobligation],
            await ActionsAsync($"vendor={NewsroomScenario.Parent}&agency=ICE&from=2022-01-01&to=2023-12-31"));
        Assert.Equal(
            [IdvBase, ParentFunding, IceOrderBase, AcquiredIce, ParentDeobligation, OpoOrderBase],
            await ActionsAsync($"vendor={NewsroomScenario.Parent}&agency=ICE&lens=funding&from=2022-01-01&to=2023-12-31"));
        Assert.Equal([OpoOrderBase, IceOrderOption], await ActionsAsync($"vendor={NewsroomScenario.Parent}&agency=DHS&from=2023-06-01"));
    }

    [Fact]
    public async Task Dates_are_inclusive_and_a_fiscal_year_runs_from_October_to_September()
    {
        await TransactionScenario.ImportAsync(Database, Scratch);

        Assert.Equal([IdvBase, ParentFunding, IceOrderBase, AcquiredMod], await ActionsAsync("from=2022-01-05&to=2022-08-01"));
        Assert.Equal([OpoOrderBase, IceOrderOption, QuillArmyContract, SoleProprietorOrder, QuillIceOrder, NorthwindContract],
            await ActionsAsync("fiscal_year=2024"));
        Assert.Equal([OpoOrderBase, IceOrderOption], await ActionsAsync("fiscal_year=2024&to=2024-01-31"));
        Assert.Empty(await ActionsAsync("fiscal_year=2023&from=2024-01-01"));
        Assert.Equal([AcquiredIce, ParentDeobligation], await ActionsAsync($"vendor={NewsroomScenario.Parent}&fiscal_year=2023"));
    }

    [Fact]
    public async Task NAICS_and_PSC_match_a_whole_code_or_its_first_characters()
    {
        await TransactionScenario.ImportAsync(Database, Scratch);

        Assert.Equal([QuillIceOrder], await ActionsAsync("naics=541930"));
        Assert.Equal([QuillIceOrder], await ActionsAsync("naics=5419"));
        Assert.Equal([QuillArmyContract], await ActionsAsync("naics=56"));
        Assert.Equal(NewsroomActions.Order(StringComparer.Ordinal), (await ActionsAsync("naics=517810")).Order(StringComparer.Ordinal));
        Assert.Empty(await ActionsAsync("naics=5418"));
        Assert.Equal([QuillIceOrder], await ActionsAsync("psc=R608"));
        Assert.Equal([QuillIceOrder], await ActionsAsync("psc=r6"));
        Assert.Equal([QuillArmyContract], await ActionsAsync("psc=S"));
        Assert.Equal(12, (await ActionsAsync("psc=F003")).Count);
    }

    [Fact]
    public async Task Award_types_are_award_type_codes_or_IDV_types()
    {
        await TransactionScenario.ImportAsync(Database, Scratch);

        Assert.Equal([SoleProprietorOrder, QuillIceOrder], await ActionsAsync("award_type=B"));
        Assert.Equal([QuillArmyContract], await ActionsAsync("award_type=d"));
        Assert.Equal([IdvBase], await ActionsAsync("award_type=IDV_B"));
        Assert.Empty(await ActionsAsync("award_type=IDV_A"));
        Assert.Equal(10, (await ActionsAsync("award_type=C")).Count);
    }

    [Fact]
    public async Task Action_types_are_codes_and_base_is_the_action_with_no_code()
    {
        await TransactionScenario.ImportAsync(Database, Scratch);

        Assert.Equal([ParentDeobligation], await ActionsAsync("action_type=m"));
        Assert.Equal([ParentFunding], await ActionsAsync("action_type=C"));
        Assert.Equal([AcquiredMod], await ActionsAsync("action_type=B"));
        Assert.Equal(
            [ParentBase, AcquiredBase, IdvBase, IceOrderBase, AcquiredIce, OpoOrderBase, QuillArmyContract, SoleProprietorOrder, QuillIceOrder, NorthwindContract],
            await ActionsAsync("action_type=base"));
    }

    [Fact]
    public async Task Amounts_bound_the_action_obligation_inclusively_and_de_obligations_are_negative()
    {
        await TransactionScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        Assert.Equal([ParentBase, ParentFunding, IceOrderBase, OpoOrderBase, NorthwindContract], await ActionsAsync("min_amount=500000"));
        Assert.Equal([IdvBase, ParentDeobligation], await ActionsAsync("max_amount=0"));
        Assert.Equal([ParentDeobligation], await ActionsAsync("min_amount=-200000.00&max_amount=-200000"));
        Assert.Equal([NorthwindContract], await ActionsAsync("min_amount=1234567.89&max_amount=1234567.89"));

        var (_, rows) = await ListAsync(client, "/api/v1/transactions?action_type=M");
        var deobligation = Assert.Single(rows);
        Assert.Equal(-200_000.00m, deobligation.GetProperty("federalActionObligation").GetDecimal());
        Assert.Equal("OTHER ADMINISTRATIVE ACTION", deobligation.GetProperty("actionType").GetString());
        Assert.Equal("DE-OBLIGATE UNUSED FUNDS", deobligation.GetProperty("transactionDescription").GetString());
    }

    [Fact]
    public async Task Keywords_must_each_start_a_word_of_either_description_whatever_the_case()
    {
        await TransactionScenario.ImportAsync(Database, Scratch);

        Assert.Equal([ParentBase, QuillIceOrder, NorthwindContract], await ActionsAsync("agency=ICE&q=detention"));
        Assert.Equal([ParentBase], await ActionsAsync("agency=ICE&q=Data+DETENTION"));
        Assert.Equal([ParentBase, IdvBase, IceOrderBase], await ActionsAsync($"vendor={NewsroomScenario.Parent}&q=analytic"));
        // "ice" is inside SERVICES but starts no word.
        Assert.Empty(await ActionsAsync("agency=DHS&q=ice"));
        // The base award's description counts too.
        Assert.Equal([QuillIceOrder], await ActionsAsync("agency=ICE&q=bpa"));
        Assert.Equal(9, (await ActionsAsync("agency=ICE&q=nomadic,+camps")).Count);
        Assert.Empty(await ActionsAsync("agency=ICE&q=detention+army"));
    }

    [Fact]
    public async Task A_sole_proprietor_appears_in_rows_with_no_vendor_link_and_companies_have_one()
    {
        await TransactionScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var (_, rows) = await ListAsync(client, "/api/v1/transactions?fiscal_year=2024&sort=-amount&agency=ICE");

        Assert.Equal([NorthwindContract, IceOrderOption, QuillIceOrder, SoleProprietorOrder], Names(rows));
        var person = rows[3].GetProperty("recipient");
        Assert.Equal(NewsroomScenario.SoleProprietor, person.GetProperty("uei").GetString());
        Assert.Equal(NewsroomScenario.SoleProprietorName, person.GetProperty("name").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, person.GetProperty("vendor").ValueKind);
        Assert.Equal($"http://localhost/api/v1/vendors/{NewsroomScenario.Northwind}", rows[0].GetProperty("recipient").GetProperty("vendor").GetString());
        Assert.Equal($"http://localhost/api/v1/vendors/{Quill}", rows[2].GetProperty("recipient").GetProperty("vendor").GetString());
    }

    [Fact]
    public async Task A_row_carries_the_action_its_award_agencies_codes_and_source_line()
    {
        await TransactionScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();
        var fileId = await Database.ScalarAsync<long>("SELECT id FROM import_files WHERE file_name = 'FY2024_070_Contracts_Full_20261001_1.csv'");

        var (_, rows) = await ListAsync(client, "/api/v1/transactions?agency=7001");

        var row = Assert.Single(rows);
        Assert.Equal("7001_7012_70RTAC23F00000012_0_70CDCR22D00000001_0", row.GetProperty("key").GetString());
        Assert.Equal(NewsroomScenario.OpoOrder, row.GetProperty("awardKey").GetString());
        Assert.Equal($"http://localhost/api/v1/awards/{NewsroomScenario.OpoOrder}", row.GetProperty("award").GetString());
        Assert.Equal("70RTAC23F00000012", row.GetProperty("piid").GetString());
        Assert.Equal("0", row.GetProperty("modificationNumber").GetString());
        Assert.Equal("2023-11-20", row.GetProperty("actionDate").GetString());
        Assert.Equal(2024, row.GetProperty("fiscalYear").GetInt32());
        Assert.Equal(750_000.00m, row.GetProperty("federalActionObligation").GetDecimal());
        Assert.Equal("C", row.GetProperty("awardTypeCode").GetString());
        Assert.Equal("DELIVERY ORDER", row.GetProperty("awardType").GetString());
        var recipient = row.GetProperty("recipient");
        Assert.Equal(NewsroomScenario.Subsidiary, recipient.GetProperty("uei").GetString());
        Assert.Equal(NewsroomScenario.SubsidiaryName, recipient.GetProperty("name").GetString());
        Assert.Equal(NewsroomScenario.Parent, recipient.GetProperty("parentUei").GetString());
        Assert.Equal($"http://localhost/api/v1/vendors/{NewsroomScenario.Subsidiary}", recipient.GetProperty("vendor").GetString());
        var awarding = row.GetProperty("awarding");
        Assert.Equal("070", awarding.GetProperty("agencyCode").GetString());
        Assert.Equal("7001", awarding.GetProperty("subAgencyCode").GetString());
        Assert.Equal("Office of Procurement Operations", awarding.GetProperty("subAgencyName").GetString());
        Assert.Equal("70RTAC", awarding.GetProperty("officeCode").GetString());
        Assert.Equal("OPO ICE SUPPORT DIVISION", awarding.GetProperty("officeName").GetString());
        var funding = row.GetProperty("funding");
        Assert.Equal("7012", funding.GetProperty("subAgencyCode").GetString());
        Assert.Equal("U.S. Immigration and Customs Enforcement", funding.GetProperty("subAgencyName").GetString());
        Assert.Equal("70CDCR", funding.GetProperty("officeCode").GetString());
        Assert.Equal("517810", row.GetProperty("naicsCode").GetString());
        Assert.Equal("ALL OTHER TELECOMMUNICATIONS", row.GetProperty("naicsDescription").GetString());
        Assert.Equal("F003", row.GetProperty("pscCode").GetString());
        Assert.Equal("BIOMETRIC DATA INTEGRATION", row.GetProperty("transactionDescription").GetString());
        Assert.Equal("NOMADIC LAND CAMPS, LLC IDIPF000347 E40", row.GetProperty("primeAwardBaseTransactionDescription").GetString());
        var source = row.GetProperty("source");
        Assert.Equal(fileId, source.GetProperty("importFileId").GetInt64());
        Assert.Equal(7, source.GetProperty("recordNumber").GetInt64());
        Assert.Equal(8, source.GetProperty("lineNumber").GetInt64());
    }
}
