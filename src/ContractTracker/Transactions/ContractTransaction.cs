namespace ContractTracker.Transactions;

/// <summary>
/// One contract action as USAspending published it: the typed columns queries need, under the source's own
/// column names, and the whole source record exactly as it was written (<see cref="RawRecord"/>) with where it
/// came from. Every other column is in the raw record (SQL: <c>transaction_source_value(t, 'column')</c>); the
/// USAspending permalink is computed from the award key. Rows are written by the importer with COPY.
/// </summary>
public sealed class ContractTransaction
{
    public required string ContractTransactionUniqueKey { get; init; }
    public required string ContractAwardUniqueKey { get; init; }
    public string? AwardIdPiid { get; init; }
    public string? ModificationNumber { get; init; }
    public string? TransactionNumber { get; init; }
    public string? ParentAwardAgencyId { get; init; }
    public string? ParentAwardIdPiid { get; init; }

    public decimal FederalActionObligation { get; init; }
    public decimal? TotalDollarsObligated { get; init; }
    public decimal? TotalOutlayedAmountForOverallAward { get; init; }
    public decimal? BaseAndExercisedOptionsValue { get; init; }
    public decimal? CurrentTotalValueOfAward { get; init; }
    public decimal? BaseAndAllOptionsValue { get; init; }
    public decimal? PotentialTotalValueOfAward { get; init; }

    public DateOnly ActionDate { get; init; }
    public int ActionDateFiscalYear { get; init; }
    public DateOnly? PeriodOfPerformanceStartDate { get; init; }
    public DateOnly? PeriodOfPerformanceCurrentEndDate { get; init; }
    public DateOnly? PeriodOfPerformancePotentialEndDate { get; init; }
    public DateOnly? OrderingPeriodEndDate { get; init; }
    public DateOnly? SolicitationDate { get; init; }

    public string? AwardingAgencyCode { get; init; }
    public string? AwardingAgencyName { get; init; }
    public string? AwardingSubAgencyCode { get; init; }
    public string? AwardingSubAgencyName { get; init; }
    public string? AwardingOfficeCode { get; init; }
    public string? AwardingOfficeName { get; init; }
    public string? FundingAgencyCode { get; init; }
    public string? FundingAgencyName { get; init; }
    public string? FundingSubAgencyCode { get; init; }
    public string? FundingSubAgencyName { get; init; }
    public string? FundingOfficeCode { get; init; }
    public string? FundingOfficeName { get; init; }

    public string? RecipientUei { get; init; }
    public string? RecipientDuns { get; init; }
    public string? RecipientName { get; init; }
    public string? RecipientNameRaw { get; init; }
    public string? CageCode { get; init; }
    public string? RecipientParentUei { get; init; }
    public string? RecipientParentDuns { get; init; }
    public string? RecipientParentName { get; init; }
    public string? RecipientCountryCode { get; init; }
    public string? RecipientStateCode { get; init; }
    public string? PrimaryPlaceOfPerformanceCountryCode { get; init; }
    public string? PrimaryPlaceOfPerformanceStateCode { get; init; }
    public bool? SoleProprietorship { get; init; }

    public string? AwardOrIdvFlag { get; init; }
    public string? AwardTypeCode { get; init; }
    public string? AwardType { get; init; }
    public string? IdvTypeCode { get; init; }
    public string? IdvType { get; init; }
    public string? TypeOfContractPricingCode { get; init; }
    public string? TypeOfContractPricing { get; init; }
    public string? TransactionDescription { get; init; }
    public string? PrimeAwardBaseTransactionDescription { get; init; }
    public string? ActionTypeCode { get; init; }
    public string? ActionType { get; init; }
    public string? ProductOrServiceCode { get; init; }
    public string? ProductOrServiceCodeDescription { get; init; }
    public string? NaicsCode { get; init; }
    public string? NaicsDescription { get; init; }
    public string? ExtentCompetedCode { get; init; }
    public string? ExtentCompeted { get; init; }
    public DateTimeOffset? InitialReportDate { get; init; }
    public DateTimeOffset LastModifiedDate { get; init; }

    /// <summary>The import file this version of the record came from (see <c>import_files</c>).</summary>
    public long ImportFileId { get; init; }
    /// <summary>1-based number of the record in its file, header not counted.</summary>
    public long RecordNumber { get; init; }
    /// <summary>1-based physical line where the record starts in its file (a record may span lines).</summary>
    public long LineNumber { get; init; }
    /// <summary>Hash of every source field in the current column order; equal hashes mean the same content.</summary>
    public required byte[] ContentHash { get; init; }
    /// <summary>The record exactly as the source file wrote it, without its line break. Its header is the file's.</summary>
    public required string RawRecord { get; init; }
}
