using System.Text;
using ContractTracker.Ingest;
using ContractTracker.Testing;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace ContractTracker.Tests.Ingest;

public sealed class RealRowsTests(EngineDatabase database) : ImportTest(database)
{
    [Fact]
    public async Task The_real_full_file_loads_every_record_with_its_provenance()
    {
        var summary = await ImportFixtureAsync(FixtureFiles.RealFull);

        var file = Assert.Single(summary.Files);
        Assert.Equal(ImportStatus.Succeeded, file.Status);
        Assert.Equal(new FileCounts(7, 7, 0, 0, 0, 0, 0, 0), file.Counts);
        Assert.Equal("f024cc233cbad2879947b957e87ee55ff707dc144b07ff0f2d7d5d8360c50d46", file.Sha256);
        Assert.Equal(SourceFileKind.Transactions, file.Kind);

        await using var db = Database.CreateDbContext();
        var rows = await db.Transactions.OrderBy(t => t.LineNumber).ToListAsync();
        Assert.Equal(7, rows.Count);
        Assert.All(rows, r => Assert.Equal(file.FileId, r.ImportFileId));
        Assert.Equal([2L, 3, 4, 5, 6, 7, 8], rows.Select(r => r.LineNumber));
        Assert.Equal([1L, 2, 3, 4, 5, 6, 7], rows.Select(r => r.RecordNumber));
    }

    [Fact]
    public async Task Every_source_field_is_kept_exactly_as_written()
    {
        await ImportFixtureAsync(FixtureFiles.RealFull);

        var sourceLines = File.ReadAllLines(FixtureFiles.PathOf(FixtureFiles.RealFull), Encoding.UTF8).Skip(1).ToArray();
        await using var db = Database.CreateDbContext();
        var raw = await db.Transactions.OrderBy(t => t.LineNumber).Select(t => t.RawRecord).ToListAsync();
        Assert.Equal(sourceLines, raw);

        var header = await db.ImportFiles.Select(f => f.Header).SingleAsync();
        Assert.Equal(297, header!.Length);
        var city = await ScalarAsync<string>(
            "SELECT transaction_source_value(t, 'recipient_city_name') FROM transactions t WHERE line_number = 2");
        Assert.Equal("LONG BEACH", city);
    }

    [Fact]
    public async Task Typed_columns_hold_the_source_values_under_the_source_names()
    {
        await ImportFixtureAsync(FixtureFiles.RealFull);

        await using var db = Database.CreateDbContext();
        var deobligation = await db.Transactions.SingleAsync(t => t.ContractTransactionUniqueKey == "12C2_12C2_12024B26M0522_P00002_12024B24T7051_0");
        Assert.Equal(-27500.00m, deobligation.FederalActionObligation);
        Assert.Equal(27500.00m, deobligation.TotalDollarsObligated);
        Assert.Equal(new DateOnly(2026, 7, 16), deobligation.ActionDate);
        Assert.Equal(2026, deobligation.ActionDateFiscalYear);
        Assert.Equal(new DateOnly(2026, 8, 6), deobligation.PeriodOfPerformancePotentialEndDate);
        Assert.Equal(new DateTimeOffset(2026, 8, 25, 22, 30, 9, TimeSpan.Zero), deobligation.LastModifiedDate);
        Assert.Equal("012", deobligation.AwardingAgencyCode);
        Assert.Equal("12C2", deobligation.AwardingSubAgencyCode);
        Assert.Equal("NOMADIC LAND CAMPS, LLC", deobligation.RecipientName);
        Assert.Equal("M", deobligation.ActionTypeCode);
        Assert.False(deobligation.SoleProprietorship);

        var idv = await db.Transactions.SingleAsync(t => t.ContractAwardUniqueKey == "CONT_IDV_12444026D0015_12C2");
        Assert.Null(idv.TransactionNumber);
        Assert.Null(idv.CurrentTotalValueOfAward);
        Assert.Equal(7500000.00m, idv.PotentialTotalValueOfAward);
        Assert.True(idv.SoleProprietorship);
    }

