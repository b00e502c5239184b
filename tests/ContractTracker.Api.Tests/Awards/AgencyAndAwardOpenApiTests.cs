using System.Text.Json;

namespace ContractTracker.Api.Tests.Awards;

public sealed class AgencyAndAwardOpenApiTests(ApiDatabase database) : ApiTest(database)
{
    [Fact]
    public async Task The_OpenAPI_document_describes_the_agency_and_award_endpoints_with_their_parameters_and_errors()
    {
        using var client = Database.CreateClient();

        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;

        var paths = document.GetProperty("paths");
        var search = paths.GetProperty("/api/v1/agencies").GetProperty("get");
        var agency = paths.GetProperty("/api/v1/agencies/{code}").GetProperty("get");
        var award = paths.GetProperty("/api/v1/awards/{key}").GetProperty("get");
        Assert.Equal("SearchAgencies", search.GetProperty("operationId").GetString());
        // Each also takes the export parameters (format, spreadsheet_safe and, with several tables, table): see ExportOpenApiTests.
        Assert.Equal(["q", "limit", "format", "spreadsheet_safe"], Parameters(search));
        Assert.Equal(["code", "level", "lens", "fiscal_year", "view", "limit", "format", "spreadsheet_safe", "table"], Parameters(agency));
        Assert.Equal(["key", "orders_limit", "orders_cursor", "format", "spreadsheet_safe", "table"], Parameters(award));
        // 503: the service is too busy to queue the question (see QuerySlotTests).
        foreach (var (operation, codes) in new[] { (search, new[] { "200", "400", "503" }), (agency, ["200", "400", "404", "503"]), (award, ["200", "400", "404", "503"]) })
        {
            Assert.Equal(codes, operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).Order());
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("description").GetString()));
        }
    }

    private static List<string?> Parameters(JsonElement operation) =>
        operation.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
}
