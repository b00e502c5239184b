namespace ContractTracker.Awards;

/// <summary>
/// An award or IDV, derived from its transactions. Amounts say which measure they are: <see cref="ObligatedAmount"/>
/// is the sum of <c>federal_action_obligation</c>; the two values are the source's cumulative figures as of the
/// award's latest action, never summed.
/// </summary>
public sealed class Award
{
    public required string ContractAwardUniqueKey { get; init; }
    /// <summary><c>AWARD</c> or <c>IDV</c>.</summary>
    public string? AwardOrIdvFlag { get; init; }
    public string? AwardIdPiid { get; init; }
    public string? ParentAwardIdPiid { get; init; }
    public string? ParentAwardAgencyId { get; init; }
    /// <summary>The key of the IDV this award is an order under (<c>CONT_IDV_{parent piid}_{parent agency}</c>), if any.</summary>
    public string? ParentAwardUniqueKey { get; init; }
    public string? AwardTypeCode { get; init; }
    public string? AwardType { get; init; }
    public string? IdvTypeCode { get; init; }
    public string? IdvType { get; init; }

    public string? AwardingAgencyCode { get; init; }
    public string? AwardingSubAgencyCode { get; init; }
    public string? AwardingOfficeCode { get; init; }
    public string? FundingAgencyCode { get; init; }
    public string? FundingSubAgencyCode { get; init; }
    public string? FundingOfficeCode { get; init; }

    public string? RecipientUei { get; init; }
    public string? RecipientName { get; init; }
    public string? RecipientParentUei { get; init; }
    /// <summary>True when any action of the award flags its recipient as a sole proprietorship (a person).</summary>
    public bool RecipientIsSoleProprietorship { get; init; }

    public DateOnly FirstActionDate { get; init; }
    public DateOnly LastActionDate { get; init; }
    public int TransactionCount { get; init; }
    /// <summary>Sum of <c>federal_action_obligation</c> over the award's transactions (de-obligations included).</summary>
    public decimal ObligatedAmount { get; init; }
    /// <summary><c>current_total_value_of_award</c> as of the latest action.</summary>
    public decimal? CurrentTotalValueOfAward { get; init; }
    /// <summary><c>potential_total_value_of_award</c> as of the latest action (an IDV's ceiling).</summary>
    public decimal? PotentialTotalValueOfAward { get; init; }

    public string? Description { get; init; }
    public string? NaicsCode { get; init; }
    public string? ProductOrServiceCode { get; init; }
    public required string LatestTransactionKey { get; init; }

    /// <summary>The award's page on USAspending: the key percent-encoded as USAspending's own downloads build it.</summary>
    public string UsaspendingPermalink => UsaspendingLinks.AwardPermalink(ContractAwardUniqueKey);
}
