using Microsoft.Extensions.Logging;
using Npgsql;

namespace ContractTracker.Ingest;

/// <summary>
/// Loads <c>seed-data/</c> into an empty database through the import pipeline: the real USAspending sample rows, and
/// the generated demo set, recorded as a synthetic source so it can never be mistaken for real spending.
/// </summary>
public sealed class SeedData(Importer importer, NpgsqlDataSource dataSource, ILogger<SeedData> logger)
{
    public const string RealSource = "seed: USAspending sample rows";
    public const string SyntheticSource = "seed: synthetic demo data (fictional vendors)";

    public async Task<IReadOnlyList<ImportRunSummary>> LoadIfEmptyAsync(string seedDirectory, CancellationToken ct)
    {
        await using (var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM import_runs) OR EXISTS (SELECT 1 FROM transactions)"))
        {
            if ((bool)(await command.ExecuteScalarAsync(ct))!)
            {
                logger.LogInformation("The database already holds data; seed data not loaded");
                return [];
            }
        }

        var real = Files(Path.Combine(seedDirectory, "usaspending-sample"));
        var synthetic = Files(Path.Combine(seedDirectory, "synthetic-demo"));
        var runs = new List<ImportRunSummary>();
        if (real.Count > 0)
        {
            runs.Add(await importer.ImportAsync(new ImportRequest(real, RealSource), null, ct));
        }

        if (synthetic.Count > 0)
        {
            runs.Add(await importer.ImportAsync(new ImportRequest(synthetic, SyntheticSource, IsSynthetic: true), null, ct));
        }

        logger.LogInformation("Seed data loaded from {Directory}: {Files} file(s)", seedDirectory, real.Count + synthetic.Count);
        return runs;
    }

    /// <summary>The <c>seed-data</c> folder: <c>CT_SEED_DIR</c>, or the nearest one above the working folder or the program.</summary>
    public static string? Locate(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Directory.Exists(configured) ? Path.GetFullPath(configured) : null;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "seed-data");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static List<string> Files(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory)
                .Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];
}
