namespace ContractTracker.Api.Tests.Scenario;

/// <summary>The scenario's own facts, as the derived tables hold them, before any endpoint reads them.</summary>
public sealed class NewsroomScenarioTests(ApiDatabase database) : ApiTest(database)
{
    [Fact]
    public async Task The_scenario_loads_with_the_families_and_figures_it_describes()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);

        Assert.Equal(4_800_000.00m, await Database.ScalarAsync<decimal>(
            $"SELECT sum(federal_action_obligation) FROM transactions WHERE coalesce(recipient_parent_uei, recipient_uei) = '{NewsroomScenario.Parent}'"));
        Assert.Equal(5_100_000.00m, await Database.ScalarAsync<decimal>(
            $"SELECT sum(obligated_amount) FROM recipients WHERE coalesce(latest_parent_uei, uei) = '{NewsroomScenario.Parent}'"));
        Assert.Equal(2L, await Database.ScalarAsync<long>($"SELECT count(*) FROM recipient_parents WHERE uei = '{NewsroomScenario.Acquired}'"));
        Assert.Equal(3L, await Database.ScalarAsync<long>($"SELECT count(*) FROM recipient_names WHERE uei = '{NewsroomScenario.Parent}'"));
        Assert.True(await Database.ScalarAsync<bool>($"SELECT is_sole_proprietorship FROM recipients WHERE uei = '{NewsroomScenario.SoleProprietor}'"));
        Assert.Equal(NewsroomScenario.Idv, await Database.ScalarAsync<string>(
            $"SELECT parent_award_unique_key FROM awards WHERE contract_award_unique_key = '{NewsroomScenario.OpoOrder}'"));
        Assert.Equal(3_950_000.00m, await Database.ScalarAsync<decimal>(
            $"SELECT sum(obligated_amount) FROM relationship_fiscal_years WHERE reported_parent_uei = '{NewsroomScenario.Parent}' AND awarding_sub_agency_code = '7012'"));
    }
}
