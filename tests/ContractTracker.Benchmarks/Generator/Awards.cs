using ContractTracker.Benchmarks.Generator.Reference;

namespace ContractTracker.Benchmarks.Generator;

internal enum AwardKind
{
    /// <summary>An indefinite delivery vehicle (IDC, BPA, BOA): a <c>CONT_IDV_</c> award that obligates nothing itself.</summary>
    Idv,
    /// <summary>A delivery order or BPA call under an IDV.</summary>
    Order,
    DefinitiveContract,
    PurchaseOrder,
}

/// <summary>An IDV type (<c>idv_type_code</c>), the PIID letter of its instruments, and the award type of orders under it.</summary>
internal sealed record IdvType(string Code, string Name, char PiidLetter, string OrderTypeCode, string OrderTypeName)
{
    public static readonly IdvType Idc = new("B", "IDC", 'D', "C", "DELIVERY ORDER");
    public static readonly IdvType Bpa = new("E", "BPA", 'A', "A", "BPA CALL");
    public static readonly IdvType Boa = new("D", "BOA", 'G', "C", "DELIVERY ORDER");
    public static readonly IdvType Schedule = new("C", "FSS", 'D', "C", "DELIVERY ORDER");
}

/// <summary>How an award was competed: the extent, procedure, set-aside and related codes FPDS records.</summary>
internal sealed record Competition(
    string ExtentCode, string Extent, string ProcedureCode, string Procedure, string? SetAsideCode, string? SetAside,
    string? ExceptionCode, string? Exception, string? FairOpportunityCode, string? FairOpportunity, string FedBizOppsCode, string FedBizOpps);

/// <summary>An IDV that orders can reference: one of the data set's own, or an external GSA schedule.</summary>
internal sealed record OrderingVehicle(
    string Piid, string AgencyId, string AgencyName, IdvType Type, bool MultipleAward, Vendor? Vendor, WorkLine? Line,
    DateOnly Start, DateOnly OrderingEnd);

/// <summary>
/// One transaction of an award: the base action (modification 0) or a modification. Amounts are in cents: the changes
/// this action makes, and the award's totals as of it (<c>total_dollars_obligated</c>, <c>current_total_value_of_award</c>,
/// <c>potential_total_value_of_award</c>), as FPDS reports them.
/// </summary>
internal sealed record ContractAction(
    string Modification, DateOnly Date, string? ActionTypeCode, long Obligation, long ExercisedChange, long AllOptionsChange,
    DateOnly CurrentEnd, string Description, DateTime Reported, DateTime Modified,
    long TotalObligated = 0, long CurrentTotal = 0, long PotentialTotal = 0);

/// <summary>An award and its transactions inside the data set's period, in action-date order.</summary>
internal sealed class Award
{
    public required AwardKind Kind { get; init; }
    public required string Piid { get; init; }
    public required SubtierAgency Awarding { get; init; }
    public required Office Office { get; init; }
    public required SubtierAgency Funding { get; init; }
    public required Office FundingOffice { get; init; }
    public required Vendor Vendor { get; init; }
    /// <summary>Which of the vendor's spellings this award's contracting office uses.</summary>
    public required int NameSpelling { get; init; }
    public OrderingVehicle? Vehicle { get; init; }
    public string? VehicleModification { get; init; }
    /// <summary>The IDV type, for an IDV.</summary>
    public IdvType? IdvType { get; init; }
    public bool MultipleAward { get; init; }
    public required WorkLine Line { get; init; }
    public Place? Performance { get; init; }
    public required string Description { get; init; }
    public required (string Code, string Name) Pricing { get; init; }
    public required Competition Competition { get; init; }
    public string? SolicitationId { get; init; }
    public DateOnly? SolicitationDate { get; init; }
    public int? Offers { get; init; }
    public required DateOnly Start { get; init; }
    public DateOnly? PotentialEnd { get; init; }
    public DateOnly? OrderingEnd { get; init; }
    /// <summary>Whether agency accounts (File C) are linked: then accounts, DEFC and outlays are filled.</summary>
    public bool HasAccounts { get; init; }
    public long? Outlays { get; set; }
    public List<ContractAction> Actions { get; } = [];

    public string AwardKey => Kind == AwardKind.Idv
        ? $"CONT_IDV_{Piid}_{Awarding.Code}"
        : $"CONT_AWD_{Piid}_{Awarding.Code}_{Vehicle?.Piid ?? "-NONE-"}_{Vehicle?.AgencyId ?? "-NONE-"}";

    /// <summary>
    /// <c>{agency}_{referenced IDV agency}_{piid}_{modification}_{referenced IDV piid}_{transaction number}</c>, missing
    /// parts <c>-NONE-</c>; an IDV's key uses only its agency, PIID and modification.
    /// </summary>
    public string TransactionKey(ContractAction action) => Kind == AwardKind.Idv
        ? $"{Awarding.Code}_-NONE-_{Piid}_{action.Modification}_-NONE-_-NONE-"
        : $"{Awarding.Code}_{Vehicle?.AgencyId ?? "-NONE-"}_{Piid}_{action.Modification}_{Vehicle?.Piid ?? "-NONE-"}_0";
}
