using System.Text.Json;
using ContractTracker.Api.Tests.Awards;
using ContractTracker.Api.Tests.Scenario;
using ContractTracker.Api.Tests.Vendors;

namespace ContractTracker.Api.Tests.Relationships;

/// <summary>
/// What a relationship reads from the database once the host has resolved its agency and cited its files before, and that
/// an import committed since is never answered with the agency as it was before it.
/// </summary>
public sealed class RelationshipRoundTripTests(ApiDatabase database) : ApiTest(database)
{
    private const string Office = $"/api/v1/relationships?vendor={NewsroomScenario.Parent}&agency=70CDCR";

    [Fact]
    public async Task A_relationship_asked_again_reads_only_its_vendor_its_actions_and_its_awards()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        // The first time also reads the agency (again when the host kept it for an earlier version) and the source files.
        await ApiResponse.GetAsync(client, Office);
        var again = await DatabaseCommands.OfRequestAsync(client, Office);

        // The vendor, the actions (series, awards' figures, files, events and the data as of), the award rows.
        Assert.Equal(3, again.Count);
        Assert.Contains("FROM import_files WHERE status = 'succeeded'", again[1]);
    }

    [Fact]
    public async Task After_a_later_import_a_relationship_with_an_office_names_it_as_it_now_is_and_counts_the_new_action()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();
        var before = (await ApiResponse.GetAsync(client, Office)).Json;

        var renamed = await ScenarioAdditions.ImportRenamedOfficeAsync(Database, Scratch);
        var after = (await ApiResponse.GetAsync(client, Office)).Json;

        Assert.Equal("DETENTION COMPLIANCE AND REMOVALS", AgencyName(before));
        Assert.Equal(ScenarioAdditions.RenamedOffice, AgencyName(after));
        Assert.Equal(TransactionCount(before) + 1, TransactionCount(after));
        var citation = after.GetProperty("citation");
        Assert.Equal(await Database.ScalarAsync<DateTimeOffset>("SELECT max(finished_at) FROM import_files WHERE status = 'succeeded'"),
            citation.GetProperty("dataAsOf").GetDateTimeOffset());
        Assert.Contains(renamed.Files[0].FileId, citation.GetProperty("sourceFiles").EnumerateArray().Select(f => f.GetProperty("importFileId").GetInt64()));
    }

    private static string? AgencyName(JsonElement answer) => answer.GetProperty("agency").GetProperty("name").GetString();

    private static long TransactionCount(JsonElement answer) => answer.GetProperty("summary").GetProperty("transactionCount").GetInt64();
}
