using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using ContractTracker.ApiKeys;
using Microsoft.Extensions.DependencyInjection;

namespace ContractTracker.Api.Tests.Admin;

/// <summary>Who may do what: admin endpoints and the job dashboard need an admin key; reading stays open.</summary>
public sealed class AccessTests(ApiDatabase database) : AdminTest(database)
{
    /// <summary>Every admin endpoint; <c>{id}</c> is an existing source.</summary>
    public static TheoryData<string, string> AdminEndpoints => new()
    {
        { "GET", Sources },
        { "POST", Sources },
        { "GET", Sources + "/{id}" },
        { "PUT", Sources + "/{id}" },
        { "POST", Sources + "/{id}/enable" },
        { "POST", Sources + "/{id}/disable" },
        { "POST", Sources + "/{id}/runs" },
        { "GET", Sources + "/{id}/runs" },
        { "GET", Sources + "/{id}/runs/1" },
        { "GET", Sources + "/{id}/runs/1/files/1/rejects" },
        { "DELETE", Sources + "/{id}" },
    };

    [Theory]
    [MemberData(nameof(AdminEndpoints))]
    public async Task An_admin_endpoint_answers_401_without_a_key(string method, string path)
    {
        using var client = Database.CreateClient();

        var response = await client.SendAsync(await RequestAsync(method, path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [MemberData(nameof(AdminEndpoints))]
    public async Task An_admin_endpoint_answers_403_to_a_reader_key(string method, string path)
    {
        using var reader = await ClientWithKeyAsync(ApiKeyRole.Reader);

        var response = await reader.SendAsync(await RequestAsync(method, path));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("admin role", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(AdminEndpoints))]
    public async Task An_admin_endpoint_admits_an_admin_key(string method, string path)
    {
        using var admin = await AdminAsync();

        var response = await admin.SendAsync(await RequestAsync(method, path));

        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True((int)response.StatusCode is < 400 or 404, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            await WaitForEndAsync(admin, response.Headers.Location!);
        }
    }

    [Fact]
    public async Task The_job_dashboard_needs_an_admin_key_which_a_browser_can_give_as_its_password()
    {
        using var anonymous = Database.CreateClient();
        using var reader = await ClientWithKeyAsync(ApiKeyRole.Reader);
        var (_, key) = await Keys.CreateAsync(ApiKeyRole.Admin, "browser", CancellationToken.None);
        using var browser = Database.CreateClient();
        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + key)));
        using var admin = await AdminAsync();

        var refused = await anonymous.GetAsync("/hangfire");
        var forbidden = await reader.GetAsync("/hangfire");
        var page = await browser.GetAsync("/hangfire");
        var jobs = await admin.GetAsync("/hangfire/recurring");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.StartsWith("Basic realm=", refused.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Hangfire Dashboard", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, jobs.StatusCode);
    }

    [Fact]
    public async Task A_key_may_be_sent_as_x_api_key_and_is_never_logged()
    {
        var (_, key) = await Keys.CreateAsync(ApiKeyRole.Admin, "header", CancellationToken.None);
        using var client = Database.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);

        var response = await client.GetAsync(Sources);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(Database.Logs.Events, e =>
            e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture).Contains(key, StringComparison.Ordinal)
            || e.Properties.Values.Any(v => v.ToString().Contains(key, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Reading_stays_open_to_anonymous_callers_and_to_reader_keys()
    {
        using var anonymous = Database.CreateClient();
        using var reader = await ClientWithKeyAsync(ApiKeyRole.Reader);

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/v1/status")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/status")).StatusCode);
    }

    [Fact]
    public async Task The_apikey_verb_prints_a_new_key_once_stores_only_its_hash_and_revokes_it()
    {
        var (createExit, created) = await CliRun.RunAsync("apikey", "create", "--role", "admin", "--name", "night editor");
        var key = created.Trim();
        using var client = Database.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var before = await client.GetAsync(Sources);
        var (_, listed) = await CliRun.RunAsync("apikey", "list");
        var id = await Database.ScalarAsync<long>("SELECT id FROM api_keys");
        var (revokeExit, _) = await CliRun.RunAsync("apikey", "revoke", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var after = await client.GetAsync(Sources);

        Assert.Equal(0, createExit);
        Assert.StartsWith("ct_", key);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Contains("night editor", listed);
        Assert.Contains(key[..10] + "...", listed);
        Assert.DoesNotContain(key, listed);
        Assert.Equal(0L, await Database.ScalarAsync<long>($"SELECT count(*) FROM api_keys k WHERE strpos(row_to_json(k)::text, '{key}') > 0"));
        Assert.Equal(0, revokeExit);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("unknown or revoked", await after.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Admin_endpoints_are_in_the_openapi_document_with_their_security_requirement()
    {
        using var client = Database.CreateClient();

        var document = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/openapi/v1.json");

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.Equal("X-Api-Key", schemes.GetProperty("apiKey").GetProperty("name").GetString());
        var create = document.GetProperty("paths").GetProperty("/api/v1/admin/sources").GetProperty("post");
        var required = create.GetProperty("security").EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)).ToList();
        Assert.Equal(["bearer", "apiKey"], required);
        Assert.True(create.GetProperty("responses").TryGetProperty("403", out _));
        Assert.False(document.GetProperty("paths").GetProperty("/api/v1/status").GetProperty("get").TryGetProperty("security", out _));
    }

    private ApiKeyStore Keys => Database.Factory.Services.GetRequiredService<ApiKeyStore>();

    private async Task<HttpRequestMessage> RequestAsync(string method, string path)
    {
        if (path.Contains("{id}", StringComparison.Ordinal))
        {
            var id = await Database.ScalarAsync<long?>("SELECT max(id) FROM sources") ?? await Database.ScalarAsync<long>("""
                INSERT INTO sources (name, kind, definition, schedule, is_enabled, created_at, updated_at)
                VALUES ('Drop', 'drop_folder', '{"folder": "nothing-here"}', '0 6 * * *', false, now(), now()) RETURNING id
                """);
            path = path.Replace("{id}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" && !path.EndsWith("/enable", StringComparison.Ordinal) && !path.EndsWith("/disable", StringComparison.Ordinal)
            && !path.EndsWith("/runs", StringComparison.Ordinal))
        {
            request.Content = JsonContent.Create(new { name = $"Drop {Guid.NewGuid():N}", kind = "drop_folder", schedule = "0 6 * * *", folder = "nothing-here" });
        }

        return request;
    }
}
