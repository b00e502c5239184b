namespace ContractTracker.Relationships;

/// <summary>
/// Obligations of one recipient (under one reported parent) with one pair of awarding and funding offices in one
/// fiscal year: the vendor-by-agency totals agency pages and vendor profiles add up, derived from the transactions.
/// </summary>
public sealed class RelationshipFiscalYear
{
    public long Id { get; init; }
    public required string RecipientUei { get; init; }
    /// <summary>The parent UEI the actions reported (the recipient's own UEI when they reported none).</summary>
    public required string ReportedParentUei { get; init; }
    public string? AwardingAgencyCode { get; init; }
    public string? AwardingSubAgencyCode { get; init; }
    public string? AwardingOfficeCode { get; init; }
    public string? FundingAgencyCode { get; init; }
    public string? FundingSubAgencyCode { get; init; }
    public string? FundingOfficeCode { get; init; }
    public int FiscalYear { get; init; }
    /// <summary>Sum of <c>federal_action_obligation</c>.</summary>
    public decimal ObligatedAmount { get; init; }
    public int TransactionCount { get; init; }
    public DateOnly FirstActionDate { get; init; }
    public DateOnly LastActionDate { get; init; }
    public long[] ImportFileIds { get; init; } = [];
}
