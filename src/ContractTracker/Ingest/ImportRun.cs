namespace ContractTracker.Ingest;

/// <summary>One invocation of the import pipeline (a CLI call, a scheduled job, the seed load), over one or more files.</summary>
public sealed class ImportRun
{
    public long Id { get; init; }
    /// <summary>Where the files came from: <c>cli</c>, <c>seed</c>, a data source's name, ...</summary>
    public required string Source { get; set; }
    /// <summary>True for generated demo data, so it can never be mistaken for real spending.</summary>
    public bool IsSynthetic { get; set; }
    public ImportStatus Status { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? Message { get; set; }
    public List<ImportFile> Files { get; init; } = [];
}

/// <summary>One CSV file applied (or refused) by a run: a plain file or one member of a zip.</summary>
public sealed class ImportFile
{
    public long Id { get; init; }
    public long ImportRunId { get; init; }
    /// <summary>The CSV's own name (a zip member's name, or the file's name).</summary>
    public required string FileName { get; set; }
    /// <summary>The zip the CSV was read from, if any.</summary>
    public string? ContainerName { get; set; }
    /// <summary>Lower-case hex SHA-256 of the CSV's bytes.</summary>
    public required string Sha256 { get; set; }
    public long SizeBytes { get; set; }
    public SourceFileKind? Kind { get; set; }
    /// <summary>The file's header as it was read; <c>raw_record</c> values are in this column order.</summary>
    public string[]? Header { get; set; }
    public ImportStatus Status { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? Message { get; set; }
    /// <summary>For a file recognised by its SHA-256, the earlier import of the same bytes.</summary>
    public long? DuplicateOfFileId { get; set; }
    public long RecordsRead { get; set; }
    public long Inserted { get; set; }
    public long Updated { get; set; }
    public long Deleted { get; set; }
    /// <summary>Records identical to what the database holds (and deletes of records it never had).</summary>
    public long Unchanged { get; set; }
    /// <summary>Records older than the version the database holds, or than its deletion: never applied.</summary>
    public long Stale { get; set; }
    /// <summary>Records a newer record of the same file, with the same key, replaced.</summary>
    public long Superseded { get; set; }
    public long Rejected { get; set; }
}

/// <summary>A record that was not loaded, with where it is in its file and why.</summary>
public sealed class ImportReject
{
    public long Id { get; init; }
    public long ImportFileId { get; init; }
    /// <summary>1-based number of the record in the file, header not counted.</summary>
    public long RecordNumber { get; init; }
    /// <summary>1-based physical line where the record starts.</summary>
    public long LineNumber { get; init; }
    /// <summary>The source column at fault, when one is.</summary>
    public string? ColumnName { get; init; }
    public required string Reason { get; init; }
    public required string RawRecord { get; init; }
}

public enum ImportStatus
{
    Running,
    Succeeded,
    /// <summary>Some files of the run were refused or failed; the others applied.</summary>
    PartiallySucceeded,
    /// <summary>The file was not a USAspending contracts transactions file; nothing was written.</summary>
    Refused,
    /// <summary>The same bytes were imported before; nothing was done.</summary>
    AlreadyImported,
    Failed,
    Cancelled,
    /// <summary>The process stopped while the file was being applied; its transaction rolled back.</summary>
    Interrupted,
}

public enum SourceFileKind
{
    /// <summary>Contracts Prime Transactions (Custom Award Data, Award Data Archive Full files).</summary>
    Transactions,
    /// <summary>Award Data Archive Delta: <c>correction_delete_ind</c>, <c>agency_id</c> and the transaction columns.</summary>
    Delta,
}
