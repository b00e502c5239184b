using System.Globalization;
using ContractTracker.Benchmarks.Generator;

namespace ContractTracker.Benchmarks.Api;

/// <summary>
/// The data the API benchmark runs on: the benchmark profile at 5,000,000 records (about 200,000 awards) with 20,000
/// vendors, one for every 10 awards rather than the profile's 20, and no family holding more than about 1 % of the
/// transactions. One generator run writes it as a zip of 1,000,000-record parts, so keys never collide between parts.
/// </summary>
internal sealed record ApiDataSet(int Records, int Seed)
{
    public const int BenchmarkRecords = 5_000_000;

    /// <summary>The popularity cap handed to the generator; the largest family's realised share is about 1.5 times it.</summary>
    public const double MaxFamilyShare = 0.005;

    public const int PartSize = 1_000_000;

    public int Vendors => Math.Max(12, Records / 250);

    /// <summary><c>ct_bench_api_5m</c> for the benchmark size; smaller trial sets get a database of their own.</summary>
    public string DatabaseName => "ct_bench_api_" + Records switch
    {
        >= 1_000_000 when Records % 1_000_000 == 0 => $"{Records / 1_000_000}m",
        >= 1_000 when Records % 1_000 == 0 => $"{Records / 1_000}k",
        _ => Records.ToString(CultureInfo.InvariantCulture),
    } + (Seed == 42 ? "" : $"_seed{Seed}");

    /// <summary>The generated zip's name carries everything that decides its bytes, so a database loaded from it says which data it holds.</summary>
    public string FileName => string.Create(CultureInfo.InvariantCulture,
        $"synthetic_api_v{SyntheticFile.Version}_{Records}_seed{Seed}_vendors{Vendors}_share{MaxFamilyShare}.zip");

    public GenerationRequest Request(string path) =>
        new(path, Records, Seed, GenerationProfile.Benchmark, Zip: true, PartSize: PartSize, Vendors: Vendors, MaxFamilyShare: MaxFamilyShare);
}
