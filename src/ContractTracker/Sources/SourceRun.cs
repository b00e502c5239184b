namespace ContractTracker.Sources;

/// <summary>
/// One refresh of a source: found files, downloaded them, imported them. While it runs its progress columns are
/// rewritten every second or so; when it ends it keeps the outcome and the import run that applied its files.
/// </summary>
public sealed class SourceRun
{
    public long Id { get; init; }
    public long SourceId { get; init; }
    public SourceRunTrigger Trigger { get; set; }
    public SourceRunStatus Status { get; set; }
    public DateTimeOffset QueuedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>Why the run failed, was skipped or found nothing new.</summary>
    public string? Message { get; set; }

    /// <summary><c>finding</c>, <c>waiting</c> (for USAspending to prepare a file), <c>downloading</c>, <c>importing</c>.</summary>
    public string? Phase { get; set; }
    public string? CurrentFile { get; set; }
    public long BytesDownloaded { get; set; }
    /// <summary>The bytes of the files being downloaded, where the server said.</summary>
    public long? BytesTotal { get; set; }
    public long RecordsProcessed { get; set; }
    /// <summary>0 to 100 within the current phase, where known.</summary>
    public double? Percent { get; set; }
    public long? SecondsLeft { get; set; }
    public DateTimeOffset? ProgressAt { get; set; }

    /// <summary>The import run that applied the files (its files, counts and rejects are in <c>import_files</c>).</summary>
    public long? ImportRunId { get; set; }
    public List<SourceRunFile> Files { get; init; } = [];
}

/// <summary>A file a run fetched (or found unchanged), and the stored copy it imported.</summary>
public sealed class SourceRunFile
{
    public long Id { get; init; }
    public long SourceRunId { get; init; }
    public required string Url { get; set; }
    public required string FileName { get; set; }
    public SourceFileOutcome Outcome { get; set; }
    public long? DownloadId { get; set; }
    public string? Message { get; set; }
}

public enum SourceRunTrigger
{
    Scheduled,
    Manual,
}

public enum SourceRunStatus
{
    Queued,
    Running,
    Succeeded,
    /// <summary>Some files were refused or failed to import; the others applied.</summary>
    PartiallySucceeded,
    /// <summary>Nothing was applied: a download or the whole import failed; <see cref="SourceRun.Message"/> says why.</summary>
    Failed,
    Cancelled,
    /// <summary>The process running it stopped; files already applied stay, the others were rolled back.</summary>
    Interrupted,
    /// <summary>Another run of the same source was in progress.</summary>
    Skipped,
}

public enum SourceFileOutcome
{
    /// <summary>Fetched now and imported.</summary>
    Downloaded,
    /// <summary>The server answered 304 (or the drop folder file is unchanged) and the stored copy was imported before.</summary>
    Unchanged,
    /// <summary>The server answered 304 but the stored copy was never applied, so it was imported again.</summary>
    NotModified,
    Failed,
}
