using System.CommandLine;

namespace ContractTracker.Benchmarks.Import;

/// <summary><c>import</c>: times the importer against <c>psql \copy</c> on the same synthetic file.</summary>
internal static class ImportBenchmarkCommand
{
    private static readonly Option<int> Records = new("--records") { Description = "Records in the benchmark file.", DefaultValueFactory = _ => 1_000_000 };
    private static readonly Option<int> Seed = new("--seed") { Description = "Seed of the benchmark file.", DefaultValueFactory = _ => 42 };
    private static readonly Option<bool> Keep = new("--keep") { Description = "Keep the last round's two benchmark databases instead of dropping them." };
    private static readonly Option<int> Rounds = new("--rounds")
    {
        Description = "Rounds of (psql, ours) in alternating order, each into fresh databases; times are medians.",
        DefaultValueFactory = _ => 2,
    };

    public static Command Create()
    {
        var command = new Command("import",
            "Import a synthetic benchmark file with psql \\copy and with ContractTracker's importer, and compare time and memory "
            + "(needs CT_DATABASE_URL and psql).")
        {
            Records, Seed, Keep, Rounds,
        };
        command.SetAction((result, ct) =>
            ImportBenchmark.RunAsync(new ImportBenchmarkSettings(result.GetValue(Records), result.GetValue(Seed), result.GetValue(Keep), result.GetValue(Rounds)), ct));
        return command;
    }
}
