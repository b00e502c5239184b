using System.CommandLine;
using ContractTracker.Benchmarks.Api;

namespace ContractTracker.Benchmarks.Export;

/// <summary>
/// <c>export</c>: downloads every transaction of a 1,000,000-record database as CSV from the API (in a process of its own)
/// and, in the same run, the same query's rows through <c>psql \copy (...) TO STDOUT WITH CSV</c>; reports both times,
/// their ratio and how much the API process's memory grew while it streamed.
/// </summary>
internal static class ExportBenchmarkCommand
{
    private static readonly Option<int> Records = new("--records")
    {
        Description = "Records in the benchmark database (1,000,000 is the benchmark; it is built once and reused).",
        DefaultValueFactory = _ => 1_000_000,
    };

    private static readonly Option<int> Rounds = new("--rounds") { Description = "Rounds; each round runs both, alternating which goes first.", DefaultValueFactory = _ => 2 };
    private static readonly Option<int> Seed = new("--seed") { Description = "Seed of the generated data.", DefaultValueFactory = _ => 42 };
    private static readonly Option<string> Format = new("--format") { Description = "The API's format: csv (the benchmark), xlsx or zip.", DefaultValueFactory = _ => "csv" };

    public static Command Create()
    {
        Format.AcceptOnlyFromAmong("csv", "xlsx", "zip");
        var command = new Command("export",
            "Export every transaction as CSV through the API and through psql \\copy of the same query; ratio and server memory growth (needs CT_DATABASE_URL).")
        {
            Records, Rounds, Seed, Format,
        };
        command.SetAction((result, ct) => ExportBenchmark.RunAsync(
            new ApiDataSet(result.GetValue(Records), result.GetValue(Seed)), Math.Max(1, result.GetValue(Rounds)), result.GetValue(Format)!, ct));
        return command;
    }
}
