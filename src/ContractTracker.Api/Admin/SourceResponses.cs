using ContractTracker.Database;
using ContractTracker.Sources;

namespace ContractTracker.Api.Admin;

/// <summary>A source: its definition (the section of its kind), schedule and next run (UTC), and its last run.</summary>
public sealed record SourceResponse(
    long Id, string Name, string Kind, string Schedule, bool Enabled, DateTimeOffset? NextRunAt,
    ArchiveDefinition? Archive, CustomAwardDefinition? Custom, string? Url, string? Folder,
    DateOnly? ChangedSince, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, RunSummary? LastRun, SourceLinks Links)
{
    internal static SourceResponse From(Source s, DateTimeOffset? nextRun, RunSummary? lastRun, string runsUrl, string selfUrl) => new(
        s.Id, s.Name, SnakeCaseEnumConverter<SourceKind>.ToDb(s.Kind), s.Schedule, s.IsEnabled, nextRun,
        s.Definition.Archive, s.Definition.Custom, s.Definition.Url, s.Definition.Folder,
        s.ChangedSince, s.CreatedAt, s.UpdatedAt, lastRun, new SourceLinks(selfUrl, runsUrl));
}

public sealed record SourceLinks(string Self, string Runs);

/// <summary>A run in a source's history.</summary>
public sealed record RunSummary(
    long Id, string Trigger, string Status, DateTimeOffset QueuedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Message,
    long? ImportRunId, string Self)
{
    internal static RunSummary From(SourceRun r, string self) => new(
        r.Id, SnakeCaseEnumConverter<SourceRunTrigger>.ToDb(r.Trigger), SnakeCaseEnumConverter<SourceRunStatus>.ToDb(r.Status),
        r.QueuedAt, r.StartedAt, r.FinishedAt, r.Message, r.ImportRunId, self);
}

/// <summary>
/// One run in full: its live progress while it runs, the files it fetched (or found unchanged), and the import that
/// applied them, file by file, with counts and the first rejected records of each.
/// </summary>
public sealed record RunDetail(
    long Id, long SourceId, string SourceName, string Trigger, string Status, DateTimeOffset QueuedAt, DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt, string? Message, RunProgressView? Progress, IReadOnlyList<RunFileView> Files, RunImportView? Import);

/// <param name="Phase"><c>finding</c>, <c>waiting</c> (USAspending preparing a file), <c>downloading</c>, <c>importing: checking|loading|deriving</c>.</param>
/// <param name="Percent">Of the current phase, where known.</param>
/// <param name="SecondsLeft">In the current phase, estimated from its pace so far.</param>
public sealed record RunProgressView(
    string? Phase, string? CurrentFile, long BytesDownloaded, long? BytesTotal, long RecordsProcessed, double? Percent, long? SecondsLeft,
    DateTimeOffset? UpdatedAt);

/// <param name="Outcome"><c>downloaded</c>, <c>not_modified</c> (304; the stored copy was imported), <c>unchanged</c> (applied before, not imported again) or <c>failed</c>.</param>
public sealed record RunFileView(string Url, string FileName, string Outcome, string? Message, long? DownloadId, string? Sha256, long? SizeBytes);

public sealed record RunImportView(long ImportRunId, string Status, IReadOnlyList<ImportFileView> Files);

public sealed record ImportFileView(
    long ImportFileId, string FileName, string? ContainerName, string Sha256, long SizeBytes, string Status, string? Message,
    ImportCountsView Counts, IReadOnlyList<RejectView> FirstRejects, string Rejects);

public sealed record ImportCountsView(long RecordsRead, long Inserted, long Updated, long Deleted, long Unchanged, long Stale, long Superseded, long Rejected);

public sealed record RejectView(long RecordNumber, long LineNumber, string? ColumnName, string Reason, string RawRecord);

/// <summary>Rejected records of one imported file, in record order; <c>next</c> links the following page.</summary>
public sealed record RejectsPage(long ImportFileId, IReadOnlyList<RejectView> Rejects, string? Next);
