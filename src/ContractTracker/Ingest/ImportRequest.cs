namespace ContractTracker.Ingest;

/// <summary>What to import and on whose behalf.</summary>
/// <param name="Paths">CSV files and zips of CSVs, applied in the order given.</param>
/// <param name="Source">Where the files came from, recorded on the run (<c>cli</c>, <c>seed</c>, a data source's name).</param>
/// <param name="IsSynthetic">Marks generated demo data so it is never mistaken for real spending.</param>
/// <param name="Force">Apply a file even when the same bytes were imported before.</param>
public sealed record ImportRequest(IReadOnlyList<string> Paths, string Source = "cli", bool IsSynthetic = false, bool Force = false);

/// <summary>The outcome of a run, file by file, as the CLI prints it and the job records it.</summary>
public sealed record ImportRunSummary(long RunId, ImportStatus Status, string Source, bool IsSynthetic,
    DateTimeOffset StartedAt, DateTimeOffset FinishedAt, IReadOnlyList<ImportFileSummary> Files)
{
    public bool AnyRefusedOrFailed => Files.Any(f => f.Status is ImportStatus.Refused or ImportStatus.Failed or ImportStatus.Cancelled);
}

public sealed record ImportFileSummary(
    long FileId, string FileName, string? ContainerName, string Sha256, long SizeBytes, SourceFileKind? Kind,
    ImportStatus Status, string? Message, long? DuplicateOfFileId, FileCounts Counts,
    IReadOnlyList<RejectSample> SampleRejects);

public sealed record RejectSample(long RecordNumber, long LineNumber, string? ColumnName, string Reason);
