using System.Globalization;
using System.Net;
using System.Text.Json;
using ContractTracker.Api.Tests.Scenario;
using ContractTracker.Testing;

namespace ContractTracker.Api.Tests.Exports;

/// <summary>Every list the API serves has a file form holding the same rows as its JSON form.</summary>
public sealed class AnswerExportTests(ApiDatabase database) : ApiTest(database)
{
    public static TheoryData<string, string, string, string, string, string?, string?> Lists => new()
    {
        // JSON url, table, path to the JSON list, JSON key property (dotted), CSV key column, JSON amount property, CSV amount column
        { "/api/v1/vendors?q=lantern", "hits", "hits", "parentUei", "parent_uei", "obligatedAmount", "obligated_amount" },
        { $"/api/v1/vendors/{NewsroomScenario.Parent}", "members", "members", "uei", "uei", "obligatedAmountInVendor", "obligated_amount_in_vendor" },
        { $"/api/v1/vendors/{NewsroomScenario.Parent}", "by_agency", "obligationsByAgency", "subtier.code", "subtier_code", "obligatedAmount", "obligated_amount" },
        { $"/api/v1/vendors/{NewsroomScenario.Parent}", "by_fiscal_year", "obligationsByFiscalYear", "fiscalYear", "fiscal_year", "obligatedAmount", "obligated_amount" },
        { "/api/v1/agencies?q=ICE", "hits", "hits", "code", "code", null, null },
        { "/api/v1/agencies/ICE", "top_vendors", "topVendors", "parentUei", "parent_uei", "obligatedAmount", "obligated_amount" },
        { "/api/v1/agencies/ICE", "by_fiscal_year", "obligationsByFiscalYear", "fiscalYear", "fiscal_year", "obligatedAmount", "obligated_amount" },
        { "/api/v1/agencies/DHS", "components", "agency.subtiers", "code", "code", "obligatedAmount", "obligated_amount" },
        { $"/api/v1/awards/{NewsroomScenario.Idv}", "orders", "orders.items", "contractAwardUniqueKey", "contract_award_unique_key", "obligatedAmount", "obligated_amount" },
        { $"/api/v1/awards/{NewsroomScenario.ParentContract}", "transactions", "transactions", "contractTransactionUniqueKey", "contract_transaction_unique_key", "federalActionObligation", "federal_action_obligation" },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task A_list_as_csv_holds_the_same_rows_as_its_json(
        string url, string table, string listPath, string jsonKey, string csvKey, string? jsonAmount, string? csvAmount)
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var json = JsonDocument.Parse(await client.GetStringAsync(url)).RootElement;
        var items = Walk(json, listPath).EnumerateArray().ToList();
        Assert.NotEmpty(items);
        var link = json.GetProperty("downloads") is { ValueKind: JsonValueKind.Array } downloads
            ? downloads.EnumerateArray().Single(d => d.GetProperty("table").GetString() == table).GetProperty("csv").GetString()!
            : json.GetProperty("downloads").GetProperty("csv").GetString()!;

        using var response = await client.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.DoesNotContain(NewsroomScenario.OfficerName, System.Text.Encoding.UTF8.GetString(bytes));
        var rows = CsvText.Records(bytes);

        Assert.Equal(items.Select(i => Text(Walk(i, jsonKey))), rows.Select(r => r[csvKey]));
        if (jsonAmount is not null)
        {
            Assert.Equal(items.Select(i => Walk(i, jsonAmount).GetDecimal()),
                rows.Select(r => decimal.Parse(r[csvAmount!], CultureInfo.InvariantCulture)));
        }
    }

    [Fact]
    public async Task A_sole_proprietor_is_never_a_row_of_a_vendor_list_file()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var search = await client.GetStringAsync("/api/v1/vendors?q=rivera&format=csv");
        var top = await client.GetStringAsync("/api/v1/agencies/ICE?format=csv&table=top_vendors");

        Assert.DoesNotContain(NewsroomScenario.SoleProprietor, search);
        Assert.DoesNotContain(NewsroomScenario.SoleProprietor, top);
        Assert.DoesNotContain(NewsroomScenario.SoleProprietorName, top);
    }

    private static JsonElement Walk(JsonElement element, string path)
    {
        foreach (var part in path.Split('.'))
        {
            element = element.GetProperty(part);
        }

        return element;
    }

    private static string Text(JsonElement element) =>
        element.ValueKind == JsonValueKind.Number ? element.GetRawText() : element.GetString() ?? "";
}
