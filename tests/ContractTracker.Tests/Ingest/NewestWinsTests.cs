using ContractTracker.Ingest;
using ContractTracker.Testing;
using Microsoft.EntityFrameworkCore;

namespace ContractTracker.Tests.Ingest;

public sealed class NewestWinsTests(EngineDatabase database) : ImportTest(database)
{
    private static SourceFileBuilder OneRecord(string description, string modified, string piid = "70CDCR24C00000001") =>
        SourceFileBuilder.Transactions().Add(r => r.Award(piid, "7012").Set("transaction_description", description).Modified(modified));

    [Fact]
    public async Task An_older_file_imported_after_a_newer_one_changes_nothing()
    {
        var newer = OneRecord("NEWER", "2026-09-02 10:00:00+00").WriteTo(Scratch, "newer.csv");
        var older = OneRecord("OLDER", "2026-08-02 10:00:00+00").WriteTo(Scratch, "older.csv");

        await ImportAsync(newer);
        var summary = await ImportAsync(older);

        Assert.Equal(1, summary.Files[0].Counts.Stale);
        await using var db = Database.CreateDbContext();
        Assert.Equal("NEWER", (await db.Transactions.SingleAsync()).TransactionDescription);
    }

    [Fact]
    public async Task A_newer_version_of_a_record_replaces_the_older()
    {
        await ImportAsync(OneRecord("OLDER", "2026-08-02 10:00:00+00").WriteTo(Scratch, "older.csv"));
        var summary = await ImportAsync(OneRecord("NEWER", "2026-09-02 10:00:00+00").WriteTo(Scratch, "newer.csv"));

        Assert.Equal(1, summary.Files[0].Counts.Updated);
        await using var db = Database.CreateDbContext();
        var row = await db.Transactions.SingleAsync();
        Assert.Equal("NEWER", row.TransactionDescription);
        Assert.Equal(summary.Files[0].FileId, row.ImportFileId);
    }

    [Fact]
    public async Task Keys_that_differ_only_in_case_are_the_same_record()
    {
        await ImportAsync(OneRecord("UPPER", "2026-08-02 10:00:00+00").WriteTo(Scratch, "upper.csv"));
        var lower = SourceFileBuilder.Transactions()
            .Add(r => r.Award("70CDCR24C00000001", "7012").Set("contract_transaction_unique_key", "7012_-none-_70CDCR24C00000001_0_-none-_0")
                .Set("transaction_description", "LOWER").Modified("2026-09-02 10:00:00+00"))
            .WriteTo(Scratch, "lower.csv");

        var summary = await ImportAsync(lower);

        Assert.Equal(1, summary.Files[0].Counts.Updated);
        await using var db = Database.CreateDbContext();
        var row = await db.Transactions.SingleAsync();
        Assert.Equal("7012_-NONE-_70CDCR24C00000001_0_-NONE-_0", row.ContractTransactionUniqueKey);
        Assert.Equal("LOWER", row.TransactionDescription);
    }

    [Fact]
    public async Task Within_a_file_the_newest_version_wins_and_ties_go_to_the_later_row()
    {
        var file = SourceFileBuilder.Transactions()
            .Add(r => r.Award("A1", "7012").Set("transaction_description", "A NEWEST").Modified("2026-09-03 00:00:00+00"))
            .Add(r => r.Award("A1", "7012").Set("transaction_description", "A OLDER").Modified("2026-09-01 00:00:00+00"))
            .Add(r => r.Award("B1", "7012").Set("transaction_description", "B FIRST").Modified("2026-09-01 00:00:00+00"))
            .Add(r => r.Award("B1", "7012").Set("transaction_description", "B LATER ROW").Modified("2026-09-01 00:00:00+00"))
            .WriteTo(Scratch, "dupes.csv");

        var summary = await ImportAsync(file);

        Assert.Equal(new FileCounts(4, 2, 0, 0, 0, 0, 2, 0), summary.Files[0].Counts);
        await using var db = Database.CreateDbContext();
        var descriptions = await db.Transactions.OrderBy(t => t.AwardIdPiid).Select(t => t.TransactionDescription).ToListAsync();
        Assert.Equal(["A NEWEST", "B LATER ROW"], descriptions);
    }

    [Fact]
    public async Task A_different_record_with_the_same_timestamp_in_a_later_file_wins()
    {
        await ImportAsync(OneRecord("FIRST FILE", "2026-09-01 00:00:00+00").WriteTo(Scratch, "a.csv"));
        var summary = await ImportAsync(OneRecord("SECOND FILE", "2026-09-01 00:00:00+00").WriteTo(Scratch, "b.csv"));

        Assert.Equal(1, summary.Files[0].Counts.Updated);
        await using var db = Database.CreateDbContext();
        Assert.Equal("SECOND FILE", (await db.Transactions.SingleAsync()).TransactionDescription);
    }

    [Fact]
    public async Task Reimporting_the_same_file_is_recognised_and_changes_nothing()
    {
        var first = await ImportFixtureAsync(FixtureFiles.RealFull);

        var second = await ImportFixtureAsync(FixtureFiles.RealFull);

        var file = Assert.Single(second.Files);
        Assert.Equal(ImportStatus.AlreadyImported, file.Status);
        Assert.Equal(first.Files[0].FileId, file.DuplicateOfFileId);
        Assert.Equal(ImportStatus.Succeeded, second.Status);
    }

    [Fact]
    public async Task Forcing_a_reimport_of_the_same_file_writes_nothing()
    {
        await ImportFixtureAsync(FixtureFiles.RealFull, FixtureFiles.RealDelta);
        var before = await ScalarAsync<string>("SELECT string_agg(ctid::text || xmin::text, ',' ORDER BY contract_transaction_unique_key) FROM transactions");
        var awardsBefore = await ScalarAsync<string>("SELECT string_agg(a::text, '|' ORDER BY contract_award_unique_key) FROM awards a");

        var again = await Importer.ImportAsync(
            new ImportRequest([FixtureFiles.PathOf(FixtureFiles.RealFull), FixtureFiles.PathOf(FixtureFiles.RealDelta)], Force: true), null, default);

        Assert.Equal(new FileCounts(7, 0, 0, 0, 7, 0, 0, 0), again.Files[0].Counts);
        Assert.Equal(new FileCounts(6, 0, 0, 0, 6, 0, 0, 0), again.Files[1].Counts);
        Assert.Equal(before, await ScalarAsync<string>("SELECT string_agg(ctid::text || xmin::text, ',' ORDER BY contract_transaction_unique_key) FROM transactions"));
        Assert.Equal(awardsBefore, await ScalarAsync<string>("SELECT string_agg(a::text, '|' ORDER BY contract_award_unique_key) FROM awards a"));
    }

    [Fact]
    public async Task The_same_record_from_a_full_file_and_a_delta_file_is_unchanged()
    {
        var full = OneRecord("SAME", "2026-09-01 00:00:00+00").WriteTo(Scratch, "full.csv");
        var delta = SourceFileBuilder.Delta()
            .Add(r => r.Set("correction_delete_ind", "").Set("agency_id", "7012").Award("70CDCR24C00000001", "7012")
                .Set("transaction_description", "SAME").Modified("2026-09-01 00:00:00+00"))
            .WriteTo(Scratch, "delta.csv");

        await ImportAsync(full);
        var summary = await ImportAsync(delta);

        Assert.Equal(1, summary.Files[0].Counts.Unchanged);
    }
}
