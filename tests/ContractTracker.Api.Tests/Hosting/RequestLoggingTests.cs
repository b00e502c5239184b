using System.Net;

namespace ContractTracker.Api.Tests.Hosting;

public sealed class RequestLoggingTests(ApiDatabase database) : ApiTest(database)
{
    [Fact]
    public async Task Requests_are_logged_without_query_strings_or_client_addresses()
    {
        using var client = Database.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/status?q=who-asked-this");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rendered = Database.Logs.Events
            .Select(e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture) + " " + string.Join(" ", e.Properties.Select(p => $"{p.Key}={p.Value}")))
            .ToList();
        var requestLog = Assert.Single(Database.Logs.Events, e => e.MessageTemplate.Text.StartsWith("HTTP ", StringComparison.Ordinal));
        Assert.Equal("\"/api/v1/status\"", requestLog.Properties["RequestPath"].ToString());
        Assert.Equal("200", requestLog.Properties["StatusCode"].ToString());
        Assert.DoesNotContain(rendered, line => line.Contains("who-asked-this", StringComparison.Ordinal));
        Assert.DoesNotContain(rendered, line => line.Contains("203.0.113.9", StringComparison.Ordinal));
        Assert.DoesNotContain(Database.Logs.Events, e => e.Properties.Keys.Any(k => k.Contains("Ip", StringComparison.OrdinalIgnoreCase) || k == "QueryString"));
    }

    [Fact]
    public async Task The_health_endpoint_checks_the_database()
    {
        using var client = Database.CreateClient();

        var response = await client.GetStringAsync("/healthz");

        Assert.Equal("Healthy", response);
    }
}
