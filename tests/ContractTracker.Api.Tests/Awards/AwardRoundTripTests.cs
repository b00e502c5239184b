using System.Text.Json;
using ContractTracker.Api.Tests.Scenario;
using ContractTracker.Api.Tests.Vendors;

namespace ContractTracker.Api.Tests.Awards;

/// <summary>
/// What an award page reads from the database once the host has answered it before (agency names and source files are kept
/// per data version), and that an import that moves the version is never answered from what was kept before it.
/// </summary>
public sealed class AwardRoundTripTests(ApiDatabase database) : ApiTest(database)
{
    private const string Page = $"/api/v1/awards/{NewsroomScenario.ParentContract}";

    [Fact]
    public async Task An_award_page_asked_again_reads_the_database_once()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var first = await DatabaseCommands.OfRequestAsync(client, Page);
        var again = await DatabaseCommands.OfRequestAsync(client, Page);

        Assert.Equal(3, first.Count); // the award, its agencies' names, its source files
        Assert.Contains("FROM import_files WHERE status = 'succeeded'", Assert.Single(again));
    }

    [Fact]
    public async Task After_a_later_import_the_award_page_cites_its_file_and_data_as_of_and_names_the_office_as_it_now_is()
    {
        var scenario = await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();
        var before = (await ApiResponse.GetAsync(client, Page)).Json;

        var renamed = await ScenarioAdditions.ImportRenamedOfficeAsync(Database, Scratch);
        var after = (await ApiResponse.GetAsync(client, Page)).Json;

        Assert.Equal("DETENTION COMPLIANCE AND REMOVALS", OfficeName(before));
        Assert.Equal(ScenarioAdditions.RenamedOffice, OfficeName(after));
        var citation = after.GetProperty("citation");
        Assert.Equal(await Database.ScalarAsync<DateTimeOffset>("SELECT max(finished_at) FROM import_files WHERE status = 'succeeded'"),
            citation.GetProperty("dataAsOf").GetDateTimeOffset());
        Assert.True(citation.GetProperty("dataAsOf").GetDateTimeOffset() > before.GetProperty("citation").GetProperty("dataAsOf").GetDateTimeOffset());
        Assert.Equal(
            [(scenario.Files[0].FileId, scenario.Files[0].FileName), (renamed.Files[0].FileId, "FY2025_070_Contracts_Full_20261215_1.csv")],
            citation.GetProperty("sourceFiles").EnumerateArray()
                .Select(f => (f.GetProperty("importFileId").GetInt64(), f.GetProperty("fileName").GetString())));
    }

    private static string? OfficeName(JsonElement page) =>
        page.GetProperty("award").GetProperty("awarding").GetProperty("office").GetProperty("name").GetString();
}
