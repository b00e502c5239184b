using ContractTracker.Ingest;
using ContractTracker.Testing;

namespace ContractTracker.Tests.Ingest;

public sealed class ProgressTests(EngineDatabase database) : ImportTest(database)
{
    [Fact]
    public async Task Progress_reports_each_phase_with_bytes_read_and_records()
    {
        var builder = SourceFileBuilder.Transactions();
        for (var i = 0; i < 11_000; i++)
        {
            var n = i;
            builder.Add(r => r.Award($"P{n:D6}", "7012"));
        }

        var path = builder.WriteTo(Scratch, "progress.csv");
        var reports = new List<ImportProgress>();

        await Importer.ImportAsync(new ImportRequest([path]), new Collect(reports), CancellationToken.None);

        Assert.Equal([ImportPhase.Checking, ImportPhase.Loading, ImportPhase.Deriving], reports.Select(r => r.Phase).Distinct());
        var size = new FileInfo(path).Length;
        Assert.All(reports, r => Assert.Equal(size, r.TotalBytes));
        var checking = reports.Where(r => r.Phase == ImportPhase.Checking).ToList();
        Assert.True(checking.Count >= 3);
        Assert.Equal(checking.Select(r => r.BytesRead).Order(), checking.Select(r => r.BytesRead));
        Assert.InRange(checking[0].Fraction, 0.3, 0.6); // after 5,000 of 11,000 records
        Assert.Equal(11_000, checking[^1].Records);
        Assert.Equal(1.0, reports[^1].Fraction);
    }

    private sealed class Collect(List<ImportProgress> reports) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => reports.Add(value);
    }
}
