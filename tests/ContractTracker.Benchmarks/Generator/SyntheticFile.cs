using System.Diagnostics;
using System.IO.Compression;

namespace ContractTracker.Benchmarks.Generator;

/// <summary>What to generate.</summary>
/// <param name="Delta">Write an Award Data Archive Delta file (299 columns) instead of a Full/Custom Award Data one (297).</param>
/// <param name="PartSize">Records per part when writing a zip.</param>
/// <param name="Vendors">How many vendors to make; by default the profile's share of the expected awards.</param>
/// <param name="MaxFamilyShare">
/// The most a vendor family's popularity may be of everyone's, so no family dominates a large data set; by default
/// popularity is unbounded.
/// </param>
internal sealed record GenerationRequest(
    string OutputPath, int Records, int Seed, GenerationProfile Profile, bool Delta = false, bool Zip = false, int PartSize = 1_000_000,
    int? Vendors = null, double? MaxFamilyShare = null);

/// <param name="Bytes">The size of the file written.</param>
/// <param name="CsvBytes">The size of the CSV written: the file's, or the sum of a zip's members.</param>
internal sealed record GenerationSummary(string OutputPath, long Records, int Awards, int Vendors, long Bytes, long CsvBytes, TimeSpan Elapsed)
{
    public double CsvMegabytesPerSecond => CsvBytes / 1e6 / Math.Max(Elapsed.TotalSeconds, 1e-9);
}

/// <summary>
/// Writes a synthetic file of exactly <see cref="GenerationRequest.Records"/> records, streaming award by award (one
/// award's transactions in memory at a time). The same seed and profile give the same bytes.
/// </summary>
internal static class SyntheticFile
{
    /// <summary>Changes whenever the output for a seed changes, so cached benchmark files and recorded results say which data they are.</summary>
    public const int Version = 1;

    public static GenerationSummary Write(GenerationRequest request)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(request.Records);
        var clock = Stopwatch.StartNew();
        var profile = request.Profile;
        var random = profile.RandomFor(request.Seed);
        var expectedAwards = request.Records / profile.TransactionsPerAward;
        var vendors = VendorRoster.Create(random, profile, request.Vendors ?? (int)Math.Round(expectedAwards * profile.VendorsPerAward), request.MaxFamilyShare);
        var awards = new AwardFactory(random, profile, vendors);
        var layout = new RecordLayout(request.Delta);
        var delta = request.Delta ? new DeltaChanges(request.Seed, profile.AsOf, layout) : null;

        long written = 0;
        var awardCount = 0;
        using (var output = new CsvParts(request.OutputPath, layout.Header, request.Zip, request.PartSize))
        {
            while (written < request.Records)
            {
                var award = awards.Next();
                awardCount++;
                layout.Begin(award);
                foreach (var action in award.Actions)
                {
                    if (written == request.Records)
                    {
                        break;
                    }

                    var row = layout.Render(award, action);
                    if (delta is null || delta.Apply(row, award, action))
                    {
                        output.Write(row);
                    }

                    written++;
                }
            }

            foreach (var row in delta?.Deletions ?? [])
            {
                output.Write(row);
            }
        }

        clock.Stop();
        var bytes = new FileInfo(request.OutputPath).Length;
        var csvBytes = bytes;
        if (request.Zip)
        {
            using var zip = ZipFile.OpenRead(request.OutputPath);
            csvBytes = zip.Entries.Sum(e => e.Length);
        }

        return new GenerationSummary(Path.GetFullPath(request.OutputPath), written, awardCount, vendors.Vendors.Count, bytes, csvBytes, clock.Elapsed);
    }
}
