using System.CommandLine;
using System.Globalization;

namespace ContractTracker.Benchmarks.Generator;

/// <summary><c>generate</c>: writes a synthetic Contracts Prime Transactions (or Delta) file with fictional vendors.</summary>
internal static class GenerateCommand
{
    private static readonly Option<int?> Records = new("--records") { Description = "Number of records (default: 1,000,000 for benchmark, 30,000 for demo)." };
    private static readonly Option<string> Out = new("--out") { Description = "The .csv (or, with --zip, .zip) to write.", Required = true };
    private static readonly Option<int> Seed = new("--seed") { Description = "Random seed; the same seed gives the same file.", DefaultValueFactory = _ => 42 };
    private static readonly Option<string> Format = new("--format")
    {
        Description = "full: Contracts Prime Transactions (297 columns); delta: Award Data Archive Delta (299 columns).",
        DefaultValueFactory = _ => "full",
    };

    private static readonly Option<bool> Zip = new("--zip") { Description = "Write a zip of parts {stem}_1.csv, {stem}_2.csv, ... each with the header." };
    private static readonly Option<int> PartSize = new("--part-size") { Description = "Records per zip part.", DefaultValueFactory = _ => 1_000_000 };
    private static readonly Option<string> Profile = new("--profile")
    {
        Description = "benchmark: mostly DHS plus DoD, FY2018-FY2026, ~25 transactions per award; demo: ICE, CBP and USCIS, FY2019-FY2026, small.",
        DefaultValueFactory = _ => "benchmark",
    };

    private static readonly Option<int?> Vendors = new("--vendors")
    {
        Description = "Number of vendors (default: one for every 20 awards). More vendors spread the same awards thinner.",
    };

    private static readonly Option<double?> MaxFamilyShare = new("--max-family-share")
    {
        Description = "Cap a vendor family's popularity at this fraction of all (e.g. 0.005), so no family dominates a large set (default: no cap).",
    };

    public static Command Create()
    {
        Format.AcceptOnlyFromAmong("full", "delta");
        Profile.AcceptOnlyFromAmong("benchmark", "demo");
        var command = new Command("generate", "Write a synthetic USAspending contracts file (fictional vendors, real layout and formats).")
        {
            Records, Out, Seed, Format, Zip, PartSize, Profile, Vendors, MaxFamilyShare,
        };
        Vendors.Validators.Add(v =>
        {
            if (v.GetValue(Vendors) is < 1)
            {
                v.AddError("--vendors must be at least 1.");
            }
        });
        MaxFamilyShare.Validators.Add(v =>
        {
            if (v.GetValue(MaxFamilyShare) is { } share && share is not (> 0 and <= 1))
            {
                v.AddError("--max-family-share must be more than 0 and at most 1.");
            }
        });
        command.SetAction(result =>
        {
            var profile = GenerationProfile.Named(result.GetValue(Profile)!);
            var request = new GenerationRequest(result.GetRequiredValue(Out), result.GetValue(Records) ?? profile.DefaultRecords, result.GetValue(Seed), profile,
                result.GetValue(Format) == "delta", result.GetValue(Zip), result.GetValue(PartSize), result.GetValue(Vendors), result.GetValue(MaxFamilyShare));
            var summary = SyntheticFile.Write(request);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Wrote {summary.Records:N0} records ({summary.Awards:N0} awards, {summary.Vendors:N0} vendors, {(double)summary.Records / summary.Awards:0.0} transactions per award) to {summary.OutputPath}: {summary.Bytes / 1e6:0.0} MB{(request.Zip ? $" ({summary.CsvBytes / 1e6:0.0} MB of CSV)" : "")} in {summary.Elapsed.TotalSeconds:0.0} s ({summary.CsvMegabytesPerSecond:0} MB/s of CSV)"));
            return 0;
        });
        return command;
    }
}
