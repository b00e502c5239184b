namespace ContractTracker.Transactions;

/// <summary>
/// A transaction that a delta file deleted (<c>correction_delete_ind = D</c>). Kept so that importing an older file
/// afterwards cannot bring the deleted record back, and so every deletion can be traced to its file and line.
/// </summary>
public sealed class TransactionTombstone
{
    public required string ContractTransactionUniqueKey { get; init; }
    /// <summary>The award the deleted record belonged to, when it was loaded here before its deletion.</summary>
    public string? ContractAwardUniqueKey { get; init; }
    /// <summary>The delete row's <c>last_modified_date</c>: the date of USAspending's deletion file.</summary>
    public DateTimeOffset DeletedAsOf { get; init; }
    public long ImportFileId { get; init; }
    public long LineNumber { get; init; }
}
