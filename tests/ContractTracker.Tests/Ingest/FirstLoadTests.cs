using ContractTracker.Ingest;
using ContractTracker.Testing;
using Microsoft.EntityFrameworkCore;

namespace ContractTracker.Tests.Ingest;

/// <summary>
/// A large first load into an empty table takes the bulk path (indexes built after the COPY, rows written frozen). These
/// tests lower the threshold so small real-format files take it, and check it gives exactly what the normal path gives.
/// </summary>
public sealed class FirstLoadTests(EngineDatabase database) : ImportTest(database)
{
    private Importer BulkImporter => Database.CreateImporter(Path.Combine(Scratch, "work"), firstLoadThreshold: 1);

    private Task<string> IndexesAsync() =>
        ScalarAsync<string>("SELECT string_agg(indexdef, ' | ' ORDER BY indexname) FROM pg_indexes WHERE tablename = 'transactions'");

    [Fact]
    public async Task A_first_load_gives_the_same_data_as_an_ordinary_load()
    {
        var paths = new[] { FixtureFiles.PathOf(FixtureFiles.BadRows) };
        await ImportAsync(paths);
        var expected = await SnapshotAsync();
        await Database.ResetAsync();
        var indexes = await IndexesAsync();

        var summary = await BulkImporter.ImportAsync(new ImportRequest(paths), null, CancellationToken.None);

        Assert.Equal(new FileCounts(7, 2, 0, 0, 0, 0, 0, 5), summary.Files[0].Counts);
        Assert.Equal(expected, await SnapshotAsync());
        Assert.Equal(indexes, await IndexesAsync());
    }

    [Fact]
    public async Task Sending_the_load_pass_aggregates_in_small_chunks_gives_the_same_data()
    {
        var paths = new[] { FixtureFiles.PathOf(FixtureFiles.RealFull), FixtureFiles.PathOf(FixtureFiles.RealDelta) };
        await ImportAsync(paths);
        var expected = await SnapshotAsync();
        await Database.ResetAsync();

        var chunked = Database.CreateImporter(Path.Combine(Scratch, "work"), firstLoadThreshold: 1, partialsFlushThreshold: 2);
        await chunked.ImportAsync(new ImportRequest(paths), null, CancellationToken.None);

        Assert.Equal(expected, await SnapshotAsync());
    }

    [Fact]
    public async Task A_first_load_keeps_the_newest_of_duplicate_keys()
    {
        var file = SourceFileBuilder.Transactions()
            .Add(r => r.Award("A1", "7012").Set("transaction_description", "NEWEST").Modified("2026-09-03 00:00:00+00"))
            .Add(r => r.Award("A1", "7012").Set("transaction_description", "OLDER").Modified("2026-09-01 00:00:00+00"))
            .WriteTo(Scratch, "dupes.csv");

        var summary = await BulkImporter.ImportAsync(new ImportRequest([file]), null, CancellationToken.None);

        Assert.Equal(new FileCounts(2, 1, 0, 0, 0, 0, 1, 0), summary.Files[0].Counts);
        await using var db = Database.CreateDbContext();
        Assert.Equal("NEWEST", (await db.Transactions.SingleAsync()).TransactionDescription);
    }

    [Fact]
    public async Task Rows_of_a_first_load_are_written_frozen_and_later_files_load_normally()
    {
        await BulkImporter.ImportAsync(new ImportRequest([FixtureFiles.PathOf(FixtureFiles.RealFull)]), null, CancellationToken.None);

        // Written frozen, every page is all-visible at once (so index-only scans need no heap visit).
        Assert.True(await ScalarAsync<bool>("SELECT relpages > 0 AND relallvisible = relpages FROM pg_class WHERE relname = 'transactions'"));

        var delta = await BulkImporter.ImportAsync(new ImportRequest([FixtureFiles.PathOf(FixtureFiles.RealDelta)]), null, CancellationToken.None);
        Assert.Equal(4, delta.Files[0].Counts.Inserted);
        Assert.Equal(11, await CountAsync("transactions"));
        Assert.Equal(8, await CountAsync("awards"));
    }

    [Fact]
    public async Task A_cancelled_first_load_leaves_the_table_and_its_indexes_as_they_were()
    {
        var builder = SourceFileBuilder.Transactions();
        for (var i = 0; i < 12_000; i++)
        {
            var n = i;
            builder.Add(r => r.Award($"70CDCR24C{n:D8}", "7012"));
        }

        var path = builder.WriteTo(Scratch, "first.csv");
        var indexes = await IndexesAsync();
        using var cancel = new CancellationTokenSource();
        var progress = new Progress(p =>
        {
            if (p.Phase == ImportPhase.Loading && p.Records >= 5000)
            {
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => BulkImporter.ImportAsync(new ImportRequest([path]), progress, cancel.Token));

        Assert.Equal(0, await CountAsync("transactions"));
        Assert.Equal(indexes, await IndexesAsync());
    }

    private async Task<string> SnapshotAsync() => string.Join("\n",
        await ScalarAsync<string>("SELECT string_agg(t::text, '|' ORDER BY contract_transaction_unique_key) FROM (SELECT contract_transaction_unique_key, federal_action_obligation, action_date, raw_record, line_number FROM transactions) t"),
        await ScalarAsync<string>("SELECT string_agg(a::text, '|' ORDER BY contract_award_unique_key) FROM awards a"),
        await ScalarAsync<string>("SELECT string_agg(r::text, '|' ORDER BY uei) FROM (SELECT uei, name, latest_parent_uei, obligated_amount, transaction_count FROM recipients) r"),
        await ScalarAsync<string>("SELECT string_agg(n::text, '|' ORDER BY uei, name) FROM recipient_names n"),
        await ScalarAsync<string>("SELECT string_agg(p::text, '|' ORDER BY uei, parent_uei) FROM recipient_parents p"),
        await ScalarAsync<string>("SELECT string_agg(f::text, '|' ORDER BY recipient_uei, fiscal_year, awarding_office_code, funding_office_code) FROM (SELECT recipient_uei, reported_parent_uei, awarding_office_code, funding_office_code, fiscal_year, obligated_amount, transaction_count FROM relationship_fiscal_years) f"),
        await ScalarAsync<string>("SELECT string_agg(r::text, '|' ORDER BY record_number) FROM (SELECT record_number, line_number, column_name, reason FROM import_rejects) r"),
        await ScalarAsync<string>("SELECT string_agg(o::text, '|' ORDER BY code) FROM offices o"));

    private sealed class Progress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
