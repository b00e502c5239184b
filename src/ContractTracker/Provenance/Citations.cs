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

    public async Task<Citation> ForFilesAsync(IEnumerable<long> importFileIds, CancellationToken ct)
    {
        var ids = importFileIds.Distinct().Order().ToArray();
        await using var command = dataSource.CreateCommand("""
            SELECT (SELECT max(finished_at) FROM import_files WHERE status = 'succeeded');
            SELECT f.id, f.file_name, f.container_name, f.sha256, f.finished_at, r.id, r.source, r.is_synthetic
            FROM import_files f JOIN import_runs r ON r.id = f.import_run_id
            WHERE f.id = ANY(@ids)
            ORDER BY f.id;
            """);
        command.Parameters.AddWithValue("ids", ids);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var asOf = reader.IsDBNull(0) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(0);
        await reader.NextResultAsync(ct);
        var files = new List<SourceFile>();
        while (await reader.ReadAsync(ct))
        {
            files.Add(new SourceFile(
                reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4), reader.GetInt64(5), reader.GetString(6), reader.GetBoolean(7)));
        }

        return new Citation(asOf, files, files.Any(f => f.IsSynthetic));
    }
}
