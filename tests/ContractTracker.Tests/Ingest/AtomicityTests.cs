using ContractTracker.Ingest;
using ContractTracker.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ContractTracker.Tests.Ingest;

public sealed class AtomicityTests(EngineDatabase database) : ImportTest(database)
{
    private const int Records = 12_000;

    private string BigFile()
    {
        var builder = SourceFileBuilder.Transactions();
        for (var i = 0; i < Records; i++)
        {
            var n = i;
            builder.Add(r => r.Award($"70CDCR24C{n:D8}", "7012"));
        }

        return builder.WriteTo(Scratch, "FY2024_070_Contracts_Full_20241015_1.csv");
    }

    private async Task AssertNothingAppliedAsync()
    {
        Assert.Equal(0, await CountAsync("transactions"));
        Assert.Equal(0, await CountAsync("awards"));
        Assert.Equal(0, await CountAsync("recipients"));
        Assert.Equal(0, await CountAsync("import_rejects"));
        Assert.Equal(0, await CountAsync("sub_agencies", "name_as_of IS NOT NULL"));
        Assert.Equal(0, await CountAsync("offices"));
    }

    [Theory]
    [InlineData(ImportPhase.Checking)]
    [InlineData(ImportPhase.Loading)]
    public async Task A_cancel_in_the_middle_of_a_file_leaves_the_database_as_it_was(ImportPhase phase)
    {
        var path = BigFile();
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress(p =>
        {
            if (p.Phase == phase && p.Records >= 5000)
            {
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Importer.ImportAsync(new ImportRequest([path]), progress, cancel.Token));

        await AssertNothingAppliedAsync();
        await using var db = Database.CreateDbContext();
        var file = await db.ImportFiles.SingleAsync();
        Assert.Equal(ImportStatus.Cancelled, file.Status);
        Assert.Contains("rolled back", file.Message);
        Assert.Equal(ImportStatus.Cancelled, (await db.ImportRuns.SingleAsync()).Status);

        var next = await ImportAsync(path);
        Assert.Equal(ImportStatus.Succeeded, next.Files[0].Status);
        Assert.Equal(Records, next.Files[0].Counts.Inserted);
        Assert.Equal(Records, await CountAsync("transactions"));
    }

    [Fact]
    public async Task A_connection_lost_mid_file_fails_the_file_and_rolls_it_back()
    {
        var path = BigFile();
        var terminated = false;
        var progress = new SynchronousProgress(p =>
        {
            if (!terminated && p.Phase == ImportPhase.Loading && p.Records >= 5000)
            {
                terminated = true;
                using var admin = new NpgsqlConnection(Database.ConnectionString);
                admin.Open();
                using var kill = new NpgsqlCommand(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'COPY transactions%'",
                    admin);
                kill.ExecuteNonQuery();
            }
        });

        var failed = await Importer.ImportAsync(new ImportRequest([path]), progress, CancellationToken.None);

        Assert.True(terminated);
        Assert.Equal(ImportStatus.Failed, failed.Files[0].Status);
        Assert.Contains("the file's changes were rolled back", failed.Files[0].Message);
        await AssertNothingAppliedAsync();
        var next = await ImportAsync(path);
        Assert.Equal(Records, next.Files[0].Counts.Inserted);
    }

    [Fact]
    public async Task A_file_left_running_by_a_dead_process_is_marked_interrupted_by_the_next_import()
    {
        await using (var command = Database.DataSource.CreateCommand("""
            INSERT INTO import_runs (source, is_synthetic, status, started_at) VALUES ('cli', false, 'running', now());
            INSERT INTO import_files (import_run_id, file_name, sha256, size_bytes, status, started_at, records_read, inserted, updated, deleted, unchanged, stale, superseded, rejected)
            VALUES (1, 'x.csv', 'abc', 1, 'running', now(), 0, 0, 0, 0, 0, 0, 0, 0);
            """))
        {
            await command.ExecuteNonQueryAsync();
        }

        await ImportFixtureAsync(FixtureFiles.HeaderOnly);

        await using var db = Database.CreateDbContext();
        var dead = await db.ImportFiles.SingleAsync(f => f.Id == 1);
        Assert.Equal(ImportStatus.Interrupted, dead.Status);
        Assert.Contains("Import it again", dead.Message);
        Assert.Equal(ImportStatus.Interrupted, (await db.ImportRuns.SingleAsync(r => r.Id == 1)).Status);
    }

    [Fact]
    public async Task Two_imports_at_once_run_one_after_the_other()
    {
        var a = SourceFileBuilder.Transactions().Add(r => r.Award("A1", "7012").Modified("2026-09-01 00:00:00+00")).WriteTo(Scratch, "a.csv");
        var b = SourceFileBuilder.Transactions().Add(r => r.Award("A1", "7012").Modified("2026-09-02 00:00:00+00")).WriteTo(Scratch, "b.csv");

        var results = await Task.WhenAll(ImportAsync(a), ImportAsync(b));

        Assert.All(results, r => Assert.Equal(ImportStatus.Succeeded, r.Status));
        Assert.Equal(1, await CountAsync("transactions"));
        Assert.Equal(new DateTimeOffset(2026, 9, 2, 0, 0, 0, TimeSpan.Zero),
            await ScalarAsync<DateTimeOffset>("SELECT last_modified_date FROM transactions"));
    }

    /// <summary>Reports on the importing thread, so a test can act at an exact point of the import.</summary>
    private sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
