using System.Net;
using System.Text.Json;
using ContractTracker.Api.Common;
using ContractTracker.Api.Tests.Scenario;
using static ContractTracker.Api.Tests.Transactions.TransactionScenario;

namespace ContractTracker.Api.Tests.Transactions;

/// <summary>Bad input to <c>GET /api/v1/transactions</c> is a 400 naming the parameter; an unknown vendor is a 404.</summary>
public sealed class TransactionParameterTests(ApiDatabase database) : ApiTest(database)
{
    [Theory]
    [InlineData("from=2024-13-01", "from")]
    [InlineData("to=01/31/2024", "to")]
    [InlineData("from=2024-02-01&to=2024-01-31", "from")]
    [InlineData("limit=501", "limit")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("sort=name", "sort")]
    [InlineData("sort=amount", "sort")]
    [InlineData("sort=-amount&from=2024-01-01", "sort")]
    [InlineData("min_amount=ten", "min_amount")]
    [InlineData("max_amount=1e6", "max_amount")]
    [InlineData("min_amount=10&max_amount=9.99", "min_amount")]
    [InlineData("fiscal_year=24", "fiscal_year")]
    [InlineData("fiscal_year=FY2024", "fiscal_year")]
    [InlineData("naics=5", "naics")]
    [InlineData("naics=5415111", "naics")]
    [InlineData("psc=R4081", "psc")]
    [InlineData("award_type=E", "award_type")]
    [InlineData("award_type=IDV_F", "award_type")]
    [InlineData("action_type=MM", "action_type")]
    [InlineData("agency=ICE&q=%2C%2C", "q")]
    [InlineData("agency=ICE&q=a+b+c+d+e+f+g+h+i", "q")]
    [InlineData("vendor=LNTRN", "vendor")]
    [InlineData("vendor=LNTRNPARENT1&members=all", "members")]
    [InlineData("vendor=LNTRNPARENT1&view=today", "view")]
    [InlineData("agency=ICE&lens=paying", "lens")]
    [InlineData("agency=ICE&agency_level=bureau", "agency_level")]
    [InlineData("agency=NOSUCHAGENCY", "agency")]
    [InlineData("agency=ICE&agency_level=toptier", "agency")]
    public async Task Bad_input_is_a_400_naming_the_parameter(string query, string parameter)
    {
        using var client = Database.CreateClient();

        var (status, body, text) = await GetAsync(client, "/api/v1/transactions?" + query);

        Assert.True(status == HttpStatusCode.BadRequest, $"{query}: {(int)status} {text}");
        Assert.Equal("One or more query parameters are invalid.", body.GetProperty("title").GetString());
        var errors = body.GetProperty("errors");
        Assert.Equal([parameter], errors.EnumerateObject().Select(e => e.Name));
        Assert.NotEmpty(errors.GetProperty(parameter).EnumerateArray().Single().GetString()!);
    }

    [Fact]
    public async Task An_ambiguous_agency_abbreviation_is_a_400_listing_the_candidates()
    {
        using var client = Database.CreateClient();

        var (status, body, _) = await GetAsync(client, "/api/v1/transactions?agency=OMB");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("matches 3 agencies", body.GetProperty("errors").GetProperty("agency")[0].GetString());
        Assert.Equal(["1103", "1121", "1129"],
            body.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("code").GetString()).Order(StringComparer.Ordinal));
        Assert.All(body.GetProperty("candidates").EnumerateArray(), c => Assert.Equal("subtier", c.GetProperty("level").GetString()));
    }

    [Fact]
    public async Task A_cursor_from_another_sort_or_tampered_with_is_a_400()
    {
        await TransactionScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();
        var (page, _) = await ListAsync(client, "/api/v1/transactions?limit=2");
        var cursor = new Uri(page.GetProperty("next").GetString()!).Query.Split("cursor=")[1];

        var (otherSort, body, _) = await GetAsync(client, $"/api/v1/transactions?agency=DHS&sort=-amount&limit=2&cursor={cursor}");
        var (badDate, _, _) = await GetAsync(client, "/api/v1/transactions?cursor=" + Cursor.Encode("action_date", "2024-02-30", "K"));
        var (noKey, _, _) = await GetAsync(client, "/api/v1/transactions?cursor=" + Cursor.Encode("action_date", "2024-02-01", ""));
        var (badAmount, _, _) = await GetAsync(client, "/api/v1/transactions?agency=ICE&sort=amount&cursor=" + Cursor.Encode("amount", "lots", "K"));
        var (same, _, _) = await GetAsync(client, $"/api/v1/transactions?limit=2&cursor={cursor}");

        Assert.Equal(HttpStatusCode.BadRequest, otherSort);
        Assert.Contains("sort=-amount", body.GetProperty("errors").GetProperty("cursor")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badDate);
        Assert.Equal(HttpStatusCode.BadRequest, noKey);
        Assert.Equal(HttpStatusCode.BadRequest, badAmount);
        Assert.Equal(HttpStatusCode.OK, same);
    }

    [Fact]
    public async Task A_sole_proprietor_as_vendor_is_the_same_404_as_an_unknown_UEI()
    {
        await TransactionScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var (personStatus, _, person) = await GetAsync(client, $"/api/v1/transactions?vendor={NewsroomScenario.SoleProprietor}");
        var (unknownStatus, _, unknown) = await GetAsync(client, "/api/v1/transactions?vendor=UNKNOWN00001");

        Assert.Equal(HttpStatusCode.NotFound, personStatus);
        Assert.Equal(HttpStatusCode.NotFound, unknownStatus);
        Assert.Equal(WithoutTrace(unknown).Replace("UNKNOWN00001", "<uei>", StringComparison.Ordinal),
            WithoutTrace(person).Replace(NewsroomScenario.SoleProprietor, "<uei>", StringComparison.Ordinal));
        Assert.DoesNotContain(NewsroomScenario.SoleProprietorName, person, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_sole_proprietor_is_listed_among_an_agency_s_actions_and_no_answer_names_the_officer()
    {
        await TransactionScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        foreach (var query in new[] { "", "agency=ICE&sort=amount", "agency=ICE&q=interpretation", "action_type=base&limit=500", "fiscal_year=2024&sort=-action_date" })
        {
            var (_, rows) = await ListAsync(client, "/api/v1/transactions?" + query);
            var index = Names(rows).IndexOf(SoleProprietorOrder);
            Assert.True(index >= 0, query);
            var person = rows[index].GetProperty("recipient");
            Assert.Equal(JsonValueKind.Null, person.GetProperty("vendor").ValueKind);
        }
    }

    /// <summary>The problem without its <c>traceId</c>, which differs between any two requests.</summary>
    private static string WithoutTrace(string problem)
    {
        var body = System.Text.Json.Nodes.JsonNode.Parse(problem)!.AsObject();
        Assert.True(body.Remove("traceId"));
        return body.ToJsonString();
    }
}
