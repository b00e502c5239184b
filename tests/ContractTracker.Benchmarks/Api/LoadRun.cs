using System.Collections.Concurrent;
using System.Diagnostics;

namespace ContractTracker.Benchmarks.Api;

/// <summary>One request as a client saw it: which sampled request, how long until its whole answer was read, and whether it failed.</summary>
internal readonly record struct Timing(int Request, long Ticks, bool Failed);

/// <summary>
/// Everything one load run recorded: every request's latency (failures apart), the wall time from the first request to
/// the last answer, and the failures by kind with an example of each.
/// </summary>
internal sealed record LoadRun(IReadOnlyList<Timing> Timings, TimeSpan Elapsed, IReadOnlyDictionary<string, (int Count, string Example)> Failures)
{
    public int Failed => Timings.Count(t => t.Failed);

    public LatencyStats Stats(Func<int, bool>? which = null) =>
        LatencyStats.Of(Timings.Where(t => !t.Failed && (which is null || which(t.Request))).Select(t => t.Ticks), Elapsed);

    /// <summary>The sampled request that took longest, and how long, for the report and for EXPLAIN.</summary>
    public (int Request, double Ms)? Slowest
    {
        get
        {
            if (Timings.Count == 0)
            {
                return null;
            }

            var slowest = Timings.MaxBy(t => t.Ticks);
            return (slowest.Request, Math.Round(slowest.Ticks * 1000.0 / Stopwatch.Frequency, 1));
        }
    }

    /// <summary>
    /// Runs <paramref name="clients"/> client tasks for <paramref name="duration"/>, each cycling through the requests from
    /// its own starting point, one request at a time; a request started before the end is waited for and counted.
    /// <paramref name="call"/> returns null for a good answer, or what was wrong with it.
    /// </summary>
    public static async Task<LoadRun> RunAsync(
        IReadOnlyList<BenchmarkRequest> requests, int clients, TimeSpan duration, Func<BenchmarkRequest, CancellationToken, Task<string?>> call,
        CancellationToken ct)
    {
        var failures = new ConcurrentDictionary<string, (int Count, string Example)>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);

        async Task<List<Timing>> ClientAsync(int client)
        {
            await Task.Yield();
            var timings = new List<Timing>();
            var next = (int)((long)client * requests.Count / clients);
            while (Stopwatch.GetTimestamp() < end)
            {
                ct.ThrowIfCancellationRequested();
                var index = next;
                next = (next + 1) % requests.Count;
                var started = Stopwatch.GetTimestamp();
                string? failure;
                try
                {
                    failure = await call(requests[index], ct);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    failure = Describe(e);
                }

                var ticks = Stopwatch.GetTimestamp() - started;
                if (failure is not null)
                {
                    failures.AddOrUpdate(failure, _ => (1, requests[index].Path), (_, seen) => (seen.Count + 1, seen.Example));
                }

                timings.Add(new Timing(index, ticks, failure is not null));
            }

            return timings;
        }

        var all = await Task.WhenAll(Enumerable.Range(0, clients).Select(ClientAsync));
        clock.Stop();
        return new LoadRun(all.SelectMany(t => t).ToList(), clock.Elapsed, failures);
    }

    private static string Describe(Exception e)
    {
        var text = $"{e.GetType().Name}: {e.Message}".ReplaceLineEndings(" ");
        return text.Length > 200 ? text[..200] : text;
    }
}

/// <summary>Requests per second and latency percentiles (nearest rank) of the good answers of a run, in milliseconds.</summary>
internal sealed record LatencyStats(int Requests, double RequestsPerSecond, double P50Ms, double P99Ms, double MaxMs, double MeanMs)
{
    public static LatencyStats Of(IEnumerable<long> ticks, TimeSpan elapsed)
    {
        var sorted = ticks.Select(t => t * 1000.0 / Stopwatch.Frequency).Order().ToArray();
        if (sorted.Length == 0)
        {
            return new LatencyStats(0, 0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        double Percentile(double q) => sorted[Math.Max(0, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return new LatencyStats(sorted.Length, Math.Round(sorted.Length / elapsed.TotalSeconds, 1),
            Math.Round(Percentile(0.50), 2), Math.Round(Percentile(0.99), 2), Math.Round(sorted[^1], 2), Math.Round(sorted.Average(), 2));
    }
}
