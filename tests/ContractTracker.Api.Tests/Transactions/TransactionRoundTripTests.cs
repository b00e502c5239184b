using System.Net;
using System.Text.Json;
using ContractTracker.Api.Tests.Awards;
using ContractTracker.Api.Tests.Scenario;
using ContractTracker.Api.Tests.Vendors;

namespace ContractTracker.Api.Tests.Transactions;

/// <summary>
/// What a page of an agency's actions reads from the database once the host has resolved the agency and cited the files
/// before, and that an import committed since is never answered with the agency as it was before it.
/// </summary>
public sealed class TransactionRoundTripTests(ApiDatabase database) : ApiTest(database)
{
    [Fact]
    public async Task An_agency_s_page_asked_again_reads_the_database_once()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var first = await DatabaseCommands.OfRequestAsync(client, "/api/v1/transactions?agency=ICE");
        var again = await DatabaseCommands.OfRequestAsync(client, "/api/v1/transactions?agency=ICE");

        Assert.Equal(3, first.Count); // the agency, the page, its source files
        Assert.Contains("FROM import_files WHERE status = 'succeeded'", Assert.Single(again));
    }

    [Fact]
    public async Task A_family_s_page_asked_again_reads_the_family_with_its_ranges_then_the_page()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();
        var page = $"/api/v1/transactions?vendor={NewsroomScenario.Parent}&sort=-action_date";

        await ApiResponse.GetAsync(client, page);
        var again = await DatabaseCommands.OfRequestAsync(client, page);

        Assert.Equal(2, again.Count);
        Assert.Contains("subtiers(code)", again[0]);
        Assert.Contains("FROM import_files WHERE status = 'succeeded'", again[1]);
    }

    [Fact]
    public async Task After_a_later_import_an_office_s_page_names_it_as_it_now_is_and_cites_the_new_file()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();
        const string page = "/api/v1/transactions?agency=70CDCR&sort=-action_date&limit=1";
        var before = (await ApiResponse.GetAsync(client, page)).Json;

        var renamed = await ScenarioAdditions.ImportRenamedOfficeAsync(Database, Scratch);
        var after = (await ApiResponse.GetAsync(client, page)).Json;

        Assert.Equal("DETENTION COMPLIANCE AND REMOVALS", AgencyName(before));
        Assert.Equal(ScenarioAdditions.RenamedOffice, AgencyName(after));
        Assert.Equal("OFFICE RENAMED", Assert.Single(after.GetProperty("transactions").EnumerateArray()).GetProperty("transactionDescription").GetString());
        var citation = after.GetProperty("citation");
        Assert.Equal(await Database.ScalarAsync<DateTimeOffset>("SELECT max(finished_at) FROM import_files WHERE status = 'succeeded'"),
            citation.GetProperty("dataAsOf").GetDateTimeOffset());
        Assert.Equal(renamed.Files[0].FileId, Assert.Single(citation.GetProperty("sourceFiles").EnumerateArray()).GetProperty("importFileId").GetInt64());
    }

    [Fact]
    public async Task An_office_unknown_before_a_later_import_is_found_after_it()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();
        var page = $"/api/v1/transactions?agency={ScenarioAdditions.NewOffice}&lens=funding";
        var before = await ApiResponse.GetAsync(client, page);

        await ScenarioAdditions.ImportRenamedOfficeAsync(Database, Scratch);
        var after = await ApiResponse.GetAsync(client, page);

        Assert.Contains("is not an agency code or abbreviation known here", Assert.Single(before.ErrorsFor("agency")));
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.Equal("OFFICE RENAMED", Assert.Single(after.Json.GetProperty("transactions").EnumerateArray()).GetProperty("transactionDescription").GetString());
    }

    private static string? AgencyName(JsonElement page) => page.GetProperty("filters").GetProperty("agency").GetProperty("name").GetString();
}
