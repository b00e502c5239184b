using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ContractTracker.ApiKeys;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ContractTracker.Api.Tests.Admin;

/// <summary>
/// Per-client rate limits with the IETF draft's headers, on a host of their own with a limit of 3 (anonymous) and 5 (per
/// key) a minute, and a clock stopped half-way through a window.
/// </summary>
public sealed class RateLimitTests(ApiDatabase database) : AdminTest(database)
{
    [Fact]
    public async Task Every_response_says_the_policy_and_what_is_left_of_it()
    {
        await using var host = LimitedHost();
        using var client = host.CreateClient();

        var response = await client.GetAsync("/api/v1/status");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"anonymous\";q=3;w=60", Single(response, "RateLimit-Policy"));
        Assert.Equal("\"anonymous\";r=2;t=30", Single(response, "RateLimit"));
    }

    [Fact]
    public async Task A_client_over_its_limit_gets_a_429_problem_with_retry_after()
    {
        await using var host = LimitedHost();
        using var client = host.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/status")).StatusCode);
        }

        var refused = await client.GetAsync("/api/v1/status");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("\"anonymous\";r=0;t=30", Single(refused, "RateLimit"));
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Contains("try again in 30 s", problem.GetProperty("detail").GetString());
        Assert.Equal("Healthy", await client.GetStringAsync("/healthz"));
    }

    [Fact]
    public async Task An_api_key_has_a_limit_of_its_own()
    {
        await using var host = LimitedHost();
        using var anonymous = host.CreateClient();
        for (var i = 0; i < 4; i++)
        {
            await anonymous.GetAsync("/api/v1/status");
        }

        var (_, key) = await host.Services.GetRequiredService<ApiKeyStore>().CreateAsync(ApiKeyRole.Reader, "reader", CancellationToken.None);
        using var reader = host.CreateClient();
        reader.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        var response = await reader.GetAsync("/api/v1/status");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"api-key\";q=5;w=60", Single(response, "RateLimit-Policy"));
        Assert.Equal("\"api-key\";r=4;t=30", Single(response, "RateLimit"));
    }

    private WebApplicationFactory<Program> LimitedHost() => Database.Factory.WithWebHostBuilder(builder =>
    {
        builder.UseSetting("CT_RATE_LIMIT", "3");
        builder.UseSetting("CT_RATE_LIMIT_KEY", "5");
        builder.UseSetting("CT_RATE_LIMIT_WINDOW", "60");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new StoppedClock(new DateTimeOffset(2026, 11, 28, 12, 0, 30, TimeSpan.Zero))));
    });

    private static string Single(HttpResponseMessage response, string header) => Assert.Single(response.Headers.GetValues(header));

    private sealed class StoppedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
