namespace ContractTracker.Downloads;

/// <summary>
/// A fetched file kept in the download store under its SHA-256 (<c>ab/abcd.../name.zip</c>), so any import can be traced
/// to the bytes it read and replayed. One row per distinct content.
/// </summary>
public sealed class StoredDownload
{
    public long Id { get; init; }
    /// <summary>Where the bytes came from last (an <c>https</c> URL, or a <c>file</c> URL for a drop folder).</summary>
    public required string Url { get; set; }
    /// <summary>The file's own name, kept so the importer sees <c>FY2024_070_Contracts_Full_20260906.zip</c>.</summary>
    public required string FileName { get; set; }
    /// <summary>Lower-case hex SHA-256 of the file's bytes.</summary>
    public required string Sha256 { get; set; }
    public long SizeBytes { get; set; }
    /// <summary>The file's path inside the download store.</summary>
    public required string StoredPath { get; set; }
    /// <summary>The validators the server sent, for conditional requests next time.</summary>
    public string? ETag { get; set; }
    public DateTimeOffset? LastModified { get; set; }
    public DateTimeOffset DownloadedAt { get; set; }
    /// <summary>When an import run applied the file completely; an unchanged file that was applied is not imported again.</summary>
    public DateTimeOffset? AppliedAt { get; set; }
}
