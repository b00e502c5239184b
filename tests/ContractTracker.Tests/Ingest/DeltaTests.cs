using ContractTracker.Ingest;
using ContractTracker.Testing;
using Microsoft.EntityFrameworkCore;

namespace ContractTracker.Tests.Ingest;

public sealed class DeltaTests(EngineDatabase database) : ImportTest(database)
{
    private const string NomadicBase = "12C2_12C2_12024B26M0522_0_12024B24T7051_0";
    private const string NomadicAward = "CONT_AWD_12024B26M0522_12C2_12024B24T7051_12C2";

    [Fact]
    public async Task A_full_file_then_its_delta_adds_the_delta_records()
    {
        var summary = await ImportFixtureAsync(FixtureFiles.RealFull, FixtureFiles.RealDelta);

        var delta = summary.Files[1];
        Assert.Equal(SourceFileKind.Delta, delta.Kind);
        // 4 upserts are new here; the 2 D rows delete records this database never had.
        Assert.Equal(new FileCounts(6, 4, 0, 0, 2, 0, 0, 0), delta.Counts);
        Assert.Equal(11, await CountAsync("transactions"));
        Assert.Equal(2, await CountAsync("transaction_tombstones"));
        Assert.Equal(8, await CountAsync("awards"));
    }

    [Fact]
    public async Task A_delete_row_removes_the_transaction_and_recomputes_its_award()
    {
        await ImportFixtureAsync(FixtureFiles.RealFull);
        var delta = SourceFileBuilder.Delta()
            .AddDelete("12C2_12C2_12024B26M0522_P00002_12024B24T7051_0", "2026-09-01")
            .WriteTo(Scratch, "FY(All)_012_Contracts_Delta_20260915_1.csv");

        var summary = await ImportAsync(delta);

        Assert.Equal(1, summary.Files[0].Counts.Deleted);
        Assert.Equal(6, await CountAsync("transactions"));
        await using var db = Database.CreateDbContext();
        var award = await db.Awards.SingleAsync(a => a.ContractAwardUniqueKey == NomadicAward);
        Assert.Equal(2, award.TransactionCount);
        Assert.Equal(55000.00m, award.ObligatedAmount); // the -27,500 de-obligation is gone
        var tombstone = await db.TransactionTombstones.SingleAsync();
        Assert.Equal(NomadicAward, tombstone.ContractAwardUniqueKey);
        Assert.Equal(summary.Files[0].FileId, tombstone.ImportFileId);
        Assert.Equal(2, tombstone.LineNumber);
    }

    [Fact]
    public async Task Deleting_every_transaction_of_an_award_removes_the_award()
    {
        await ImportFixtureAsync(FixtureFiles.RealFull);
        var delta = SourceFileBuilder.Delta()
            .AddDelete("12C2_-NONE-_12010926K4013_0_-NONE-_0", "2026-09-01")
            .WriteTo(Scratch, "delta.csv");

        await ImportAsync(delta);

        Assert.Equal(0, await CountAsync("awards", "contract_award_unique_key = 'CONT_AWD_12010926K4013_12C2_-NONE-_-NONE-'"));
        Assert.Equal(0, await CountAsync("recipients", "uei = 'HV85C81GCE58'"));
    }

    [Fact]
    public async Task An_older_file_imported_after_a_deletion_does_not_bring_the_record_back()
    {
        await ImportFixtureAsync(FixtureFiles.RealFull);
        await ImportAsync(SourceFileBuilder.Delta().AddDelete(NomadicBase, "2026-09-01").WriteTo(Scratch, "delta.csv"));

        var again = await Importer.ImportAsync(new ImportRequest([FixtureFiles.PathOf(FixtureFiles.RealFull)], Force: true), null, default);

        Assert.Equal(1, again.Files[0].Counts.Stale);
        Assert.Equal(0, await CountAsync("transactions", $"contract_transaction_unique_key = '{NomadicBase}'"));
    }

    [Fact]
    public async Task A_record_modified_after_its_deletion_comes_back()
    {
        await ImportFixtureAsync(FixtureFiles.RealFull);
        await ImportAsync(SourceFileBuilder.Delta().AddDelete(NomadicBase, "2026-09-01").WriteTo(Scratch, "delta.csv"));
        var revived = SourceFileBuilder.Delta()
            .Add(r => r.Set("correction_delete_ind", "C").Award("12024B26M0522", "12C2", "0", "12024B24T7051", "12C2")
                .Modified("2026-09-20 10:00:00+00"))
            .WriteTo(Scratch, "delta2.csv");

        var summary = await ImportAsync(revived);

        Assert.Equal(1, summary.Files[0].Counts.Inserted);
        Assert.Equal(1, await CountAsync("transactions", $"contract_transaction_unique_key = '{NomadicBase}'"));
        Assert.Equal(0, await CountAsync("transaction_tombstones"));
    }

    [Fact]
    public async Task A_deletion_older_than_the_record_it_names_is_stale()
    {
        await ImportFixtureAsync(FixtureFiles.RealFull); // NomadicBase last modified 2026-08-17 23:02:10

        var summary = await ImportAsync(SourceFileBuilder.Delta().AddDelete(NomadicBase, "2026-08-01").WriteTo(Scratch, "delta.csv"));

        Assert.Equal(1, summary.Files[0].Counts.Stale);
        Assert.Equal(7, await CountAsync("transactions"));
    }

    [Fact]
    public async Task Blank_and_C_delta_rows_both_update_the_record()
    {
        await ImportFixtureAsync(FixtureFiles.RealFull);
        var delta = SourceFileBuilder.Delta()
            .Add(r => r.Set("correction_delete_ind", "").Award("12024B26M0522", "12C2", "0", "12024B24T7051", "12C2")
                .Obligation(30000).Modified("2026-09-02 08:00:00+00"))
            .Add(r => r.Set("correction_delete_ind", "C").Award("12024B26M0522", "12C2", "P00001", "12024B24T7051", "12C2")
                .On("2026-08-24").Obligation(1).Modified("2026-09-02 08:00:00+00"))
            .WriteTo(Scratch, "delta.csv");

        var summary = await ImportAsync(delta);

        Assert.Equal(2, summary.Files[0].Counts.Updated);
        await using var db = Database.CreateDbContext();
        Assert.Equal(30000m - 27500m + 1m, (await db.Awards.SingleAsync(a => a.ContractAwardUniqueKey == NomadicAward)).ObligatedAmount);
    }
}
