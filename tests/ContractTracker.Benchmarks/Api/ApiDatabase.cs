using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ContractTracker.Benchmarks.Generator;
using ContractTracker.Benchmarks.Import;
using ContractTracker.Database;
using ContractTracker.Ingest;
using Npgsql;

namespace ContractTracker.Benchmarks.Api;

/// <summary>The benchmark database as the run found or built it.</summary>
/// <param name="BuildSeconds">Generating, migrating, importing and vacuuming, when this database's build was timed; null when that is not known.</param>
internal sealed record BenchmarkDatabase(string Name, string ConnectionString, long Bytes, bool Reused, double? BuildSeconds, BuildTimes? Times);

/// <summary>How long each step of a build took, kept as the database's comment so later runs can report it.</summary>
internal sealed record BuildTimes(
    DateTimeOffset BuiltAt, string File, double GenerateSeconds, double MigrateSeconds, double ImportSeconds, double VacuumSeconds, long? ImportPeakRssBytes)
{
    public double TotalSeconds => Math.Round(GenerateSeconds + MigrateSeconds + ImportSeconds + VacuumSeconds, 1);
}

/// <summary>
/// The persistent database the API benchmark reads: created on first use with the generator and the real importer (the
/// API executable's <c>migrate</c> and <c>import</c> verbs, as child processes), then vacuumed and analysed. A later run
/// reuses it when its import runs show every record of the current generator version's file loaded; otherwise, or with
/// <c>--rebuild</c>, it is dropped and built again.
/// </summary>
internal static class ApiDatabase
{
    private static readonly JsonSerializerOptions SummaryJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private static readonly JsonSerializerOptions CommentJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static async Task<BenchmarkDatabase> EnsureAsync(RepositoryPaths paths, string server, ApiDataSet set, bool rebuild, CancellationToken ct)
    {
        var name = set.DatabaseName;
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString;
        var exists = await ScalarAsync<bool>(admin, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = @p)", name, ct);
        if (exists && !rebuild)
        {
            var loaded = await LoadedRecordsAsync(connectionString, set.FileName, ct);
            if (loaded == set.Records)
            {
                var times = await ReadTimesAsync(admin, name, ct);
                if (times is null)
                {
                    // Loaded, but the build stopped before its VACUUM (ANALYZE) and comment (or was made by hand).
                    Console.WriteLine($"Database {name} holds {set.FileName} but was not vacuumed by the harness; VACUUM (ANALYZE) ...");
                    await ExecuteAsync(connectionString, "VACUUM (ANALYZE)", ct);
                }

                // Later migrations (new tables, indexes) apply to a reused database as they would to a deployed one.
                var migrate = await MeasuredProcess.RunAsync("dotnet", [paths.ApiAssembly, "migrate"],
                    new Dictionary<string, string> { [DatabaseUrl.EnvironmentVariable] = connectionString }, ct);
                if (migrate.ExitCode != 0)
                {
                    throw new BenchmarkFailure($"migrate failed (exit code {migrate.ExitCode}):\n{Tail(migrate.Output)}\n{Tail(migrate.Errors)}");
                }

                Console.WriteLine($"Reusing database {name}: {loaded:N0} records of {set.FileName}.");
                return new BenchmarkDatabase(name, connectionString, await SizeAsync(admin, name, ct), true, times?.TotalSeconds, times);
            }

            Console.WriteLine($"Database {name} holds {loaded:N0} records of {set.FileName}, not {set.Records:N0}: rebuilding it.");
        }

        if (exists)
        {
            Console.WriteLine($"Dropping database {name} ...");
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", ct);
        }

        var built = await BuildAsync(paths, set, connectionString, ct);
        await ExecuteAsync(admin, $"COMMENT ON DATABASE \"{name}\" IS '{JsonSerializer.Serialize(built, CommentJson).Replace("'", "''", StringComparison.Ordinal)}'", ct);
        return new BenchmarkDatabase(name, connectionString, await SizeAsync(admin, name, ct), false, built.TotalSeconds, built);
    }

    private static async Task<BuildTimes> BuildAsync(RepositoryPaths paths, ApiDataSet set, string connectionString, CancellationToken ct)
    {
        var (file, generateSeconds) = EnsureInput(paths, set);
        WarnIfDiskIsShort(paths, set);
        var environment = new Dictionary<string, string> { [DatabaseUrl.EnvironmentVariable] = connectionString };

        Console.WriteLine($"Creating and migrating {set.DatabaseName} ...");
        var migrate = await MeasuredProcess.RunAsync("dotnet", [paths.ApiAssembly, "migrate"], environment, ct);
        if (migrate.ExitCode != 0)
        {
            throw new BenchmarkFailure($"migrate failed (exit code {migrate.ExitCode}):\n{Tail(migrate.Output)}\n{Tail(migrate.Errors)}");
        }

        Console.WriteLine($"Importing {set.Records:N0} records with the importer (several minutes at 5,000,000) ...");
        var import = await MeasuredProcess.RunAsync("dotnet",
            [paths.ApiAssembly, "import", file, "--json", "--source", "benchmark", "--synthetic"], environment, ct);
        ImportRunSummary? summary = null;
        try
        {
            summary = import.ExitCode == 0 ? JsonSerializer.Deserialize<ImportRunSummary>(import.Output, SummaryJson) : null;
        }
        catch (JsonException)
        {
            // Reported below with the process's output.
        }

        var inserted = summary?.Files.Where(f => f.Status == ImportStatus.Succeeded).Sum(f => f.Counts.Inserted) ?? 0;
        if (summary is null || summary.Files.Any(f => f.Status != ImportStatus.Succeeded) || inserted != set.Records)
        {
            throw new BenchmarkFailure($"the import did not insert all {set.Records:N0} records (inserted {inserted:N0}, exit code {import.ExitCode}):\n"
                + $"{Tail(import.Output)}\n{Tail(import.Errors)}");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Imported {inserted:N0} records in {import.Elapsed.TotalSeconds:N1} s; VACUUM (ANALYZE) ..."));
        var clock = Stopwatch.StartNew();
        await ExecuteAsync(connectionString, "VACUUM (ANALYZE)", ct);
        var vacuumSeconds = clock.Elapsed.TotalSeconds;
        return new BuildTimes(DateTimeOffset.UtcNow, set.FileName, Math.Round(generateSeconds, 1), Math.Round(migrate.Elapsed.TotalSeconds, 1),
            Math.Round(import.Elapsed.TotalSeconds, 1), Math.Round(vacuumSeconds, 1), import.PeakRssBytes);
    }

    /// <summary>The zip of parts, generated once into the git-ignored work folder (about 0.5 GB at 5,000,000 records; 11.5 GB of CSV inside).</summary>
    private static (string File, double Seconds) EnsureInput(RepositoryPaths paths, ApiDataSet set)
    {
        var file = Path.Combine(paths.Work, set.FileName);
        if (File.Exists(file))
        {
            Console.WriteLine($"Using {Path.GetRelativePath(paths.Root, file)}");
            return (file, 0);
        }

        Console.WriteLine($"Generating {set.Records:N0} records ({set.Vendors:N0} vendors) into {Path.GetRelativePath(paths.Root, file)} ...");
        var partial = file + ".partial";
        var summary = SyntheticFile.Write(set.Request(partial));
        File.Move(partial, file, overwrite: true);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Generated {summary.Awards:N0} awards, {summary.Vendors:N0} vendors: {summary.Bytes / 1e6:N0} MB ({summary.CsvBytes / 1e6:N0} MB of CSV) in {summary.Elapsed.TotalSeconds:N1} s"));
        return (file, summary.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The database takes about 4.6 GB per 1,000,000 records, and the importer extracts one 2.3 GB part at a time into
    /// CT_WORK_DIR (the temp folder by default).
    /// </summary>
    private static void WarnIfDiskIsShort(RepositoryPaths paths, ApiDataSet set)
    {
        var needed = set.Records / 1_000_000.0 * 4.6e9 + 2.5e9;
        var free = new DriveInfo(Path.GetPathRoot(Path.GetFullPath(paths.Work))!).AvailableFreeSpace;
        if (free < needed)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Warning: {free / 1e9:N1} GB free where the work folder is; the build needs about {needed / 1e9:N0} GB if the database server shares the disk."));
        }
    }

    /// <summary>Records of the data set's file that its import runs applied; 0 for a database without the schema.</summary>
    private static async Task<long> LoadedRecordsAsync(string connectionString, string fileName, CancellationToken ct)
    {
        try
        {
            return await ScalarAsync<long>(connectionString,
                "SELECT coalesce(sum(inserted), 0)::bigint FROM import_files WHERE container_name = @p AND status = 'succeeded'", fileName, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
    }

    private static async Task<BuildTimes?> ReadTimesAsync(string admin, string name, CancellationToken ct)
    {
        var comment = await ScalarAsync<string?>(admin,
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = @p", name, ct);
        try
        {
            return comment is null ? null : JsonSerializer.Deserialize<BuildTimes>(comment, CommentJson);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Task<long> SizeAsync(string admin, string name, CancellationToken ct) =>
        ScalarAsync<long>(admin, "SELECT pg_database_size(@p)", name, ct);

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql, string parameter, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("p", parameter);
        var value = await command.ExecuteScalarAsync(ct);
        return value is DBNull ? default! : (T)value!;
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }

    private static string Tail(string text) => text.Length > 4000 ? text[^4000..] : text;
}

/// <summary>A step of the benchmark that could not be done; the message says what and why.</summary>
internal sealed class BenchmarkFailure(string message) : Exception(message);
