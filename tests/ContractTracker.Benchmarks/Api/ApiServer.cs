using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ContractTracker.Benchmarks.Import;
using ContractTracker.Database;

namespace ContractTracker.Benchmarks.Api;

/// <summary>
/// The API under test, in a process of its own: the Release executable's <c>serve --role api</c> on a free loopback
/// port, against the benchmark database. Its console output (request logs included) goes to a log file in the work
/// folder, so a full pipe never stalls it. Stopped on dispose.
/// </summary>
internal sealed class ApiServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task _pump;

    private ApiServer(Process process, Task pump, Uri baseAddress, string logFile)
    {
        _process = process;
        _pump = pump;
        BaseAddress = baseAddress;
        LogFile = logFile;
    }

    public Uri BaseAddress { get; }
    public string LogFile { get; }
    public int ProcessId => _process.Id;

    public static async Task<ApiServer> StartAsync(RepositoryPaths paths, string connectionString, CancellationToken ct)
    {
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(paths.ApiAssembly)!,
        };
        foreach (var argument in new[] { paths.ApiAssembly, "serve", "--role", "api", "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[DatabaseUrl.EnvironmentVariable] = connectionString;
        // The benchmark's clients all come from one address: measure the endpoints, not the anonymous rate limit.
        start.Environment["CT_RATE_LIMIT"] = "1000000000";
        Directory.CreateDirectory(paths.Work);
        var logFile = Path.Combine(paths.Work, "api-serve.log");
        var process = Process.Start(start) ?? throw new BenchmarkFailure("The API process did not start.");
        var file = new StreamWriter(logFile, append: false) { AutoFlush = true };
        var log = TextWriter.Synchronized(file);
        var pump = Task.WhenAll(CopyAsync(process.StandardOutput, log), CopyAsync(process.StandardError, log))
            .ContinueWith(_ => file.Dispose(), TaskScheduler.Default);
        var server = new ApiServer(process, pump, baseAddress, logFile);
        try
        {
            await server.WaitUntilHealthyAsync(ct);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync(CancellationToken.None);
        await _pump;
        _process.Dispose();
    }

    /// <summary>
    /// The processor time, in seconds, the API's tiered-compilation thread (which recompiles hot methods optimized) has used
    /// so far: 0 when it is not running; null where <c>/proc</c> does not tell (not Linux).
    /// </summary>
    public double? CompilerSeconds()
    {
        var tasks = $"/proc/{_process.Id}/task";
        if (!Directory.Exists(tasks))
        {
            return null;
        }

        var seconds = 0.0;
        foreach (var task in Directory.EnumerateDirectories(tasks))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).Trim() != TieringThread)
                {
                    continue;
                }

                // utime and stime, the 14th and 15th fields, in clock ticks (100 a second); the name before them may hold spaces.
                var fields = File.ReadAllText(Path.Combine(task, "stat")).Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                seconds += (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // The thread ended while it was read.
            }
        }

        return seconds;
    }

    /// <summary>The runtime's name for its tiered-compilation thread, as Linux keeps it (15 characters).</summary>
    private const string TieringThread = ".NET Tiered Com";

    private async Task WaitUntilHealthyAsync(CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new BenchmarkFailure($"The API process exited with code {_process.ExitCode} before it was healthy; see {LogFile}.");
            }

            try
            {
                using var response = await client.GetAsync("healthz", ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // Slow to answer while starting.
            }

            await Task.Delay(200, ct);
        }

        throw new BenchmarkFailure($"The API was not healthy at {BaseAddress}healthz within 60 s; see {LogFile}.");
    }

    private static async Task CopyAsync(StreamReader from, TextWriter to)
    {
        while (await from.ReadLineAsync() is { } line)
        {
            to.WriteLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
