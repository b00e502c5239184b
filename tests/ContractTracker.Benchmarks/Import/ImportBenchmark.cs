using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using ContractTracker.Benchmarks.Generator;
using ContractTracker.Database;
using ContractTracker.Ingest;
using Npgsql;

namespace ContractTracker.Benchmarks.Import;

internal sealed record ImportBenchmarkSettings(int Records, int Seed, bool Keep, int Rounds);

/// <summary>
/// One benchmark run: the same synthetic file loaded by <c>psql \copy</c> into a table of text columns (the floor for
/// getting the bytes into PostgreSQL) and by the importer end to end in a child process (the API executable's
/// <c>import</c> verb), then re-imported with <c>--force</c> (everything found unchanged) and without (recognised by its
/// SHA-256).
/// </summary>
internal static class ImportBenchmark
{
    private static readonly JsonSerializerOptions SummaryJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static async Task<int> RunAsync(ImportBenchmarkSettings settings, CancellationToken ct)
    {
        var paths = RepositoryPaths.Locate();
        var server = Environment.GetEnvironmentVariable(DatabaseUrl.EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            Console.Error.WriteLine($"{DatabaseUrl.EnvironmentVariable} is not set: give it the benchmark server (an Npgsql connection string or postgres:// URL).");
            return 2;
        }

        var psql = FindOnPath("psql");
        if (psql is null || !File.Exists(paths.ApiAssembly))
        {
            Console.Error.WriteLine(psql is null ? "psql is not on PATH." : $"{paths.ApiAssembly} is missing; build the solution in {RepositoryPaths.Configuration}.");
            return 2;
        }

        if (RepositoryPaths.Configuration != "Release")
        {
            Console.Error.WriteLine($"Warning: built in {RepositoryPaths.Configuration}; run with -c Release for numbers worth recording.");
        }

        var file = EnsureInput(paths, settings);
        var fileBytes = new FileInfo(file).Length;
        WarmPageCache(file);

        // Each round loads the file both ways into fresh databases; the order alternates, so neither contestant always
        // runs in the other's wake (a big load leaves the page cache and the disk busy for a while).
        var copyRounds = new List<ProcessRun>();
        var importRounds = new List<ProcessRun>();
        ProcessRun? forced = null, same = null;
        long ourBytes = 0, baselineBytes = 0;
        for (var round = 0; round < settings.Rounds; round++)
        {
            var last = round == settings.Rounds - 1;
            await using var databases = await BenchmarkDatabases.CreateAsync(DatabaseUrl.ToConnectionString(server), settings.Keep && last, ct);
            Console.WriteLine($"Round {round + 1} of {settings.Rounds}: databases {databases.OursName} (migrated) and {databases.BaselineName} (one table of 297 text columns) created.");
            foreach (var contestant in round % 2 == 0 ? new[] { "psql", "ours" } : ["ours", "psql"])
            {
                await databases.CheckpointAsync(ct);
                if (contestant == "psql")
                {
                    Console.WriteLine("  psql \\copy ...");
                    var copy = await MeasuredProcess.RunAsync(psql,
                        ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", $"\\copy {BenchmarkDatabases.BaselineTable} FROM '{file.Replace("'", "''", StringComparison.Ordinal)}' WITH (FORMAT csv, HEADER)"],
                        PsqlEnvironment(databases.Baseline), ct);
                    var copied = copy.ExitCode == 0 ? await databases.ScalarAsync(databases.Baseline, $"SELECT count(*) FROM {BenchmarkDatabases.BaselineTable}", ct) : -1;
                    if (copied != settings.Records)
                    {
                        return Fail($"psql \\copy loaded {copied} rows, not {settings.Records} (exit code {copy.ExitCode})", copy);
                    }

                    copyRounds.Add(copy);
                }
                else
                {
                    Console.WriteLine("  ContractTracker import ...");
                    var (first, firstSummary) = await ImportAsync(paths, databases.Ours, file, force: false, ct);
                    if (firstSummary?.Files is not [{ Status: ImportStatus.Succeeded, Counts: var counts }] || counts.Inserted != settings.Records)
                    {
                        return Fail($"the import did not insert all {settings.Records} records", first);
                    }

                    importRounds.Add(first);
                }
            }

            if (!last)
            {
                continue;
            }

            await databases.CheckpointAsync(ct);
            Console.WriteLine("  Re-import with --force ...");
            (forced, var forcedSummary) = await ImportAsync(paths, databases.Ours, file, force: true, ct);
            if (forcedSummary?.Files is not [{ Status: ImportStatus.Succeeded, Counts: var again }] || again.Unchanged != settings.Records)
            {
                return Fail($"the forced re-import did not find all {settings.Records} records unchanged", forced);
            }

            Console.WriteLine("  Re-import of the same file ...");
            (same, var sameSummary) = await ImportAsync(paths, databases.Ours, file, force: false, ct);
            if (sameSummary?.Files is not [{ Status: ImportStatus.AlreadyImported }])
            {
                return Fail("the plain re-import did not recognise the file as already imported", same);
            }

            ourBytes = await databases.SizeAsync(databases.OursName, ct);
            baselineBytes = await databases.SizeAsync(databases.BaselineName, ct);
        }

