namespace ContractTracker.Provenance;

/// <summary>Where a record came from: its import file, its number in the file, and the physical line it starts on.</summary>
public sealed record SourceLine(long ImportFileId, long RecordNumber, long LineNumber);
