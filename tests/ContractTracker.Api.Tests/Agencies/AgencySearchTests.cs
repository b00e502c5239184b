using System.Net;
using System.Text.Json;
using ContractTracker.Api.Tests.Scenario;

namespace ContractTracker.Api.Tests.Agencies;

public sealed class AgencySearchTests(ApiDatabase database) : ApiTest(database)
{
    [Theory]
    [InlineData("ICE")]
    [InlineData("ice")]
    [InlineData("7012")]
    public async Task Searching_for_ICE_by_abbreviation_or_code_puts_the_sub_tier_first_under_its_department(string q)
    {
        using var client = Database.CreateClient();

        var (status, body) = await GetAsync(client, $"/api/v1/agencies?q={q}");

        Assert.Equal(HttpStatusCode.OK, status);
        var first = body.GetProperty("hits")[0];
        Assert.Equal("subtier", first.GetProperty("level").GetString());
        Assert.Equal("7012", first.GetProperty("code").GetString());
        Assert.Equal("ICE", first.GetProperty("abbreviation").GetString());
        Assert.Equal("U.S. Immigration and Customs Enforcement", first.GetProperty("name").GetString());
        Assert.Equal("http://localhost/api/v1/agencies/7012?level=subtier", first.GetProperty("link").GetString());
        var parent = first.GetProperty("parent");
        Assert.Equal("toptier", parent.GetProperty("level").GetString());
        Assert.Equal("070", parent.GetProperty("code").GetString());
        Assert.Equal("Department of Homeland Security", parent.GetProperty("name").GetString());
        Assert.Equal("DHS", parent.GetProperty("abbreviation").GetString());
    }

    [Fact]
    public async Task Searching_for_DHS_puts_the_department_before_its_headquarters_sub_tier()
    {
        using var client = Database.CreateClient();

        var (_, body) = await GetAsync(client, "/api/v1/agencies?q=DHS");

        var hits = body.GetProperty("hits").EnumerateArray().ToList();
        Assert.Equal(("toptier", "070"), (hits[0].GetProperty("level").GetString(), hits[0].GetProperty("code").GetString()));
        Assert.Equal(JsonValueKind.Null, hits[0].GetProperty("parent").ValueKind);
        Assert.Equal(("subtier", "7000"), (hits[1].GetProperty("level").GetString(), hits[1].GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Searching_part_of_a_name_finds_every_agency_whose_name_contains_it()
    {
        using var client = Database.CreateClient();

        var (_, body) = await GetAsync(client, "/api/v1/agencies?q=immigration");

        var codes = body.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("code").GetString()).ToList();
        Assert.Contains("7012", codes);
        Assert.Contains("7003", codes);
    }

    [Fact]
    public async Task An_office_seen_in_the_transactions_is_found_with_its_sub_tier_as_parent()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var (_, body) = await GetAsync(client, "/api/v1/agencies?q=70cdcr");

        var office = Assert.Single(body.GetProperty("hits").EnumerateArray());
        Assert.Equal("office", office.GetProperty("level").GetString());
        Assert.Equal("DETENTION COMPLIANCE AND REMOVALS", office.GetProperty("name").GetString());
        Assert.Equal("http://localhost/api/v1/agencies/70CDCR?level=office", office.GetProperty("link").GetString());
        Assert.Equal("7012", office.GetProperty("parent").GetProperty("code").GetString());
        Assert.Equal("subtier", office.GetProperty("parent").GetProperty("level").GetString());
    }

    [Fact]
    public async Task Searching_for_an_unknown_code_finds_nothing()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var (status, body) = await GetAsync(client, "/api/v1/agencies?q=ZZ99");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(body.GetProperty("hits").EnumerateArray());
    }

    [Theory]
    [InlineData("%25")]
    [InlineData("_")]
    [InlineData("...")]
    public async Task Wildcards_and_punctuation_match_nothing(string q)
    {
        using var client = Database.CreateClient();

        var (status, body) = await GetAsync(client, $"/api/v1/agencies?q={q}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(body.GetProperty("hits").EnumerateArray());
    }

    [Fact]
    public async Task The_limit_caps_the_hits()
    {
        using var client = Database.CreateClient();

        var (_, body) = await GetAsync(client, "/api/v1/agencies?q=department&limit=3");

        Assert.Equal(3, body.GetProperty("hits").GetArrayLength());
    }

    [Fact]
    public async Task The_citation_gives_the_data_as_of_and_a_link_with_every_parameter_spelled_out()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.CreateClient();

        var (_, body) = await GetAsync(client, "/api/v1/agencies?q=ICE");

        var citation = body.GetProperty("citation");
        Assert.Equal(await Database.ScalarAsync<DateTimeOffset>("SELECT max(finished_at) FROM import_files"),
            citation.GetProperty("dataAsOf").GetDateTimeOffset());
        Assert.Empty(citation.GetProperty("sourceFiles").EnumerateArray());
        Assert.Equal("http://localhost/api/v1/agencies?q=ICE&limit=25", citation.GetProperty("reproduce").GetString());
    }

    [Theory]
    [InlineData("/api/v1/agencies", "q")]
    [InlineData("/api/v1/agencies?q=", "q")]
    [InlineData("/api/v1/agencies?q=%20%20", "q")]
    [InlineData("/api/v1/agencies?q=ICE&limit=0", "limit")]
    [InlineData("/api/v1/agencies?q=ICE&limit=101", "limit")]
    [InlineData("/api/v1/agencies?q=ICE&limit=ten", "limit")]
    public async Task Bad_input_is_a_400_naming_the_parameter(string url, string parameter)
    {
        using var client = Database.CreateClient();

        var (status, body) = await GetAsync(client, url);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty(parameter, out _), body.ToString());
    }

    [Fact]
    public async Task A_query_over_200_characters_is_a_400_naming_q()
    {
        using var client = Database.CreateClient();

        var (status, body) = await GetAsync(client, "/api/v1/agencies?q=" + new string('a', 201));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("q", out _));
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(NewsroomScenario.OfficerName, text, StringComparison.OrdinalIgnoreCase);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }
}
