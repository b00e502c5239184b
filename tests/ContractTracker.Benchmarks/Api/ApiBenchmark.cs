using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using ContractTracker.Benchmarks.Generator;
using ContractTracker.Benchmarks.Import;
using ContractTracker.Database;
using Npgsql;

namespace ContractTracker.Benchmarks.Api;

internal sealed record ApiBenchmarkSettings(
    int Clients, TimeSpan Duration, TimeSpan Warmup, TimeSpan WarmupLimit, bool Rebuild, ApiDataSet DataSet, int Samples, IReadOnlyList<string> Endpoints, bool Explain);

/// <summary>
/// One run: the benchmark database (found or built), the API started in a process of its own, then for each endpoint
/// its sampled requests sent by concurrent clients from this process, and the same questions asked of PostgreSQL
/// directly with the floor SQL, with the same concurrency and duration.
/// </summary>
internal static class ApiBenchmark
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(120);

    public static async Task<int> RunAsync(ApiBenchmarkSettings settings, CancellationToken ct)
    {
        var paths = RepositoryPaths.Locate();
        var server = Environment.GetEnvironmentVariable(DatabaseUrl.EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            Console.Error.WriteLine($"{DatabaseUrl.EnvironmentVariable} is not set: give it the benchmark server (an Npgsql connection string or postgres:// URL).");
            return 2;
        }

        if (!File.Exists(paths.ApiAssembly))
        {
            Console.Error.WriteLine($"{paths.ApiAssembly} is missing; build the solution in {RepositoryPaths.Configuration}.");
            return 2;
        }

        if (RepositoryPaths.Configuration != "Release")
        {
            Console.Error.WriteLine($"Warning: built in {RepositoryPaths.Configuration}; run with -c Release for numbers worth recording.");
        }

        try
        {
            var database = await ApiDatabase.EnsureAsync(paths, DatabaseUrl.ToConnectionString(server), settings.DataSet, settings.Rebuild, ct);
            var loadBefore = LoadAverage();
            var endpoints = await MeasureAsync(paths, database, settings, ct);
            var loadAfter = LoadAverage();
            var result = new ApiBenchmarkResult(
                DateTimeOffset.UtcNow, await paths.CommitAsync(), RepositoryPaths.Configuration, Environment.ProcessorCount,
                RuntimeInformation.OSDescription, settings.DataSet.Records, settings.DataSet.Seed, SyntheticFile.Version, settings.DataSet.Vendors,
                ApiDataSet.MaxFamilyShare, database.Name, database.Bytes, database.Reused, database.BuildSeconds, database.Times?.ImportSeconds,
                settings.Clients, settings.Duration.TotalSeconds, settings.Warmup.TotalSeconds, settings.Samples, loadBefore, loadAfter, endpoints);
            result.Print(Console.Out);
            Directory.CreateDirectory(Path.GetDirectoryName(paths.ApiResults)!);
            await File.AppendAllTextAsync(paths.ApiResults, result.ToJsonLine() + "\n", ct);
            Console.WriteLine($"Appended to {Path.GetRelativePath(paths.Root, paths.ApiResults)}");
            return endpoints.Any(e => e.Api?.Requests == 0 || e.Floor.Requests == 0) ? 1 : 0;
        }
        catch (BenchmarkFailure e)
        {
            Console.Error.WriteLine($"Benchmark failed: {e.Message}");
            return 1;
        }
    }

    private static async Task<List<EndpointResult>> MeasureAsync(
        RepositoryPaths paths, BenchmarkDatabase database, ApiBenchmarkSettings settings, CancellationToken ct)
    {
        // The floor's sessions are the API's: the same settings, and repeated statements prepared.
        var floorBuilder = new NpgsqlDataSourceBuilder(DatabaseUrl.ForQueries(database.ConnectionString));
        floorBuilder.ConnectionStringBuilder.MaxPoolSize = settings.Clients + 2;
        floorBuilder.ConnectionStringBuilder.CommandTimeout = (int)RequestTimeout.TotalSeconds;
        // Vendor search's name threshold, which the API sets for its search statement, for the whole session.
        floorBuilder.ConnectionStringBuilder.Options +=
            $" -c pg_trgm.word_similarity_threshold={Vendors.VendorDirectory.NameThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        await using var floor = floorBuilder.Build();

        var sampler = new WorkloadSampler(floor, settings.DataSet.Seed, settings.Samples);
        var workloads = new List<EndpointWorkload>();
        foreach (var endpoint in settings.Endpoints)
        {
            workloads.Add(await sampler.SampleAsync(endpoint, ct));
        }

        Console.WriteLine($"Sampled {settings.Samples:N0} requests for each of {string.Join(", ", settings.Endpoints)}. Starting the API ...");
        await using var api = await ApiServer.StartAsync(paths, database.ConnectionString, ct);
        Console.WriteLine($"API (process {api.ProcessId}) is healthy at {api.BaseAddress}; its log is {Path.GetRelativePath(paths.Root, api.LogFile)}.");
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = api.BaseAddress,
            Timeout = RequestTimeout,
        };

        var results = new List<EndpointResult>();
        foreach (var workload in workloads)
        {
            Task<string?> Api(BenchmarkRequest request, CancellationToken token) => CallApiAsync(client, request, token);
            Task<string?> Floor(BenchmarkRequest request, CancellationToken token) => CallFloorAsync(floor, request, token);

            var available = await IsAvailableAsync(client, workload, ct);
            LoadRun? apiRun = null;
            ApiWarmup? warmup = null;
            if (available)
            {
                Console.WriteLine($"{workload.Route}: warming up at least {settings.Warmup.TotalSeconds:0} s, measuring {settings.Duration.TotalSeconds:0} s with {settings.Clients} clients ...");
                warmup = await WarmUpAsync(api, workload.Requests, settings, Api, ct);
                Console.WriteLine(warmup.Describe());
                apiRun = await LoadRun.RunAsync(workload.Requests, settings.Clients, settings.Duration, Api, ct);
            }
            else
            {
                Console.WriteLine($"{workload.Route}: not available (the API answers 404 for the route); measuring its floor only.");
            }

            Console.WriteLine($"{workload.Route} floor: warming up {settings.Warmup.TotalSeconds:0} s, measuring {settings.Duration.TotalSeconds:0} s ...");
            await LoadRun.RunAsync(workload.Requests, settings.Clients, settings.Warmup, Floor, ct);
            var floorRun = await LoadRun.RunAsync(workload.Requests, settings.Clients, settings.Duration, Floor, ct);
            ReportFailures(workload, "API", apiRun);
            ReportFailures(workload, "floor", floorRun);
            if (settings.Explain && floorRun.Slowest is { } slowest)
            {
                await ExplainAsync(floor, workload, workload.Requests[slowest.Request], ct);
            }

            results.Add(EndpointResult.From(workload, apiRun, floorRun, warmup));
        }

        return results;
    }

    /// <summary>
    /// Warms the API up for <see cref="ApiBenchmarkSettings.Warmup"/>, then on, a second at a time, for as long as its JIT
    /// compiler is still recompiling (at most <see cref="ApiBenchmarkSettings.WarmupLimit"/> in all): a server runs for
    /// weeks, and the seconds in which it compiles the code it serves with are its start, not its speed. On 2 busy cores
    /// the compiler took 10 to 15 s of the first endpoint's load (a fifth of the API's processor time meanwhile). PostgreSQL
    /// compiles nothing: the floor's warm-up is the fixed one.
    /// </summary>
    private static async Task<ApiWarmup> WarmUpAsync(
        ApiServer api, IReadOnlyList<BenchmarkRequest> requests, ApiBenchmarkSettings settings,
        Func<BenchmarkRequest, CancellationToken, Task<string?>> call, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await LoadRun.RunAsync(requests, settings.Clients, settings.Warmup, call, ct);
        while (api.CompilerSeconds() is { } before)
        {
            if (clock.Elapsed >= settings.WarmupLimit)
            {
                return new ApiWarmup(clock.Elapsed.TotalSeconds, CompilerSettled: false);
            }

            await LoadRun.RunAsync(requests, settings.Clients, TimeSpan.FromSeconds(1), call, ct);
            if (api.CompilerSeconds() - before < CompilerIdleSeconds)
            {
                return new ApiWarmup(clock.Elapsed.TotalSeconds, CompilerSettled: true);
            }
        }

        return new ApiWarmup(clock.Elapsed.TotalSeconds, CompilerSettled: null);
    }

    /// <summary>The compiler's processor time in a second of load below which it is done: one clock tick (10 ms) or none.</summary>
    private const double CompilerIdleSeconds = 0.015;

    private static string Text(object value) => value switch
    {
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>
    /// The 1-minute load average (runnable and waiting processes, on this 2-core machine), recorded before and after the
    /// measurements: other work on the machine shares the cores with the API, PostgreSQL and the clients.
    /// </summary>
    private static double? LoadAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>An endpoint whose route does not exist yet answers 404 even for requests sampled from the database (which name what exists).</summary>
    private static async Task<bool> IsAvailableAsync(HttpClient client, EndpointWorkload workload, CancellationToken ct)
    {
        foreach (var request in workload.Requests.Take(3))
        {
            using var response = await client.GetAsync(request.Path, ct);
            if (response.StatusCode != HttpStatusCode.NotFound)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The whole answer is read, as a client would; anything but a 2xx is a failure.</summary>
    private static async Task<string?> CallApiAsync(HttpClient client, BenchmarkRequest request, CancellationToken ct)
    {
        using var response = await client.GetAsync(request.Path, HttpCompletionOption.ResponseHeadersRead, ct);
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        await body.CopyToAsync(Stream.Null, ct);
        return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
    }

    /// <summary>Every value of every row is read into .NET objects, as the API must read them.</summary>
    private static async Task<string?> CallFloorAsync(NpgsqlDataSource dataSource, BenchmarkRequest request, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(request.Sql);
        foreach (var (name, value) in request.Parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync(ct);
        do
        {
            var values = new object[reader.FieldCount];
            while (await reader.ReadAsync(ct))
            {
                reader.GetValues(values);
            }
        }
        while (await reader.NextResultAsync(ct));

        return null;
    }

    private static void ReportFailures(EndpointWorkload workload, string side, LoadRun? run)
    {
        foreach (var (failure, (count, example)) in run?.Failures ?? new Dictionary<string, (int, string)>())
        {
            Console.Error.WriteLine($"  {workload.Name} {side}: {count:N0} x {failure} (e.g. {example})");
        }
    }

    private static async Task ExplainAsync(NpgsqlDataSource dataSource, EndpointWorkload workload, BenchmarkRequest request, CancellationToken ct)
    {
        // The last statement is the question; any before it set up its transaction (vendor search's generic plan).
        var last = request.Sql.LastIndexOf(";\n", StringComparison.Ordinal) + 1;
        await using var command = dataSource.CreateCommand($"{request.Sql[..last]}\nEXPLAIN (ANALYZE, BUFFERS) {request.Sql[last..]}");
        foreach (var (name, value) in request.Parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Slowest {workload.Name} floor request ({request.Variant}): {request.Path}"));
        Console.WriteLine("  parameters: " + string.Join(", ", request.Parameters.Select(p => $"{p.Name}={Text(p.Value)}")));
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (reader.FieldCount != 1 || reader.GetName(0) != "QUERY PLAN")
        {
            await reader.NextResultAsync(ct);
        }

        while (await reader.ReadAsync(ct))
        {
            Console.WriteLine("  " + reader.GetString(0));
        }

        Console.WriteLine();
    }
}
