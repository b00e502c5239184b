using ContractTracker.Database;
using ContractTracker.Ingest.Format;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ContractTracker.Ingest;

/// <summary>
/// The import pipeline behind both doors (the CLI verb and the Hangfire job). Each CSV applies in its own
/// transaction, so a crash or a cancel leaves the database as it was before that file; one import runs at a time.
/// Every run and every file is recorded, refused and failed ones too.
/// </summary>
public sealed class Importer(NpgsqlDataSource dataSource, ImportOptions options, ILogger<Importer> logger, TimeProvider time)
{
    /// <summary>The advisory lock key that serialises imports across processes ("ct-import").</summary>
    public const long ImportLockKey = 0x63742D696D706F;

    private readonly FileLoader _loader = new(new SourceRecordValidator(), options, logger);

    public async Task<ImportRunSummary> ImportAsync(ImportRequest request, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var connection = await OpenImportConnectionAsync(ct);
        await AcquireImportLockAsync(connection, ct);
        var workDirectory = Path.Combine(options.WorkDirectory, $"import-{Guid.NewGuid():N}");
        try
        {
            await MarkInterruptedAsync(ct);
            var started = time.GetUtcNow();
            var runId = await ScalarAsync<long>(
                "INSERT INTO import_runs (source, is_synthetic, status, started_at) VALUES (@source, @synthetic, 'running', @started) RETURNING id",
                ct, ("source", request.Source), ("synthetic", request.IsSynthetic), ("started", started));
            logger.LogInformation("Import run {RunId} from {Source} started with {Paths} path(s)", runId, request.Source, request.Paths.Count);

            var files = new List<ImportFileSummary>();
            try
            {
                foreach (var path in request.Paths)
                {
                    IReadOnlyList<CsvInput> inputs;
                    try
                    {
                        inputs = await ImportInputs.ExpandAsync(path, workDirectory, options.ZipLimits, ct);
                    }
                    catch (Exception e) when (e is InvalidDataException or FileNotFoundException or IOException)
                    {
                        files.Add(await RecordUnreadableAsync(runId, path, e.Message, ct));
                        continue;
                    }

                    if (inputs.Count == 0)
                    {
                        files.Add(await RecordUnreadableAsync(runId, path, "the zip holds no .csv member", ct));
                    }

                    foreach (var input in inputs)
                    {
                        files.Add(await ImportFileAsync(connection, runId, input, request.Force, progress, ct));
                    }
                }
            }
            finally
            {
                var status = ct.IsCancellationRequested ? ImportStatus.Cancelled : RunStatus(files);
                await ExecuteAsync("UPDATE import_runs SET status = @status, finished_at = @finished WHERE id = @id",
                    CancellationToken.None, ("status", SnakeCaseEnumConverter<ImportStatus>.ToDb(status)), ("finished", time.GetUtcNow()), ("id", runId));
            }

            var summary = new ImportRunSummary(runId, RunStatus(files), request.Source, request.IsSynthetic, started, time.GetUtcNow(), files);
            logger.LogInformation("Import run {RunId} finished: {Status}", runId, summary.Status);
            return summary;
        }
        finally
        {
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({ImportLockKey})", CancellationToken.None);
            }

            if (Directory.Exists(workDirectory))
            {
                Directory.Delete(workDirectory, recursive: true);
            }
        }
    }

    private async Task<ImportFileSummary> ImportFileAsync(
        NpgsqlConnection connection, long runId, CsvInput input, bool force, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var verdict = ReadHeader(input);
        var fileId = await ScalarAsync<long>("""
            INSERT INTO import_files (import_run_id, file_name, container_name, sha256, size_bytes, kind, header, status, started_at, message,
                                      records_read, inserted, updated, deleted, unchanged, stale, superseded, rejected)
            VALUES (@run, @name, @container, @sha, @size, @kind, @header, @status, @started, @message, 0, 0, 0, 0, 0, 0, 0, 0)
            RETURNING id
            """, ct,
            ("run", runId), ("name", input.FileName), ("container", (object?)input.ContainerName ?? DBNull.Value), ("sha", input.Sha256),
            ("size", input.SizeBytes),
            ("kind", verdict.Layout is null ? DBNull.Value : SnakeCaseEnumConverter<SourceFileKind>.ToDb(verdict.Layout.Kind)),
            ("header", (object?)verdict.Layout?.Header ?? DBNull.Value),
            ("status", SnakeCaseEnumConverter<ImportStatus>.ToDb(verdict.Layout is null ? ImportStatus.Refused : ImportStatus.Running)),
            ("started", time.GetUtcNow()),
            ("message", (object?)(verdict.Refusal is null ? null : $"Refused: {verdict.Refusal}.") ?? DBNull.Value));

        if (verdict.Layout is null)
        {
            await ExecuteAsync("UPDATE import_files SET finished_at = now() WHERE id = @id", CancellationToken.None, ("id", fileId));
            logger.LogWarning("Refused {File}: {Reason}", input.FileName, verdict.Refusal);
            return await SummarizeAsync(fileId, ct);
        }

        if (!force)
        {
            var earlier = await ScalarAsync<long?>(
                "SELECT min(id) FROM import_files WHERE sha256 = @sha AND status = 'succeeded' AND id <> @id", ct, ("sha", input.Sha256), ("id", fileId));
            if (earlier is { } earlierId)
            {
                await ExecuteAsync("""
                    UPDATE import_files SET status = 'already_imported', duplicate_of_file_id = @earlier, finished_at = now(),
                        message = 'The same bytes (SHA-256) were imported as file ' || @earlier || '; nothing to do. Use --force to apply them again.'
                    WHERE id = @id
                    """, ct, ("earlier", earlierId), ("id", fileId));
                logger.LogInformation("{File} was already imported as file {Earlier}", input.FileName, earlierId);
                return await SummarizeAsync(fileId, ct);
            }
        }

        logger.LogInformation("Importing {File} ({Bytes} bytes, {Kind}) as file {FileId}", input.FileName, input.SizeBytes, verdict.Layout.Kind, fileId);
        try
        {
            await using (var transaction = await connection.BeginTransactionAsync(ct))
            {
                var counts = await _loader.LoadAsync(connection, fileId, input, verdict.Layout, progress, ct);
                await ExecuteAsync(connection, """
                    UPDATE import_files SET status = 'succeeded', finished_at = clock_timestamp(),
                        records_read = @read, inserted = @inserted, updated = @updated, deleted = @deleted, unchanged = @unchanged,
                        stale = @stale, superseded = @superseded, rejected = @rejected
                    WHERE id = @id
                    """, ct,
                    ("read", counts.RecordsRead), ("inserted", counts.Inserted), ("updated", counts.Updated), ("deleted", counts.Deleted),
                    ("unchanged", counts.Unchanged), ("stale", counts.Stale), ("superseded", counts.Superseded), ("rejected", counts.Rejected),
                    ("id", fileId));
                await transaction.CommitAsync(ct);
                logger.LogInformation(
                    "Imported {File}: {Read} read, {Inserted} inserted, {Updated} updated, {Deleted} deleted, {Unchanged} unchanged, {Stale} stale, {Superseded} superseded, {Rejected} rejected",
                    input.FileName, counts.RecordsRead, counts.Inserted, counts.Updated, counts.Deleted, counts.Unchanged, counts.Stale, counts.Superseded, counts.Rejected);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || ct.IsCancellationRequested)
        {
            var cancelled = e is OperationCanceledException;
            logger.LogError(cancelled ? null : e, "{File} was not applied: {Reason}", input.FileName, cancelled ? "cancelled" : e.Message);
            await ExecuteAsync("UPDATE import_files SET status = @status, finished_at = now(), message = @message WHERE id = @id",
                CancellationToken.None,
                ("status", SnakeCaseEnumConverter<ImportStatus>.ToDb(cancelled ? ImportStatus.Cancelled : ImportStatus.Failed)),
                ("message", cancelled ? "Cancelled; the file's changes were rolled back." : $"Failed; the file's changes were rolled back: {e.Message}"),
                ("id", fileId));
            if (cancelled)
            {
                throw;
            }
        }

        return await SummarizeAsync(fileId, ct);
    }

    private static HeaderVerdict ReadHeader(CsvInput input)
    {
        try
        {
            using var reader = FileLoader.OpenReader(input.Path, null);
            return FileLayout.Inspect(reader.Headers);
        }
        catch (CsvHelper.CsvFormatException e)
        {
            return HeaderVerdict.Refuse($"the header row cannot be read as CSV ({e.Message})");
        }
    }

    private async Task<ImportFileSummary> RecordUnreadableAsync(long runId, string path, string reason, CancellationToken ct)
    {
        var fileId = await ScalarAsync<long>("""
            INSERT INTO import_files (import_run_id, file_name, sha256, size_bytes, status, started_at, finished_at, message,
                                      records_read, inserted, updated, deleted, unchanged, stale, superseded, rejected)
            VALUES (@run, @name, '', @size, 'refused', @now, @now, @message, 0, 0, 0, 0, 0, 0, 0, 0)
            RETURNING id
            """, ct,
            ("run", runId), ("name", Path.GetFileName(path)), ("size", File.Exists(path) ? new FileInfo(path).Length : 0L),
            ("now", time.GetUtcNow()), ("message", $"Refused: {reason}."));
        logger.LogWarning("Refused {Path}: {Reason}", path, reason);
        return await SummarizeAsync(fileId, ct);
    }

    private async Task<ImportFileSummary> SummarizeAsync(long fileId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rejects = new List<RejectSample>();
        await using (var command = new NpgsqlCommand(
            "SELECT record_number, line_number, column_name, reason FROM import_rejects WHERE import_file_id = @id ORDER BY record_number LIMIT 10", connection))
        {
            command.Parameters.AddWithValue("id", fileId);
            await using var rows = await command.ExecuteReaderAsync(ct);
            while (await rows.ReadAsync(ct))
            {
                rejects.Add(new RejectSample(rows.GetInt64(0), rows.GetInt64(1), rows.IsDBNull(2) ? null : rows.GetString(2), rows.GetString(3)));
            }
        }

        await using (var command = new NpgsqlCommand("""
            SELECT file_name, container_name, sha256, size_bytes, kind, status, message, duplicate_of_file_id,
                   records_read, inserted, updated, deleted, unchanged, stale, superseded, rejected
            FROM import_files WHERE id = @id
            """, connection))
        {
            command.Parameters.AddWithValue("id", fileId);
            await using var row = await command.ExecuteReaderAsync(ct);
            await row.ReadAsync(ct);
            return new ImportFileSummary(
                fileId, row.GetString(0), row.IsDBNull(1) ? null : row.GetString(1), row.GetString(2), row.GetInt64(3),
                row.IsDBNull(4) ? null : SnakeCaseEnumConverter<SourceFileKind>.FromDb(row.GetString(4)),
                SnakeCaseEnumConverter<ImportStatus>.FromDb(row.GetString(5)), row.IsDBNull(6) ? null : row.GetString(6),
                row.IsDBNull(7) ? null : row.GetInt64(7),
                new FileCounts(row.GetInt64(8), row.GetInt64(9), row.GetInt64(10), row.GetInt64(11), row.GetInt64(12), row.GetInt64(13),
                    row.GetInt64(14), row.GetInt64(15)),
                rejects);
        }
    }

    /// <summary>
    /// A connection of its own (not from the pool), so its session can be given the memory an import's temporary tables and
    /// sorts need: PostgreSQL's defaults (8 MB of temporary buffers, 4 MB per sort) send them to disk.
    /// </summary>
    private async Task<NpgsqlConnection> OpenImportConnectionAsync(CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString)
        {
            Pooling = false,
            CommandTimeout = 0,
            // JIT compiles each big statement anew (about 0.3 s each here) for plans that run once.
            Options = $"-c temp_buffers={options.TempBuffers} -c work_mem={options.WorkMem} -c maintenance_work_mem={options.WorkMem} -c jit=off",
        };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    private async Task AcquireImportLockAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using (var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({ImportLockKey})", connection))
        {
            if ((bool)(await command.ExecuteScalarAsync(ct))!)
            {
                return;
            }
        }

        logger.LogInformation("Another import is running; waiting for it to finish");
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({ImportLockKey})", ct);
    }

    /// <summary>Holding the import lock, any file still marked running belongs to a process that died mid-import.</summary>
    private Task MarkInterruptedAsync(CancellationToken ct) =>
        ExecuteAsync("""
            UPDATE import_files SET status = 'interrupted', finished_at = now(),
                message = 'The importing process stopped before this file was applied; its changes were rolled back. Import it again.'
            WHERE status = 'running';
            UPDATE import_runs SET status = 'interrupted', finished_at = now() WHERE status = 'running';
            """, ct);

    private static ImportStatus RunStatus(IReadOnlyCollection<ImportFileSummary> files)
    {
        if (files.Count == 0 || files.All(f => f.Status is ImportStatus.Succeeded or ImportStatus.AlreadyImported))
        {
            return ImportStatus.Succeeded;
        }

        if (files.Any(f => f.Status == ImportStatus.Cancelled))
        {
            return ImportStatus.Cancelled;
        }

        if (files.Any(f => f.Status is ImportStatus.Succeeded or ImportStatus.AlreadyImported))
        {
            return ImportStatus.PartiallySucceeded;
        }

        return files.Any(f => f.Status == ImportStatus.Failed) ? ImportStatus.Failed : ImportStatus.Refused;
    }

    /// <summary>Bookkeeping runs on connections of its own, so it is recorded even when the import's connection is lost.</summary>
    private async Task<T> ScalarAsync<T>(string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var result = await command.ExecuteScalarAsync(ct);
        return result is DBNull or null ? default! : (T)result;
    }

    private async Task ExecuteAsync(string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>Settings of the import pipeline.</summary>
public sealed class ImportOptions
{
    /// <summary>Where zip members are extracted while they are imported (<c>CT_WORK_DIR</c>).</summary>
    public string WorkDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "contracttracker");

    public ZipLimits ZipLimits { get; set; } = new();

    /// <summary>
    /// A file of at least this many new records loaded into an empty <c>transactions</c> table is a first load: the table's
    /// secondary indexes are built after the COPY, and the rows are written frozen.
    /// </summary>
    public long FirstLoadThreshold { get; set; } = 50_000;

    /// <summary>
    /// The load pass sends its partial aggregates (awards and recipient groups) whenever it holds this many, so its memory
    /// stays flat whatever the file.
    /// </summary>
    public int PartialsFlushThreshold { get; set; } = 100_000;

    /// <summary>PostgreSQL <c>temp_buffers</c> for the import session: the check pass and the derivation use temporary tables.</summary>
    public string TempBuffers { get; set; } = "1GB";

    /// <summary>PostgreSQL <c>work_mem</c> for the import session: the plan and the derivation sort and aggregate whole files.</summary>
    public string WorkMem { get; set; } = "256MB";
}
