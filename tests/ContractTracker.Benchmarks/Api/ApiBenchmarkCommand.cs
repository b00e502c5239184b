using System.CommandLine;

namespace ContractTracker.Benchmarks.Api;

/// <summary>
/// <c>api</c>: drives the read endpoints of a running API from this process with concurrent clients, on a 5,000,000-record
/// database, and compares each with a hand-written SQL query for the same answer run directly in PostgreSQL.
/// </summary>
internal static class ApiBenchmarkCommand
{
    private static readonly Option<int> Clients = new("--clients") { Description = "Concurrent clients, for the API and for the SQL floor.", DefaultValueFactory = _ => 16 };
    private static readonly Option<int> Seconds = new("--seconds") { Description = "Measured seconds per endpoint, and again for its floor.", DefaultValueFactory = _ => 20 };
    private static readonly Option<int> Warmup = new("--warmup") { Description = "Unmeasured seconds per endpoint (and per floor) before measuring.", DefaultValueFactory = _ => 5 };
    private static readonly Option<int> WarmupLimit = new("--warmup-limit")
    {
        Description = "Longest warm-up of an endpoint: after --warmup, the API is warmed on while its JIT compiler is still busy, up to this many seconds.",
        DefaultValueFactory = _ => 60,
    };
    private static readonly Option<bool> Rebuild = new("--rebuild") { Description = "Drop the benchmark database and build it again." };
    private static readonly Option<int> Records = new("--records")
    {
        Description = "Records in the benchmark database (5,000,000 is the benchmark; smaller sizes get their own database, for trying the harness).",
        DefaultValueFactory = _ => ApiDataSet.BenchmarkRecords,
    };

    private static readonly Option<int> Seed = new("--seed") { Description = "Seed of the generated data and of the sampled requests.", DefaultValueFactory = _ => 42 };
    private static readonly Option<int> Samples = new("--samples") { Description = "Requests sampled per endpoint; clients cycle through them.", DefaultValueFactory = _ => 1000 };
    private static readonly Option<string[]> Endpoints = new("--endpoint")
    {
        Description = "Only these endpoints (relationships, vendors, awards, transactions); repeat the option for several. Default: all.",
        AllowMultipleArgumentsPerToken = true,
    };

    private static readonly Option<bool> Explain = new("--explain") { Description = "Print EXPLAIN (ANALYZE, BUFFERS) of each endpoint's slowest floor query." };

    public static Command Create()
    {
        Endpoints.AcceptOnlyFromAmong(EndpointNames.All);
        foreach (var option in new[] { Clients, Seconds, Samples })
        {
            option.Validators.Add(v =>
            {
                if (v.GetValue(option) < 1)
                {
                    v.AddError($"{option.Name} must be at least 1.");
                }
            });
        }

        var command = new Command("api",
            "Measure the relationship, vendor search, award and transactions endpoints (requests per second, p50, p99) against "
            + "hand-written SQL for the same answers, on a 5,000,000-record database (needs CT_DATABASE_URL).")
        {
            Clients, Seconds, Warmup, WarmupLimit, Rebuild, Records, Seed, Samples, Endpoints, Explain,
        };
        command.SetAction((result, ct) => ApiBenchmark.RunAsync(
            new ApiBenchmarkSettings(
                result.GetValue(Clients), TimeSpan.FromSeconds(result.GetValue(Seconds)), TimeSpan.FromSeconds(Math.Max(0, result.GetValue(Warmup))),
                TimeSpan.FromSeconds(Math.Max(0, result.GetValue(WarmupLimit))),
                result.GetValue(Rebuild), new ApiDataSet(result.GetValue(Records), result.GetValue(Seed)), result.GetValue(Samples),
                result.GetValue(Endpoints) is { Length: > 0 } only ? only : EndpointNames.All, result.GetValue(Explain)),
            ct));
        return command;
    }
}
