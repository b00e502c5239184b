using System.Diagnostics;
using System.Globalization;

namespace ContractTracker.Benchmarks.Import;

/// <summary>A finished child process: exit code, wall time, peak resident set size (when measurable) and its output.</summary>
internal sealed record ProcessRun(int ExitCode, TimeSpan Elapsed, long? PeakRssBytes, string Output, string Errors);

/// <summary>
/// Runs a child process and measures it alone: wall-clock time, and peak RSS from GNU time's <c>%M</c> (the kernel's
/// maximum resident set size, exact) when <c>/usr/bin/time</c> exists, otherwise by polling <c>VmHWM</c> in
/// <c>/proc/{pid}/status</c> every 100 ms.
/// </summary>
internal static class MeasuredProcess
{
    private const string GnuTime = "/usr/bin/time";

    public static async Task<ProcessRun> RunAsync(
        string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, CancellationToken ct)
    {
        var rssFile = File.Exists(GnuTime) ? Path.GetTempFileName() : null;
        var start = new ProcessStartInfo(rssFile is null ? program : GnuTime)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (rssFile is not null)
        {
            foreach (var argument in new[] { "-f", "%M", "-o", rssFile, program })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        try
        {
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
            await using var kill = ct.Register(() => process.Kill(entireProcessTree: true));
            var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
            var exited = process.WaitForExitAsync(CancellationToken.None);
            long polledPeak = 0;
            while (!exited.IsCompleted)
            {
                if (rssFile is null)
                {
                    polledPeak = Math.Max(polledPeak, HighWaterMark(process.Id));
                }

                await Task.WhenAny(exited, Task.Delay(100, CancellationToken.None));
            }

            clock.Stop();
            ct.ThrowIfCancellationRequested();
            long? peak = rssFile is null ? (polledPeak > 0 ? polledPeak : null) : TimeReport(rssFile);
            return new ProcessRun(process.ExitCode, clock.Elapsed, peak, await output, await errors);
        }
        finally
        {
            if (rssFile is not null)
            {
                File.Delete(rssFile);
            }
        }
    }

    /// <summary>The last line GNU time wrote: the maximum resident set size in KiB.</summary>
    private static long? TimeReport(string path)
    {
        var last = File.ReadAllLines(path).LastOrDefault(l => l.Length > 0);
        return long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var kib) ? kib * 1024 : null;
    }

    private static long HighWaterMark(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
            // The process has just exited.
        }

        return 0;
    }
}
