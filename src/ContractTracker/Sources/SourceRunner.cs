using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContractTracker.Database;
using ContractTracker.Downloads;
using ContractTracker.Ingest;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ContractTracker.Sources;

/// <summary>How a source run ended.</summary>
public sealed record SourceRunOutcome(long RunId, SourceRunStatus Status, string? Message, long? ImportRunId);

/// <summary>
/// Runs a source: finds its files, downloads every one of them, and only then imports them through the
/// <see cref="Importer"/> under the source's name, so a download that finally fails leaves the data exactly as it was.
/// One run per source at a time (a PostgreSQL advisory lock), recorded in <c>source_runs</c> with live progress.
/// </summary>
public sealed class SourceRunner(
    NpgsqlDataSource dataSource, Importer importer, UsaspendingClient usaspending, FileDownloader downloader, DownloadOptions options,
    ILogger<SourceRunner> logger, TimeProvider time)
{
    /// <summary>The advisory lock class of source runs ("ctsr"); the source id is the lock's second key.</summary>
    public const int RunLockClass = 0x63747372;

    private const string NothingImported = "Nothing was imported; the data is as it was.";

    /// <summary>
    /// Records a run that a job will start, unless a run of the source is going on right now (then null).
    /// </summary>
    public async Task<long?> QueueAsync(long sourceId, SourceRunTrigger trigger, CancellationToken ct)
    {
        if (await IsRunningAsync(sourceId, ct))
        {
            return null;
        }

        return await InsertRunAsync(sourceId, trigger, ct);
    }

    /// <summary>Whether a process holds the source's run lock.</summary>
    public async Task<bool> IsRunningAsync(long sourceId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid::bigint = @class AND objid::bigint = @id AND objsubid = 2 AND granted)");
        command.Parameters.AddWithValue("class", (long)(uint)RunLockClass);
        command.Parameters.AddWithValue("id", sourceId);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Runs the source now: <paramref name="runId"/> is a run recorded by <see cref="QueueAsync"/>, or null to record one.</summary>
    public async Task<SourceRunOutcome> RunAsync(long sourceId, long? runId, SourceRunTrigger trigger, CancellationToken ct)
    {
        var id = runId ?? await InsertRunAsync(sourceId, trigger, ct);
        await using var lockConnection = await dataSource.OpenConnectionAsync(ct);
        if (!await TryLockAsync(lockConnection, sourceId, ct))
        {
            logger.LogInformation("Source {SourceId} is already running; run {RunId} skipped", sourceId, id);
            return await FinishAsync(id, SourceRunStatus.Skipped, "Another run of this source was in progress; this one did nothing.", null);
        }

        try
        {
            await ExecuteAsync("""
                UPDATE source_runs SET status = 'interrupted', finished_at = now(),
                    message = 'The process running it stopped. Files it had applied stay; the file being applied was rolled back.'
                WHERE source_id = @source AND status = 'running' AND id <> @run;
                UPDATE source_runs SET status = 'running', started_at = now(), phase = 'finding' WHERE id = @run;
                """, ct, ("source", sourceId), ("run", id));
            var source = await LoadAsync(sourceId, ct);
            if (source is null)
            {
                return await FinishAsync(id, SourceRunStatus.Failed, "The source was deleted.", null);
            }

            logger.LogInformation("Source run {RunId} of {Source} started", id, source.Name);
            var started = time.GetUtcNow();
            await using var progress = new RunProgress(dataSource, id, options.ProgressInterval, time);
            List<FetchedFile> fetched;
            try
            {
                fetched = await FetchAllAsync(source, id, progress, ct);
            }
            catch (Exception e) when (e is DownloadFailedException or DownloadRefusedException or HttpRequestException or IOException or TimeoutException)
            {
                logger.LogWarning("Source run {RunId} of {Source} failed before importing: {Reason}", id, source.Name, e.Message);
                return await FinishAsync(id, SourceRunStatus.Failed, $"{e.Message} {NothingImported}", null);
            }

            var toImport = fetched.Where(f => !f.AppliedBefore).DistinctBy(f => f.Sha256).ToList();
            if (toImport.Count == 0)
            {
                var nothing = fetched.Count == 0 ? "Nothing to fetch." : $"Nothing new: {fetched.Count} file(s) unchanged since they were applied.";
                await AdvanceChangedSinceAsync(source, started, ct);
                return await FinishAsync(id, SourceRunStatus.Succeeded, nothing, null);
            }

            progress.SetPhase("importing", null);
            var summary = await importer.ImportAsync(new ImportRequest(toImport.Select(f => f.Path).ToList(), source.Name), progress, ct);
            var (status, message) = Outcome(summary);
            if (status == SourceRunStatus.Succeeded)
            {
                await downloader.MarkAppliedAsync(toImport.Select(f => f.DownloadId), ct);
                await AdvanceChangedSinceAsync(source, started, ct);
            }

            return await FinishAsync(id, status, message, summary.RunId);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await FinishAsync(id, SourceRunStatus.Cancelled,
                "Cancelled. Files already applied stay; the file being applied was rolled back.", null);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Source run {RunId} failed", id);
            return await FinishAsync(id, SourceRunStatus.Failed, $"The run failed: {e.Message}", null);
        }
        finally
        {
            if (lockConnection.State == System.Data.ConnectionState.Open)
            {
                await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@class, @id)", lockConnection);
                unlock.Parameters.AddWithValue("class", RunLockClass);
                unlock.Parameters.AddWithValue("id", checked((int)sourceId));
                await unlock.ExecuteScalarAsync(CancellationToken.None);
            }
        }
    }

    /// <summary>The fiscal year a date falls in (October to September).</summary>
    public static int FiscalYearOf(DateOnly date) => date.Month >= 10 ? date.Year + 1 : date.Year;

    /// <summary>
    /// Splits a date range into requests within USAspending's one-year limit ("date_range total days must be within a year").
    /// </summary>
    public static IReadOnlyList<(DateOnly Start, DateOnly End)> YearChunks(DateOnly start, DateOnly end)
    {
        var chunks = new List<(DateOnly, DateOnly)>();
        for (var from = start; from <= end; from = from.AddYears(1))
        {
            var to = from.AddYears(1).AddDays(-1);
            chunks.Add((from, to < end ? to : end));
        }

        return chunks;
    }

    private async Task<List<FetchedFile>> FetchAllAsync(LoadedSource source, long runId, RunProgress progress, CancellationToken ct)
    {
        var fetched = new List<FetchedFile>();
        var definition = source.Definition;
        switch (source.Kind)
        {
            case SourceKind.AwardDataArchive:
                foreach (var file in await FindArchiveFilesAsync(definition.Archive!, ct))
                {
                    fetched.Add(await FetchAsync(runId, file.Url, file.FileName, progress, ct));
                }

                break;
            case SourceKind.CustomAwardData:
                fetched.AddRange(await FetchCustomAsync(source, runId, progress, ct));
                break;
            case SourceKind.Url:
                var url = new Uri(definition.Url!);
                var name = Uri.UnescapeDataString(url.Segments.LastOrDefault()?.Trim('/') ?? "");
                fetched.Add(await FetchAsync(runId, url, name.Length == 0 ? "download" : name, progress, ct));
                break;
            case SourceKind.DropFolder:
                fetched.AddRange(await FetchDropFolderAsync(definition.Folder!, runId, ct));
                break;
        }

        return fetched;
    }

    private async Task<IReadOnlyList<MonthlyFile>> FindArchiveFilesAsync(ArchiveDefinition archive, CancellationToken ct)
    {
        var agencyId = await usaspending.FindToptierAgencyIdAsync(archive.ToptierCode, ct)
            ?? throw new DownloadFailedException($"USAspending lists no toptier agency with code {archive.ToptierCode}.");
        var last = archive.ToFiscalYear ?? FiscalYearOf(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        var full = new List<MonthlyFile>();
        var deltas = new Dictionary<string, MonthlyFile>(StringComparer.Ordinal);
        // Delta files are listed with every fiscal year; without Full files one listing is enough.
        var years = archive.Full ? Enumerable.Range(archive.FromFiscalYear, Math.Max(0, last - archive.FromFiscalYear + 1)) : [last];
        foreach (var year in years)
        {
            var listed = await usaspending.ListMonthlyFilesAsync(agencyId, year, ct);
            if (archive.Full && listed.Where(f => !f.IsDelta && (f.FiscalYear ?? year) == year).MaxBy(f => (f.UpdatedDate, f.FileName)) is { } newest)
            {
                full.Add(newest);
            }

            if (archive.Delta)
            {
                foreach (var delta in listed.Where(f => f.IsDelta))
                {
                    deltas.TryAdd(delta.FileName, delta);
                }
            }
        }

        return [.. full, .. deltas.Values.OrderBy(d => d.UpdatedDate).ThenBy(d => d.FileName, StringComparer.Ordinal)];
    }

    private async Task<List<FetchedFile>> FetchCustomAsync(LoadedSource source, long runId, RunProgress progress, CancellationToken ct)
    {
        var custom = source.Definition.Custom!;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var (dateType, start, end) = custom.Incremental && source.ChangedSince is { } since
            ? ("last_modified_date", since, today)
            : (custom.DateType, custom.StartDate, custom.EndDate ?? today);
        var fetched = new List<FetchedFile>();
        foreach (var (from, to) in YearChunks(start, end))
        {
            var agency = new JsonObject { ["type"] = custom.Agency.Type, ["tier"] = custom.Agency.Tier, ["name"] = custom.Agency.Name };
            if (custom.Agency.ToptierName is { Length: > 0 } toptier)
            {
                agency["toptier_name"] = toptier;
            }

            var filters = new JsonObject
            {
                ["prime_award_types"] = new JsonArray(custom.AwardTypes.Select(t => (JsonNode)JsonValue.Create(t)).ToArray()),
                ["date_type"] = dateType,
                ["date_range"] = new JsonObject { ["start_date"] = Iso(from), ["end_date"] = Iso(to) },
                ["agencies"] = new JsonArray(agency),
            };
            var range = $"{dateType} {Iso(from)} to {Iso(to)}";
            progress.SetPhase("waiting", range);
            var job = await usaspending.RequestAwardsAsync(filters, ct);
            logger.LogInformation("USAspending is preparing {File} ({Range})", job.FileName, range);
            var url = await WaitForFileAsync(job, range, ct);
            fetched.Add(await FetchAsync(runId, url, job.FileName, progress, ct));
        }

        return fetched;
    }

    private async Task<Uri> WaitForFileAsync(AwardDownloadJob job, string range, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + options.StatusPollTimeout;
        while (true)
        {
            var status = await usaspending.GetStatusAsync(job.FileName, ct);
            if (string.Equals(status.Status, "finished", StringComparison.OrdinalIgnoreCase))
            {
                return status.FileUrl ?? job.FileUrl
                    ?? throw new DownloadFailedException($"USAspending finished {job.FileName} ({range}) but gave no file URL.");
            }

            if (string.Equals(status.Status, "failed", StringComparison.OrdinalIgnoreCase))
            {
                throw new DownloadFailedException(
                    $"USAspending could not prepare {job.FileName} ({range}): {(string.IsNullOrWhiteSpace(status.Message) ? "it gave no reason" : status.Message)}.");
            }

            if (time.GetUtcNow() > deadline)
            {
                throw new DownloadFailedException(
                    $"USAspending had not prepared {job.FileName} ({range}) after {options.StatusPollTimeout.TotalMinutes:0} minutes (status '{status.Status}').");
            }

            await Task.Delay(options.StatusPollInterval, time, ct);
        }
    }

    private async Task<List<FetchedFile>> FetchDropFolderAsync(string folder, long runId, CancellationToken ct)
    {
        var root = Path.GetFullPath(options.DropDirectory);
        var directory = Path.GetFullPath(Path.Combine(root, folder));
        if (directory != root && !directory.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new DownloadRefusedException($"The folder '{folder}' is outside the drop folder root (CT_DROP_DIR).");
        }

        if (!Directory.Exists(directory))
        {
            throw new DownloadFailedException($"The drop folder {directory} does not exist.");
        }

        var settled = time.GetUtcNow().UtcDateTime - options.DropSettleTime;
        var fetched = new List<FetchedFile>();
        foreach (var file in new DirectoryInfo(directory).EnumerateFiles()
                     .Where(f => f.Extension.Equals(".csv", StringComparison.OrdinalIgnoreCase) || f.Extension.Equals(".zip", StringComparison.OrdinalIgnoreCase))
                     .Where(f => f.LastWriteTimeUtc <= settled)
                     .OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var stored = await downloader.StoreLocalAsync(file.FullName, ct);
            await RecordFileAsync(runId, new Uri(file.FullName).AbsoluteUri, file.Name, stored, null, ct);
            fetched.Add(stored);
        }

        return fetched;
    }

    private async Task<FetchedFile> FetchAsync(long runId, Uri url, string fileName, RunProgress progress, CancellationToken ct)
    {
        progress.SetPhase("downloading", fileName);
        try
        {
            var fetched = await downloader.FetchAsync(url, fileName, progress, ct);
            await RecordFileAsync(runId, url.AbsoluteUri, fileName, fetched, null, ct);
            return fetched;
        }
        catch (Exception e) when (e is DownloadFailedException or DownloadRefusedException)
        {
            await RecordFileAsync(runId, url.AbsoluteUri, fileName, null, e.Message, CancellationToken.None);
            throw;
        }
    }

    private async Task RecordFileAsync(long runId, string url, string fileName, FetchedFile? fetched, string? failure, CancellationToken ct)
    {
        var outcome = fetched is null ? SourceFileOutcome.Failed
            : fetched.AppliedBefore ? SourceFileOutcome.Unchanged
            : fetched.NotModified ? SourceFileOutcome.NotModified
            : SourceFileOutcome.Downloaded;
        var message = outcome switch
        {
            SourceFileOutcome.Unchanged => fetched!.NotModified
                ? "Not modified since it was applied; not imported again."
                : "The same bytes were applied before; not imported again.",
            SourceFileOutcome.NotModified => "Not modified since it was downloaded; the stored copy is imported.",
            _ => failure,
        };
        await ExecuteAsync("""
            INSERT INTO source_run_files (source_run_id, url, file_name, outcome, download_id, message)
            VALUES (@run, @url, @name, @outcome, @download, @message)
            """, ct, ("run", runId), ("url", url), ("name", fileName), ("outcome", SnakeCaseEnumConverter<SourceFileOutcome>.ToDb(outcome)),
            ("download", (object?)fetched?.DownloadId ?? DBNull.Value), ("message", (object?)message ?? DBNull.Value));
    }

    private static (SourceRunStatus, string?) Outcome(ImportRunSummary summary)
    {
        var problems = string.Join(" | ", summary.Files
            .Where(f => f.Status is ImportStatus.Refused or ImportStatus.Failed or ImportStatus.Cancelled)
            .Select(f => $"{f.FileName}: {f.Message}"));
        var applied = summary.Files.Count(f => f.Status == ImportStatus.Succeeded);
        var known = summary.Files.Count(f => f.Status == ImportStatus.AlreadyImported);
        return summary.Status switch
        {
            ImportStatus.Succeeded => (SourceRunStatus.Succeeded, $"Imported {applied} file(s){(known > 0 ? $"; {known} already imported before" : "")} (import run {summary.RunId})."),
            ImportStatus.PartiallySucceeded => (SourceRunStatus.PartiallySucceeded, $"Some files were not applied (import run {summary.RunId}): {problems}"),
            ImportStatus.Cancelled => (SourceRunStatus.Cancelled, $"Cancelled (import run {summary.RunId}): {problems}"),
            _ => (SourceRunStatus.Failed, $"No file was applied (import run {summary.RunId}): {problems}"),
        };
    }

    private async Task AdvanceChangedSinceAsync(LoadedSource source, DateTimeOffset started, CancellationToken ct)
    {
        if (source.Kind != SourceKind.CustomAwardData || source.Definition.Custom is not { Incremental: true })
        {
            return;
        }

        var since = DateOnly.FromDateTime((started - options.IncrementalOverlap).UtcDateTime);
        await ExecuteAsync("UPDATE sources SET changed_since = @since WHERE id = @id", ct, ("since", since), ("id", source.Id));
    }

    private async Task<SourceRunOutcome> FinishAsync(long runId, SourceRunStatus status, string? message, long? importRunId)
    {
        await ExecuteAsync("""
            UPDATE source_runs SET status = @status, message = @message, import_run_id = @import, finished_at = now(),
                started_at = coalesce(started_at, now()), phase = NULL, current_file = NULL, seconds_left = NULL
            WHERE id = @id
            """, CancellationToken.None, ("status", SnakeCaseEnumConverter<SourceRunStatus>.ToDb(status)), ("message", (object?)message ?? DBNull.Value),
            ("import", (object?)importRunId ?? DBNull.Value), ("id", runId));
        logger.LogInformation("Source run {RunId} ended {Status}: {Message}", runId, status, message);
        return new SourceRunOutcome(runId, status, message, importRunId);
    }

    private async Task<long> InsertRunAsync(long sourceId, SourceRunTrigger trigger, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO source_runs (source_id, trigger, status, queued_at, bytes_downloaded, records_processed)
            VALUES (@source, @trigger, 'queued', now(), 0, 0) RETURNING id
            """);
        command.Parameters.AddWithValue("source", sourceId);
        command.Parameters.AddWithValue("trigger", SnakeCaseEnumConverter<SourceRunTrigger>.ToDb(trigger));
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, long sourceId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@class, @id)", connection);
        command.Parameters.AddWithValue("class", RunLockClass);
        command.Parameters.AddWithValue("id", checked((int)sourceId));
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    private async Task<LoadedSource?> LoadAsync(long sourceId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT name, kind, definition::text, changed_since FROM sources WHERE id = @id");
        command.Parameters.AddWithValue("id", sourceId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        return new LoadedSource(
            sourceId, reader.GetString(0), SnakeCaseEnumConverter<SourceKind>.FromDb(reader.GetString(1)),
            JsonSerializer.Deserialize<SourceDefinition>(reader.GetString(2), SourceDefinitionJson.Options)!,
            reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3));
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

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record LoadedSource(long Id, string Name, SourceKind Kind, SourceDefinition Definition, DateOnly? ChangedSince);
}
