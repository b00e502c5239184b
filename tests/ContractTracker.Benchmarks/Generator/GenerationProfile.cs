using ContractTracker.Benchmarks.Generator.Reference;

namespace ContractTracker.Benchmarks.Generator;

/// <summary>
/// The shape of a generated data set: its default size, how many transactions an award has on average, how many vendors
/// there are per award, the period covered, which sub-tiers award what share, and how many vendors change parent.
/// </summary>
internal sealed record GenerationProfile(
    string Name,
    int DefaultRecords,
    double TransactionsPerAward,
    double VendorsPerAward,
    DateOnly FirstDay,
    DateOnly AsOf,
    IReadOnlyList<(SubtierAgency Subtier, double Weight)> Awarding,
    int Acquisitions,
    int SeedSalt)
{
    /// <summary>The day acquired subsidiaries start reporting their acquirer as parent.</summary>
    public static readonly DateOnly AcquisitionDay = new(2022, 6, 1);

    /// <summary>
    /// The import benchmark's data: 1,000,000 records (about 2 GB) over FY2018-FY2026, about 25 transactions per award,
    /// mostly DHS with a fifth DoD.
    /// </summary>
    public static readonly GenerationProfile Benchmark = new(
        "benchmark", 1_000_000, 25, 0.05, new DateOnly(2017, 10, 1), new DateOnly(2026, 9, 30),
        [
            (KnownAgencies.Ice, 22), (KnownAgencies.Cbp, 22), (KnownAgencies.Uscis, 8), (KnownAgencies.Fema, 9), (KnownAgencies.Uscg, 10), (KnownAgencies.Tsa, 6),
            (KnownAgencies.Opo, 3), (KnownAgencies.Army, 6), (KnownAgencies.Navy, 5), (KnownAgencies.AirForce, 5), (KnownAgencies.Dla, 4),
        ],
        Acquisitions: 3,
        SeedSalt: 0);

    /// <summary>
    /// A small set for demos: ICE, CBP and USCIS over FY2019-FY2026, with fewer transactions per award so more awards and
    /// vendors show, and a few subsidiaries acquired in 2022.
    /// </summary>
    public static readonly GenerationProfile Demo = new(
        "demo", 30_000, 8, 0.05, new DateOnly(2018, 10, 1), new DateOnly(2026, 9, 30),
        [(KnownAgencies.Ice, 45), (KnownAgencies.Cbp, 35), (KnownAgencies.Uscis, 17), (KnownAgencies.Opo, 3)],
        Acquisitions: 3,
        SeedSalt: 0x44454D4F);

    /// <summary>
    /// The random generator for a seed. Profiles draw differently from the same seed, so a demo set and a benchmark set
    /// never share UEIs, and rarely PIIDs, even when loaded into one database.
    /// </summary>
    public Random RandomFor(int seed) => new(seed ^ SeedSalt);

    public static GenerationProfile Named(string name) => name switch
    {
        "benchmark" => Benchmark,
        "demo" => Demo,
        _ => throw new ArgumentException($"Unknown profile '{name}' (benchmark or demo).", nameof(name)),
    };
}