    [Fact]
    public async Task Awards_are_derived_with_summed_obligations_and_latest_values()
    {
        await ImportFixtureAsync(FixtureFiles.RealFull);

        await using var db = Database.CreateDbContext();
        var award = await db.Awards.SingleAsync(a => a.ContractAwardUniqueKey == "CONT_AWD_12024B26M0522_12C2_12024B24T7051_12C2");
        Assert.Equal(3, award.TransactionCount);
        Assert.Equal(27500.00m, award.ObligatedAmount); // 27500 - 27500 + 27500: de-obligations count
        Assert.Equal(55000.00m, award.CurrentTotalValueOfAward); // as of the latest action (2026-08-24), not summed
        Assert.Equal("12C2_12C2_12024B26M0522_P00001_12024B24T7051_0", award.LatestTransactionKey);
        Assert.Equal(new DateOnly(2026, 7, 16), award.FirstActionDate);
        Assert.Equal(new DateOnly(2026, 8, 24), award.LastActionDate);
        Assert.Equal("CONT_IDV_12024B24T7051_12C2", award.ParentAwardUniqueKey);

        var idv = await db.Awards.SingleAsync(a => a.ContractAwardUniqueKey == "CONT_IDV_12444823A0007_12C2");
        Assert.Equal("IDV", idv.AwardOrIdvFlag);
        Assert.Equal(9000000.00m, idv.PotentialTotalValueOfAward);
        Assert.True(idv.RecipientIsSoleProprietorship);
        Assert.Equal(5, await db.Awards.CountAsync());
    }

    [Fact]
    public async Task Recipients_and_agencies_are_derived_from_the_transactions()
    {
        await ImportFixtureAsync(FixtureFiles.RealFull);

        await using var db = Database.CreateDbContext();
        var nomadic = await db.Recipients.SingleAsync(r => r.Uei == "MN5KRX2W9R46");
        Assert.Equal(3, nomadic.TransactionCount);
        Assert.Equal(27500.00m, nomadic.ObligatedAmount);
        Assert.False(nomadic.IsSoleProprietorship);
        var names = await db.RecipientNames.Where(n => n.Uei == "MN5KRX2W9R46").Select(n => n.Name).OrderBy(n => n).ToListAsync();
        Assert.Equal(["NOMADIC LAND CAMPS LLC", "NOMADIC LAND CAMPS, LLC"], names);
        Assert.True((await db.Recipients.SingleAsync(r => r.Uei == "JVGGHB6K9YV5")).IsSoleProprietorship);

        var forest = await db.SubAgencies.SingleAsync(a => a.Code == "12C2");
        Assert.Equal("012", forest.ToptierCode);
        Assert.Equal("Forest Service", forest.Name);
        Assert.Equal("Department of Agriculture", (await db.ToptierAgencies.SingleAsync(a => a.Code == "012")).Name);
        Assert.True(await db.Offices.AnyAsync(o => o.Code == "12024B" && o.SubAgencyCode == "12C2"));
        Assert.True(await db.Offices.AnyAsync(o => o.Code == "1233RK"), "funding offices are derived too");
    }

    [Fact]
    public async Task The_stored_raw_record_matches_what_a_csv_reader_reads_from_the_file()
    {
        await ImportFixtureAsync(FixtureFiles.RealFull);

        using var reader = CsvReader.FromFile(FixtureFiles.PathOf(FixtureFiles.RealFull), CsvReaderOptions.Default with { Separator = ',' });
        await using var db = Database.CreateDbContext();
        while (reader.Read())
        {
            var key = reader.GetString(0)!;
            var row = await db.Transactions.SingleAsync(t => t.ContractTransactionUniqueKey == key);
            Assert.Equal(Encoding.UTF8.GetString(reader.RawRecord), row.RawRecord);
        }
    }
}
