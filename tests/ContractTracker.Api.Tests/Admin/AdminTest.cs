using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ContractTracker.ApiKeys;
using ContractTracker.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ContractTracker.Api.Tests.Admin;

/// <summary>Admin tests: API keys, sources made through the API, and runs followed to their end.</summary>
public abstract class AdminTest(ApiDatabase database) : ApiTest(database)
{
    protected const string Sources = "/api/v1/admin/sources";

    protected FakeUsaspending Usaspending => Database.Usaspending;

    protected async Task<HttpClient> ClientWithKeyAsync(ApiKeyRole role)
    {
        var (_, key) = await Database.Factory.Services.GetRequiredService<ApiKeyStore>().CreateAsync(role, $"test {role}", CancellationToken.None);
        var client = Database.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    protected Task<HttpClient> AdminAsync() => ClientWithKeyAsync(ApiKeyRole.Admin);

    protected static async Task<JsonElement> CreateSourceAsync(HttpClient admin, object source)
    {
        var response = await admin.PostAsJsonAsync(Sources, source);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Runs the source now through its Hangfire job and waits for the run to end; returns the run in full.</summary>
    protected static async Task<JsonElement> RunToEndAsync(HttpClient admin, long sourceId)
    {
        var response = await admin.PostAsync($"{Sources}/{sourceId}/runs", null);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return await WaitForEndAsync(admin, response.Headers.Location!);
    }

    protected static async Task<JsonElement> WaitForEndAsync(HttpClient admin, Uri run)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var detail = await admin.GetFromJsonAsync<JsonElement>(run);
            if (detail.GetProperty("status").GetString() is not ("queued" or "running"))
            {
                return detail;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"the run did not end: {detail}");
            await Task.Delay(50);
        }
    }

    protected static long Id(JsonElement element) => element.GetProperty("id").GetInt64();

    /// <summary>A zip of a transactions file with one record per PIID, as USAspending packs them.</summary>
    protected byte[] ZipOf(string zipName, params string[] piids)
    {
        var builder = SourceFileBuilder.Transactions();
        foreach (var piid in piids)
        {
            builder.Add(r => r.Award(piid, "7012").Obligation(1000m));
        }

        return File.ReadAllBytes(builder.WriteZip(Path.Combine(Scratch, Guid.NewGuid().ToString("N")), zipName, recordsPerPart: 1000));
    }

    protected Task<long> TransactionsAsync() => Database.ScalarAsync<long>("SELECT count(*) FROM transactions");

    protected static object CustomSource(string name, string startDate, string? endDate, bool incremental = false) => new
    {
        name,
        kind = "custom_award_data",
        schedule = "0 7 * * *",
        custom = new
        {
            agency = new { type = "awarding", tier = "subtier", name = "U.S. Immigration and Customs Enforcement", toptierName = "Department of Homeland Security" },
            startDate,
            endDate,
            incremental,
        },
    };
}