        var result = new ImportBenchmarkResult(
            DateTimeOffset.UtcNow, await paths.CommitAsync(), RepositoryPaths.Configuration, Environment.ProcessorCount,
            RuntimeInformation.OSDescription, settings.Records, settings.Seed, SyntheticFile.Version, fileBytes,
            Median(copyRounds.Select(Seconds)), Median(importRounds.Select(Seconds)), Seconds(forced!), Seconds(same!),
            importRounds.Max(r => r.PeakRssBytes), forced!.PeakRssBytes, ourBytes, baselineBytes,
            copyRounds.Select(Seconds).ToArray(), importRounds.Select(Seconds).ToArray());
        result.Print(Console.Out);
        Directory.CreateDirectory(Path.GetDirectoryName(paths.Results)!);
        await File.AppendAllTextAsync(paths.Results, result.ToJsonLine() + "\n", ct);
        Console.WriteLine($"Appended to {Path.GetRelativePath(paths.Root, paths.Results)}");
        return 0;
    }

    /// <summary>The benchmark file, generated once per size and seed into the git-ignored work folder.</summary>
    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string EnsureInput(RepositoryPaths paths, ImportBenchmarkSettings settings)
    {
        var file = Path.Combine(paths.Work, $"synthetic_benchmark_v{SyntheticFile.Version}_{settings.Records}_seed{settings.Seed}.csv");
        if (File.Exists(file))
        {
            Console.WriteLine($"Using {Path.GetRelativePath(paths.Root, file)}");
            return file;
        }

        Console.WriteLine($"Generating {settings.Records:N0} records into {Path.GetRelativePath(paths.Root, file)} ...");
        var partial = file + ".partial";
        var summary = SyntheticFile.Write(new GenerationRequest(partial, settings.Records, settings.Seed, GenerationProfile.Benchmark));
        File.Move(partial, file, overwrite: true);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Generated {summary.Bytes / 1e6:N0} MB in {summary.Elapsed.TotalSeconds:N1} s ({summary.CsvMegabytesPerSecond:N0} MB/s)"));
        return file;
    }

    /// <summary>Reads the file once so neither contestant pays for the disk: both then read it from the page cache.</summary>
    private static void WarmPageCache(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        while (stream.Read(buffer) > 0)
        {
        }
    }

    private static async Task<(ProcessRun Run, ImportRunSummary? Summary)> ImportAsync(
        RepositoryPaths paths, string connectionString, string file, bool force, CancellationToken ct)
    {
        List<string> arguments = [paths.ApiAssembly, "import", file, "--json", "--source", "benchmark", "--synthetic"];
        if (force)
        {
            arguments.Add("--force");
        }

        var run = await MeasuredProcess.RunAsync("dotnet", arguments,
            new Dictionary<string, string> { [DatabaseUrl.EnvironmentVariable] = connectionString }, ct);
        try
        {
            return (run, run.ExitCode == 0 ? JsonSerializer.Deserialize<ImportRunSummary>(run.Output, SummaryJson) : null);
        }
        catch (JsonException)
        {
            return (run, null);
        }
    }

    private static Dictionary<string, string> PsqlEnvironment(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var environment = new Dictionary<string, string>
        {
            ["PGHOST"] = builder.Host ?? "localhost",
            ["PGPORT"] = builder.Port.ToString(CultureInfo.InvariantCulture),
            ["PGDATABASE"] = builder.Database ?? "",
            ["PGUSER"] = builder.Username ?? Environment.UserName,
        };
        if (builder.Password is { } password)
        {
            environment["PGPASSWORD"] = password;
        }

        if (builder.SslMode is SslMode.Require or SslMode.VerifyCA or SslMode.VerifyFull)
        {
            environment["PGSSLMODE"] = builder.SslMode switch { SslMode.VerifyCA => "verify-ca", SslMode.VerifyFull => "verify-full", _ => "require" };
        }

        return environment;
    }

    private static int Fail(string what, ProcessRun run)
    {
        Console.Error.WriteLine($"Benchmark failed: {what}.");
        Console.Error.WriteLine(run.Output.Length > 4000 ? run.Output[..4000] : run.Output);
        Console.Error.WriteLine(run.Errors.Length > 4000 ? run.Errors[^4000..] : run.Errors);
        return 1;
    }

    private static double Seconds(ProcessRun run) => Math.Round(run.Elapsed.TotalSeconds, 3);

    internal static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
}
