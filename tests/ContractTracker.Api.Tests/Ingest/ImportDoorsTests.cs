using System.Diagnostics;
using System.Text.Json;
using ContractTracker.Api.Ingest;
using ContractTracker.Ingest;
using ContractTracker.Testing;
using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContractTracker.Api.Tests.Ingest;

/// <summary>One pipeline, two doors: the CLI verb and the Hangfire job both import through <see cref="Importer"/>.</summary>
public sealed class ImportDoorsTests(ApiDatabase database) : ApiTest(database)
{
    [Fact]
    public async Task The_import_verb_prints_the_run_summary_as_json_and_exits_zero()
    {
        var (exit, output) = await CliRun.RunAsync("import", FixtureFiles.PathOf(FixtureFiles.RealFull), FixtureFiles.PathOf(FixtureFiles.RealDelta), "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("succeeded", json.RootElement.GetProperty("status").GetString());
        var files = json.RootElement.GetProperty("files");
        Assert.Equal(2, files.GetArrayLength());
        Assert.Equal(7, files[0].GetProperty("counts").GetProperty("inserted").GetInt32());
        Assert.Equal("c224eb7f314f6c912b3b3bbd32417db73e0ec762b40e8fb3c07aba34a9d08c62", files[1].GetProperty("sha256").GetString());
        Assert.Equal(11L, await Database.ScalarAsync<long>("SELECT count(*) FROM transactions"));
    }

    [Fact]
    public async Task The_import_verb_exits_non_zero_when_a_file_is_refused()
    {
        var (exit, output) = await CliRun.RunAsync("import", FixtureFiles.PathOf(FixtureFiles.AwardSummaries));

        Assert.Equal(2, exit);
        Assert.Contains("[refused]", output);
        Assert.Contains("Prime Award Summaries", output);
    }

    [Fact]
    public async Task The_import_verb_prints_rejects_with_their_lines()
    {
        var (exit, output) = await CliRun.RunAsync("import", FixtureFiles.PathOf(FixtureFiles.BadRows), "--source", "newsroom upload");

        Assert.Equal(0, exit);
        Assert.Contains("(newsroom upload)", output);
        Assert.Contains("7 read: 2 inserted", output);
        Assert.Contains("rejected record 2 (line 3) federal_action_obligation: federal_action_obligation: '27,500.00' is not an amount", output);
    }

    [Fact]
    public async Task The_hangfire_job_imports_through_the_same_pipeline()
    {
        var jobs = Database.Factory.Services.GetRequiredService<IBackgroundJobClient>();

        var id = jobs.Enqueue<ImportJob>(j => j.RunAsync(new[] { FixtureFiles.PathOf(FixtureFiles.RealFull) }, "scheduled test", false, CancellationToken.None));

        Assert.Equal(SucceededState.StateName, await WaitForFinalStateAsync(id));
        await using var db = Database.CreateDbContext();
        var run = await db.ImportRuns.Include(r => r.Files).SingleAsync();
        Assert.Equal("scheduled test", run.Source);
        Assert.Equal(ImportStatus.Succeeded, run.Status);
        Assert.Equal(7, run.Files.Single().Inserted);
        Assert.Equal(1L, await Database.ScalarAsync<long>("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'hangfire' AND table_name = 'job'"));
    }

    [Fact]
    public async Task A_hangfire_import_of_a_refused_file_fails_the_job_with_the_reason()
    {
        var jobs = Database.Factory.Services.GetRequiredService<IBackgroundJobClient>();

        var id = jobs.Enqueue<ImportJob>(j => j.RunAsync(new[] { FixtureFiles.PathOf(FixtureFiles.AwardSummaries) }, "scheduled test", false, CancellationToken.None));

        Assert.Equal(FailedState.StateName, await WaitForFinalStateAsync(id));
        var details = JobStorage.Current.GetMonitoringApi().JobDetails(id);
        var failed = details.History.First(h => h.StateName == FailedState.StateName);
        Assert.Contains("Prime Award Summaries", failed.Data["ExceptionMessage"]);
    }

    [Fact]
    public async Task A_killed_import_process_leaves_the_data_as_it_was_and_the_next_run_applies_the_file()
    {
        var builder = SourceFileBuilder.Transactions();
        for (var i = 0; i < 30_000; i++)
        {
            var n = i;
            builder.Add(r => r.Award($"70CDCR25C{n:D8}", "7012"));
        }

        var path = builder.WriteTo(Scratch, "FY2025_070_Contracts_Full_20251015_1.csv");
        var api = Path.Combine(AppContext.BaseDirectory, "ContractTracker.Api.dll");
        var start = new ProcessStartInfo("dotnet", [api, "import", path]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["CT_DATABASE_URL"] = Database.ConnectionString;
        using var process = Process.Start(start)!;

        var copying = Stopwatch.StartNew();
        while (await Database.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'COPY transactions%'") == 0)
        {
            Assert.False(process.HasExited, "the import finished before it could be killed");
            Assert.True(copying.Elapsed < TimeSpan.FromSeconds(60), "the import never reached its load phase");
            await Task.Delay(20);
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        await WaitUntilAsync(async () => await Database.ScalarAsync<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'COPY transactions%'") == 0);

        Assert.Equal(0L, await Database.ScalarAsync<long>("SELECT count(*) FROM transactions"));
        Assert.Equal("running", await Database.ScalarAsync<string>("SELECT status FROM import_files"));

        var (exit, output) = await CliRun.RunAsync("import", path);

        Assert.Equal(0, exit);
        Assert.Contains("30,000 read: 30,000 inserted", output);
        Assert.Equal("interrupted", await Database.ScalarAsync<string>("SELECT status FROM import_files ORDER BY id LIMIT 1"));
    }

    private static async Task<string> WaitForFinalStateAsync(string jobId)
    {
        var monitoring = JobStorage.Current.GetMonitoringApi();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            var state = monitoring.JobDetails(jobId)?.History.FirstOrDefault()?.StateName;
            if (state == SucceededState.StateName || state == FailedState.StateName)
            {
                return state;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"job {jobId} did not finish");
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "timed out waiting");
            await Task.Delay(50);
        }
    }
}
