using System.Net.Http.Json;
using System.Text.Json;
using ContractTracker.Api.Cli;

namespace ContractTracker.Api.Tests.Status;

public sealed class SeedAndStatusTests(ApiDatabase database) : ApiTest(database)
{
    [Fact]
    public async Task Seeding_an_empty_database_loads_real_and_synthetic_data_and_status_tells_them_apart()
    {
        Assert.True(await SeedCommand.LoadAsync(Database.Factory.Services, CancellationToken.None));

        using var client = Database.CreateClient();
        var status = await client.GetFromJsonAsync<JsonElement>("/api/v1/status");

        Assert.True(status.GetProperty("containsSyntheticData").GetBoolean());
        Assert.False(status.GetProperty("isSyntheticDemoOnly").GetBoolean());
        var sources = status.GetProperty("sources").EnumerateArray().ToList();
        Assert.Contains(sources, s => s.GetProperty("source").GetString() == "seed: USAspending sample rows" && !s.GetProperty("isSynthetic").GetBoolean());
        Assert.Contains(sources, s => s.GetProperty("source").GetString() == "seed: synthetic demo data (fictional vendors)" && s.GetProperty("isSynthetic").GetBoolean());
        Assert.True(status.GetProperty("counts").GetProperty("transactions").GetInt64() > 20_000);
        Assert.Equal(0L, await Database.ScalarAsync<long>(
            "SELECT count(*) FROM recipients r JOIN import_files f ON f.id = ANY(r.import_file_ids) JOIN import_runs u ON u.id = f.import_run_id " +
            "WHERE u.is_synthetic AND r.name NOT LIKE '%FICTIONAL%' AND r.name NOT LIKE '%DEMO%'"));
    }

    [Fact]
    public async Task Seeding_a_database_that_holds_data_loads_nothing()
    {
        await SeedCommand.LoadAsync(Database.Factory.Services, CancellationToken.None);
        var runs = await Database.ScalarAsync<long>("SELECT count(*) FROM import_runs");

        await SeedCommand.LoadAsync(Database.Factory.Services, CancellationToken.None);

        Assert.Equal(runs, await Database.ScalarAsync<long>("SELECT count(*) FROM import_runs"));
    }
}
