using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using ContractTracker.Benchmarks.Api;
using ContractTracker.Benchmarks.Import;
using ContractTracker.Database;
using ContractTracker.Transactions;
using Npgsql;

namespace ContractTracker.Benchmarks.Export;

/// <summary>
/// One run: the benchmark database (found or built by the api benchmark's builder), the API started in a process of its
/// own, then rounds of: every transaction as CSV through <c>GET /api/v1/transactions?format=csv</c>, read by this process
/// as it arrives, and the same SQL (the engine's own export query) through <c>psql \copy (...) TO STDOUT WITH CSV</c>,
/// read the same way. The API process's resident memory is sampled every 50 ms during its exports.
/// </summary>
internal static class ExportBenchmark
{
    public static async Task<int> RunAsync(ApiDataSet set, int rounds, string format, CancellationToken ct)
    {
        var paths = RepositoryPaths.Locate();
        var server = Environment.GetEnvironmentVariable(DatabaseUrl.EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            Console.Error.WriteLine($"{DatabaseUrl.EnvironmentVariable} is not set: give it the benchmark server.");
            return 2;
        }

        var psql = ImportBenchmark.FindOnPath("psql");
        if (psql is null || !File.Exists(paths.ApiAssembly))
        {
            Console.Error.WriteLine(psql is null ? "psql is not on PATH." : $"{paths.ApiAssembly} is missing; build the solution in {RepositoryPaths.Configuration}.");
            return 2;
        }

        try
        {
            var database = await ApiDatabase.EnsureAsync(paths, DatabaseUrl.ToConnectionString(server), set, rebuild: false, ct);
            var sql = await ExportSqlAsync(database.ConnectionString, ct);
            await using var api = await ApiServer.StartAsync(paths, database.ConnectionString, ct);
            using var client = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromMinutes(30) };

            // Warm up: the export path compiled and the connection pool open, so the baseline is the server at rest.
            await DownloadAsync(client, $"api/v1/transactions?format={format}&from=2020-01-01&to=2020-01-31", ct);
            GC.Collect();
            await Task.Delay(1000, ct);
            var rssAtRest = Rss(api.ProcessId);
            var loadBefore = LoadAverage();

            var oursRounds = new List<Download>();
            var psqlRounds = new List<Download>();
            long peakRss = rssAtRest;
            for (var round = 0; round < rounds; round++)
            {
                foreach (var contestant in round % 2 == 0 ? new[] { "ours", "psql" } : ["psql", "ours"])
                {
                    if (contestant == "ours")
                    {
                        Console.WriteLine($"  round {round + 1}: GET /api/v1/transactions?format={format} ...");
                        using var sampling = new CancellationTokenSource();
                        var sampler = SamplePeakAsync(api.ProcessId, sampling.Token);
                        var download = await DownloadAsync(client, $"api/v1/transactions?format={format}", ct);
                        await sampling.CancelAsync();
                        peakRss = Math.Max(peakRss, await sampler);
                        oursRounds.Add(download);
                        Console.WriteLine($"    {download.Seconds:F1} s, {download.Bytes:N0} bytes, {download.Lines:N0} lines");
                    }
                    else
                    {
                        Console.WriteLine($"  round {round + 1}: psql \\copy (...) TO STDOUT WITH CSV HEADER ...");
                        var download = await PsqlAsync(psql, database.ConnectionString, sql, ct);
                        psqlRounds.Add(download);
                        Console.WriteLine($"    {download.Seconds:F1} s, {download.Bytes:N0} bytes, {download.Lines:N0} lines");
                    }
                }
            }

            var ours = Median(oursRounds.Select(d => d.Seconds));
            var baseline = Median(psqlRounds.Select(d => d.Seconds));
            var result = new
            {
                recorded_at = DateTimeOffset.UtcNow,
                commit = await paths.CommitAsync(),
                configuration = RepositoryPaths.Configuration,
                processor_count = Environment.ProcessorCount,
                os = RuntimeInformation.OSDescription,
                records = set.Records,
                database = database.Name,
                format,
                rounds,
                export_seconds = Math.Round(ours, 2),
                psql_copy_seconds = Math.Round(baseline, 2),
                export_round_seconds = oursRounds.Select(d => Math.Round(d.Seconds, 2)).ToArray(),
                psql_copy_round_seconds = psqlRounds.Select(d => Math.Round(d.Seconds, 2)).ToArray(),
                export_bytes = oursRounds[0].Bytes,
                psql_copy_bytes = psqlRounds[0].Bytes,
                export_lines = oursRounds[0].Lines,
                psql_copy_lines = psqlRounds[0].Lines,
                export_to_copy_ratio = Math.Round(ours / baseline, 2),
                server_rss_at_rest_bytes = rssAtRest,
                server_rss_peak_bytes = peakRss,
                server_rss_growth_bytes = peakRss - rssAtRest,
                load_average_before = loadBefore,
                load_average_after = LoadAverage(),
                meets_speed_target = ours / baseline <= 1.5,
                meets_memory_target = peakRss - rssAtRest < 100L * 1024 * 1024,
            };

            Console.WriteLine();
            Console.WriteLine($"Export of {set.Records:N0} transactions as {format}: ours {ours:F1} s, psql \\copy {baseline:F1} s, ratio {ours / baseline:F2} (target <= 1.5)");
            Console.WriteLine($"API memory: {rssAtRest / 1048576.0:F0} MiB at rest, {peakRss / 1048576.0:F0} MiB peak, grew {(peakRss - rssAtRest) / 1048576.0:F0} MiB (target < 100 MiB)");
            var line = JsonSerializer.Serialize(result);
            var file = Path.Combine(Path.GetDirectoryName(paths.ApiResults)!, "export.jsonl");
            await File.AppendAllTextAsync(file, line + "\n", ct);
            Console.WriteLine($"Appended to {Path.GetRelativePath(paths.Root, file)}");
            return result.meets_speed_target && result.meets_memory_target ? 0 : 1;
        }
        catch (BenchmarkFailure e)
        {
            Console.Error.WriteLine($"Benchmark failed: {e.Message}");
            return 1;
        }
    }

    private sealed record Download(double Seconds, long Bytes, long Lines);

    /// <summary>The engine's own export query for every transaction in date order: what the endpoint runs.</summary>
    private static async Task<string> ExportSqlAsync(string connectionString, CancellationToken ct)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = await new TransactionSearch(dataSource).ExportQueryAsync(new TransactionFilter(), TransactionSort.ActionDate, ct)
            ?? throw new BenchmarkFailure("The export query is empty.");
        if (command.Parameters.Count > 0)
        {
            throw new BenchmarkFailure("The unfiltered export query should take no parameters.");
        }

        return string.Join(' ', command.CommandText.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
    }

    private static async Task<Download> DownloadAsync(HttpClient client, string path, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchmarkFailure($"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }

        await using var body = await response.Content.ReadAsStreamAsync(ct);
        var (bytes, lines) = await CountAsync(body, ct);
        return new Download(clock.Elapsed.TotalSeconds, bytes, lines);
    }

    private static async Task<Download> PsqlAsync(string psql, string connectionString, string sql, CancellationToken ct)
    {
        var csb = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(psql)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-X", "-q", "-h", csb.Host!, "-p", csb.Port.ToString(CultureInfo.InvariantCulture), "-U", csb.Username!, "-d", csb.Database!,
                     "-c", $"\\copy ({sql}) TO STDOUT WITH CSV HEADER" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PGPASSWORD"] = csb.Password ?? "";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new BenchmarkFailure("psql did not start.");
        var errors = process.StandardError.ReadToEndAsync(ct);
        var (bytes, lines) = await CountAsync(process.StandardOutput.BaseStream, ct);
        await process.WaitForExitAsync(ct);
        var elapsed = clock.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
        {
            throw new BenchmarkFailure($"psql failed (exit code {process.ExitCode}): {await errors}");
        }

        return new Download(elapsed, bytes, lines);
    }

    private static async Task<(long Bytes, long Lines)> CountAsync(Stream stream, CancellationToken ct)
    {
        var buffer = new byte[1 << 16];
        long bytes = 0, lines = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            bytes += read;
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return (bytes, lines);
    }

    private static async Task<long> SamplePeakAsync(int processId, CancellationToken ct)
    {
        long peak = 0;
        try
        {
            while (true)
            {
                peak = Math.Max(peak, Rss(processId));
                await Task.Delay(50, ct);
            }
        }
        catch (OperationCanceledException)
        {
            return Math.Max(peak, Rss(processId));
        }
    }

    /// <summary>Resident set size of a process, from <c>/proc/{pid}/status</c> (VmRSS).</summary>
    private static long Rss(int processId)
    {
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    private static double? LoadAverage() =>
        File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture) : null;

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
