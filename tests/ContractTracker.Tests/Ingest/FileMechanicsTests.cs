using ContractTracker.Ingest;
using ContractTracker.Testing;
using Microsoft.EntityFrameworkCore;

namespace ContractTracker.Tests.Ingest;

public sealed class FileMechanicsTests(EngineDatabase database) : ImportTest(database)
{
    [Fact]
    public async Task A_bom_crlf_line_ends_and_embedded_newlines_are_read_as_the_csv_says()
    {
        var summary = await ImportFixtureAsync(FixtureFiles.BomCrlfMultiline);

        Assert.Equal(new FileCounts(7, 7, 0, 0, 0, 0, 0, 0), summary.Files[0].Counts);
        await using var db = Database.CreateDbContext();
        var rows = await db.Transactions.OrderBy(t => t.RecordNumber).ToListAsync();
        Assert.Equal("LINE ONE\r\nLINE TWO, WITH A COMMA AND \"QUOTES\"", rows[2].TransactionDescription);
        Assert.Contains("\"LINE ONE\r\nLINE TWO, WITH A COMMA AND \"\"QUOTES\"\"\"", rows[2].RawRecord);
        Assert.Equal([2L, 3, 4, 6, 7, 8, 9], rows.Select(r => r.LineNumber));
        Assert.StartsWith("12C2_12C2_12024B26M0522_0_", rows[0].RawRecord); // no BOM in the first record
        Assert.Equal("contract_transaction_unique_key", (await db.ImportFiles.SingleAsync()).Header![0]);
    }

    [Fact]
    public async Task A_split_zip_loads_its_parts_in_part_order_each_recorded()
    {
        var summary = await ImportFixtureAsync(FixtureFiles.SplitZip);

        Assert.Equal(["FY2026_012_Contracts_Full_20260909_1.csv", "FY2026_012_Contracts_Full_20260909_2.csv"], summary.Files.Select(f => f.FileName));
        Assert.All(summary.Files, f => Assert.Equal("FY2026_012_Contracts_Full_20260909.zip", f.ContainerName));
        Assert.Equal([4L, 3L], summary.Files.Select(f => f.Counts.Inserted));
        Assert.NotEqual(summary.Files[0].Sha256, summary.Files[1].Sha256);
        Assert.Equal(7, await CountAsync("transactions"));
        Assert.Equal(5, await CountAsync("awards"));
    }

    [Fact]
    public async Task Zip_parts_are_ordered_by_number_not_by_name()
    {
        var builder = SourceFileBuilder.Transactions();
        for (var i = 0; i < 11; i++)
        {
            var n = i;
            builder.Add(r => r.Award($"P{n}", "7012"));
        }

        var summary = await ImportAsync(builder.WriteZip(Scratch, "FY2026_070_Contracts_Full_20261001.zip", recordsPerPart: 1));

        Assert.Equal(Enumerable.Range(1, 11).Select(i => $"FY2026_070_Contracts_Full_20261001_{i}.csv"), summary.Files.Select(f => f.FileName));
    }

    [Fact]
    public async Task A_header_only_file_imports_nothing_and_is_not_an_error()
    {
        var summary = await ImportFixtureAsync(FixtureFiles.HeaderOnly);

        var file = Assert.Single(summary.Files);
        Assert.Equal(ImportStatus.Succeeded, file.Status);
        Assert.Equal(new FileCounts(0, 0, 0, 0, 0, 0, 0, 0), file.Counts);
    }

    [Fact]
    public async Task A_prime_award_summaries_file_is_refused_before_anything_is_written()
    {
        var summary = await ImportFixtureAsync(FixtureFiles.AwardSummaries);

        var file = Assert.Single(summary.Files);
        Assert.Equal(ImportStatus.Refused, file.Status);
        Assert.Equal(ImportStatus.Refused, summary.Status);
        Assert.Contains("a Contracts Prime Award Summaries file (one row per award, no transaction history)", file.Message);
        Assert.Equal(0, await CountAsync("transactions"));
        Assert.Equal(0, await CountAsync("import_rejects"));
        Assert.Equal(0, await CountAsync("awards"));
    }

    [Fact]
    public async Task A_header_from_before_june_2019_is_refused_clearly()
    {
        var summary = await ImportFixtureAsync(FixtureFiles.Before2019);

        Assert.Equal(ImportStatus.Refused, summary.Files[0].Status);
        Assert.Contains("older than 28 June 2019", summary.Files[0].Message);
        Assert.Equal(0, await CountAsync("transactions"));
    }

    [Fact]
    public async Task An_older_header_version_is_loaded_correctly_by_name()
    {
        var summary = await ImportFixtureAsync(FixtureFiles.Header2021);

        Assert.Equal(3, summary.Files[0].Counts.Inserted);
        await using var db = Database.CreateDbContext();
        var row = await db.Transactions.SingleAsync(t => t.ContractTransactionUniqueKey == "12C2_12C2_12024B26M0522_P00002_12024B24T7051_0");
        Assert.Equal(-27500.00m, row.FederalActionObligation);
        Assert.Equal(new DateOnly(2026, 7, 16), row.ActionDate);
        Assert.Equal("NOMADIC LAND CAMPS, LLC", row.RecipientName);
        Assert.Null(row.RecipientNameRaw); // the 2021 header has no *_raw names
        Assert.Null(row.InitialReportDate);
        Assert.Null(row.TransactionDescription); // award_description changed meaning in 2022; kept raw only
        Assert.Equal("NOMADIC LAND CAMPS, LLC IDIPF000347 E40",
            await ScalarAsync<string>("SELECT transaction_source_value(t, 'award_description') FROM transactions t WHERE modification_number = 'P00002'"));
        Assert.Equal(284, (await db.ImportFiles.SingleAsync()).Header!.Length);
    }

    [Fact]
    public async Task A_path_that_is_not_there_is_refused_and_the_others_still_load()
    {
        var summary = await ImportAsync(Path.Combine(Scratch, "missing.csv"), FixtureFiles.PathOf(FixtureFiles.RealFull));

        Assert.Equal(ImportStatus.Refused, summary.Files[0].Status);
        Assert.Contains("No such file", summary.Files[0].Message);
        Assert.Equal(ImportStatus.Succeeded, summary.Files[1].Status);
        Assert.Equal(ImportStatus.PartiallySucceeded, summary.Status);
    }

    [Fact]
    public async Task A_zip_whose_member_points_outside_the_archive_is_refused()
    {
        Directory.CreateDirectory(Scratch);
        var path = Path.Combine(Scratch, "evil.zip");
        using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(zip.CreateEntry("../../etc/evil.csv").Open());
            writer.Write(SourceFileBuilder.Transactions().Add(r => r.Award("P1", "7012")).ToCsv());
        }

        var summary = await ImportAsync(path);

        Assert.Equal(ImportStatus.Refused, summary.Files[0].Status);
        Assert.Contains("points outside the archive", summary.Files[0].Message);
        Assert.Equal(0, await CountAsync("transactions"));
    }
}
