using ContractTracker.Ingest;
using ContractTracker.Testing;
using Microsoft.EntityFrameworkCore;

namespace ContractTracker.Tests.Ingest;

public sealed class RejectsTests(EngineDatabase database) : ImportTest(database)
{
    [Fact]
    public async Task Bad_records_are_rejected_with_their_line_numbers_while_the_rest_loads()
    {
        var summary = await ImportFixtureAsync(FixtureFiles.BadRows);

        var file = Assert.Single(summary.Files);
        Assert.Equal(ImportStatus.Succeeded, file.Status);
        Assert.Equal(new FileCounts(7, 2, 0, 0, 0, 0, 0, 5), file.Counts);

        await using var db = Database.CreateDbContext();
        var rejects = await db.ImportRejects.OrderBy(r => r.RecordNumber).ToListAsync();
        Assert.Collection(rejects,
            r => Assert.Equal((2L, 3L, "federal_action_obligation"), (r.RecordNumber, r.LineNumber, r.ColumnName)),
            r => Assert.Equal((3L, 4L, "contract_transaction_unique_key"), (r.RecordNumber, r.LineNumber, r.ColumnName)),
            r => Assert.Equal((4L, 5L, (string?)null), (r.RecordNumber, r.LineNumber, r.ColumnName)),
            r => Assert.Equal((5L, 6L, "action_date_fiscal_year"), (r.RecordNumber, r.LineNumber, r.ColumnName)),
            r => Assert.Equal((7L, 9L, "action_date"), (r.RecordNumber, r.LineNumber, r.ColumnName)));
        Assert.Contains("'27,500.00' is not an amount", rejects[0].Reason);
        Assert.Contains("is empty", rejects[1].Reason);
        Assert.Contains("the record has 296 fields but the header has 297", rejects[2].Reason);
        Assert.Contains("'FY26' is not a four-digit fiscal year", rejects[3].Reason);
        Assert.Contains("'2026-02-30' is not an ISO date", rejects[4].Reason);
        Assert.All(rejects, r => Assert.Equal(file.FileId, r.ImportFileId));
        Assert.StartsWith("12C2_12C2_12024B26M0522_P00002", rejects[0].RawRecord);
        Assert.Contains("\"27,500.00\"", rejects[0].RawRecord);

        var loaded = await db.Transactions.OrderBy(t => t.RecordNumber).Select(t => new { t.RecordNumber, t.LineNumber }).ToListAsync();
        Assert.Equal([(1L, 2L), (6L, 7L)], loaded.Select(l => (l.RecordNumber, l.LineNumber)));
    }

    [Fact]
    public async Task A_file_saved_by_a_spreadsheet_is_rejected_record_by_record_never_guessed()
    {
        var summary = await ImportFixtureAsync(FixtureFiles.SavedBySpreadsheet);

        var file = Assert.Single(summary.Files);
        Assert.Equal(7, file.Counts.Rejected);
        Assert.Equal(0, await CountAsync("transactions"));
        await using var db = Database.CreateDbContext();
        var first = await db.ImportRejects.OrderBy(r => r.RecordNumber).FirstAsync();
        Assert.Equal("action_date", first.ColumnName);
        Assert.Contains("'7/16/2026' is not an ISO date (yyyy-MM-dd); dates such as 07/16/2026 come from a file saved by a spreadsheet", first.Reason);
        Assert.Contains("awarding_agency_code: '12' is not a 3- or 4-character agency code", first.Reason);
        Assert.Contains("last_modified_date: '8/17/2026 23:02' is not an ISO timestamp", first.Reason);
    }

    [Fact]
    public async Task A_file_cut_off_inside_a_quoted_field_loses_only_the_cut_record()
    {
        var summary = await ImportFixtureAsync(FixtureFiles.Truncated);

        var file = Assert.Single(summary.Files);
        Assert.Equal(new FileCounts(7, 6, 0, 0, 0, 0, 0, 1), file.Counts);
        await using var db = Database.CreateDbContext();
        var reject = await db.ImportRejects.SingleAsync();
        Assert.Equal((7L, 8L), (reject.RecordNumber, reject.LineNumber));
        Assert.Contains("the file ends inside this record (was it cut off?)", reject.Reason);
        Assert.StartsWith("12C2_-NONE-_12444823A0007_P00002", reject.RawRecord);
    }

    [Fact]
    public async Task A_record_without_a_required_value_is_rejected_naming_the_column()
    {
        var file = SourceFileBuilder.Transactions()
            .Add(r => r.Award("P1", "7012").Set("last_modified_date", ""))
            .Add(r => r.Award("P2", "7012").Set("contract_award_unique_key", ""))
            .Add(r => r.Award("P3", "7012").Set("federal_action_obligation", ""))
            .Add(r => r.Award("P4", "7012"))
            .WriteTo(Scratch, "missing.csv");

        var summary = await ImportAsync(file);

        Assert.Equal(3, summary.Files[0].Counts.Rejected);
        await using var db = Database.CreateDbContext();
        Assert.Equal(["last_modified_date", "contract_award_unique_key", "federal_action_obligation"],
            await db.ImportRejects.OrderBy(r => r.RecordNumber).Select(r => r.ColumnName).ToListAsync());
        Assert.Equal("P4", (await db.Transactions.SingleAsync()).AwardIdPiid);
    }

    [Fact]
    public async Task An_unknown_delta_indicator_is_rejected()
    {
        var file = SourceFileBuilder.Delta()
            .Add(r => r.Set("correction_delete_ind", "X").Award("P1", "7012"))
            .WriteTo(Scratch, "delta.csv");

        var summary = await ImportAsync(file);

        Assert.Equal(1, summary.Files[0].Counts.Rejected);
        await using var db = Database.CreateDbContext();
        Assert.Equal("correction_delete_ind", (await db.ImportRejects.SingleAsync()).ColumnName);
    }
}
