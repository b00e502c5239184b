using System.IO.Compression;
using ContractTracker.Ingest;
using ContractTracker.Testing;

namespace ContractTracker.Tests.Ingest;

/// <summary>Zip members are checked before anything is extracted: paths, compression ratios, member counts and sizes.</summary>
public sealed class ZipLimitsTests(EngineDatabase database) : ImportTest(database)
{
    [Fact]
    public async Task A_zip_with_an_absurd_compression_ratio_is_refused_before_extraction()
    {
        var path = Zip("bomb.zip", ("bomb_1.csv", new string(',', 5_000_000)));

        var summary = await ImportAsync(path);

        Assert.Equal(ImportStatus.Refused, summary.Files.Single().Status);
        Assert.Contains("compression ratio above 200:1", summary.Files.Single().Message);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(Scratch, "work"), "*", SearchOption.AllDirectories));
        Assert.Equal(0, await CountAsync("transactions"));
    }

    [Fact]
    public void A_zip_with_more_members_than_allowed_is_refused()
    {
        var path = Zip("many.zip", Enumerable.Range(1, 4).Select(i => ($"part_{i}.csv", "a,b\n")).ToArray());
        using var zip = ZipFile.OpenRead(path);

        var refused = Assert.Throws<InvalidDataException>(() => new ZipLimits(MaxMembers: 3).Check(zip));

        Assert.Contains("The zip has 4 members; at most 3 are accepted.", refused.Message);
    }

    [Fact]
    public void A_zip_that_expands_beyond_the_total_limit_is_refused()
    {
        var csv = SourceFileBuilder.Transactions().Add(r => r.Award("P1", "7012")).ToCsv();
        var path = Zip("big.zip", ("big_1.csv", csv), ("big_2.csv", csv));
        using var zip = ZipFile.OpenRead(path);

        var refused = Assert.Throws<InvalidDataException>(() => new ZipLimits(MaxTotalBytes: csv.Length + 10).Check(zip));

        Assert.Contains("The zip expands to", refused.Message);
    }

    [Theory]
    [InlineData("/etc/cron.d/evil.csv")]
    [InlineData("parts/../../evil.csv")]
    [InlineData("..\\evil.csv")]
    public void A_member_whose_path_leaves_the_archive_is_refused(string member)
    {
        var path = Zip("evil.zip", (member, "a,b\n"));
        using var zip = ZipFile.OpenRead(path);

        var refused = Assert.Throws<InvalidDataException>(() => new ZipLimits().Check(zip));

        Assert.Contains("points outside the archive", refused.Message);
    }

    private string Zip(string name, params (string Member, string Text)[] members)
    {
        Directory.CreateDirectory(Scratch);
        var path = Path.Combine(Scratch, name);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (member, text) in members)
        {
            using var writer = new StreamWriter(zip.CreateEntry(member, CompressionLevel.SmallestSize).Open());
            writer.Write(text);
        }

        return path;
    }
}
