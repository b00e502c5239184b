using Npgsql;

namespace ContractTracker.Provenance;

/// <summary>A source file a number stands on: what it was, its SHA-256, and the import that loaded it.</summary>
public sealed record SourceFile(
    long ImportFileId, string FileName, string? ContainerName, string Sha256, DateTimeOffset? ImportedAt,
    long ImportRunId, string Source, bool IsSynthetic);

/// <summary>What an answer stands on: the data's refresh time and the files behind the numbers.</summary>
/// <param name="DataAsOf">When the last successful import finished: the database's state is as of that refresh.</param>
/// <param name="SourceFiles">The import files of the records behind the answer.</param>
/// <param name="IncludesSyntheticData">True when any of those files is generated demo data, not real spending.</param>
public sealed record Citation(DateTimeOffset? DataAsOf, IReadOnlyList<SourceFile> SourceFiles, bool IncludesSyntheticData);

/// <summary>Builds <see cref="Citation"/>s from the import files recorded with every transaction.</summary>
public sealed class Citations(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// The data's version, one statement: when the last successful import finished. A query ends its own batch with it (read
    /// with <see cref="ReadDataAsOf"/>), so its answer and the answer's data as of come in one round trip.
    /// </summary>
    public const string DataAsOfSql = "SELECT max(finished_at) FROM import_files WHERE status = 'succeeded'";

    private const string FilesSql = """
        SELECT f.id, f.file_name, f.container_name, f.sha256, f.finished_at, r.id, r.source, r.is_synthetic,
               f.status = 'succeeded' AND f.finished_at IS NOT NULL AS settled
        FROM import_files f JOIN import_runs r ON r.id = f.import_run_id
        WHERE f.id = ANY(@ids)
        ORDER BY f.id
        """;

    /// <summary>An answer cites a few files, and a database holds thousands at most.</summary>
    private readonly AsOfCache<long, SourceFile> _files = new(capacity: 10_000);

    /// <summary>The value of <see cref="DataAsOfSql"/>, the reader standing on its row.</summary>
    public static DateTimeOffset? ReadDataAsOf(NpgsqlDataReader reader) =>
        reader.IsDBNull(0) ? null : reader.GetFieldValue<DateTimeOffset>(0);

    /// <summary>The value of <see cref="DataAsOfSql"/> when it is the reader's next result (a batch ends with it).</summary>
    public static async Task<DateTimeOffset?> ReadNextDataAsOfAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        return ReadDataAsOf(reader);
    }

    /// <summary>
    /// What the whole data set stands on: every file whose import loaded or changed records. A file answer states it in its
    /// headers before its rows are read; a packaged answer also cites exactly the files of its rows.
    /// </summary>
    public async Task<Citation> ForDataSetAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT id FROM import_files WHERE status = 'succeeded' AND inserted + updated > 0");
        var ids = new List<long>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                ids.Add(reader.GetInt64(0));
            }
        }

        return await ForFilesAsync(ids, ct);
    }

    /// <summary>The files and the data as of now, read from the database in one round trip.</summary>
    public async Task<Citation> ForFilesAsync(IEnumerable<long> importFileIds, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"{DataAsOfSql};\n{FilesSql}");
        command.Parameters.AddWithValue("ids", importFileIds.Distinct().Order().ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var asOf = ReadDataAsOf(reader);
        await reader.NextResultAsync(ct);
        var files = new List<SourceFile>();
        while (await reader.ReadAsync(ct))
        {
            files.Add(ReadFile(reader));
        }

        return new Citation(asOf, files, files.Any(f => f.IsSynthetic));
    }

    /// <summary>
    /// The files of an answer whose query read <paramref name="dataAsOf"/> (<see cref="DataAsOfSql"/>) in its own round trip.
    /// The file of a successful import never changes again, so such files are kept per data version and a repeated
    /// question reads nothing; only files not kept yet are read.
    /// </summary>
    public async ValueTask<Citation> ForFilesAsync(IEnumerable<long> importFileIds, DateTimeOffset? dataAsOf, CancellationToken ct)
    {
        // The caller read the version before this reads any file, so no file is kept under a version it is newer than.
        var kept = _files.For(dataAsOf);
        var (found, missing) = kept.Split(importFileIds);
        var files = found.Select(f => f.Value).ToList();
        if (missing.Count > 0)
        {
            await using var command = dataSource.CreateCommand(FilesSql);
            command.Parameters.AddWithValue("ids", missing.ToArray());
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var file = ReadFile(reader);
                files.Add(file);
                if (reader.GetBoolean(8))
                {
                    kept.Add(file.ImportFileId, file);
                }
            }
        }

        files.Sort((a, b) => a.ImportFileId.CompareTo(b.ImportFileId));

        return new Citation(dataAsOf, files, files.Any(f => f.IsSynthetic));
    }

    private static SourceFile ReadFile(NpgsqlDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4), reader.GetInt64(5), reader.GetString(6), reader.GetBoolean(7));
}
