namespace ContractTracker.Agencies;

public enum AgencyLevel
{
    Toptier,
    Subtier,
    Office,
}

/// <summary>Which agency of an action counts: the one that awarded the contract, or the one whose money paid for it.</summary>
public enum AgencyLens
{
    Awarding,
    Funding,
}

/// <summary>An agency at one level, as the directory knows it.</summary>
public sealed record AgencyRef(AgencyLevel Level, string Code, string? Name, string? Abbreviation, string? ToptierCode, string? SubtierCode);

/// <summary>An agency seen through a lens: which column of <c>transactions</c> (and of the derived tables) selects its actions.</summary>
public sealed record AgencyScope(AgencyRef Agency, AgencyLens Lens)
{
    public string Column => (Lens, Agency.Level) switch
    {
        (AgencyLens.Awarding, AgencyLevel.Toptier) => "awarding_agency_code",
        (AgencyLens.Awarding, AgencyLevel.Subtier) => "awarding_sub_agency_code",
        (AgencyLens.Awarding, AgencyLevel.Office) => "awarding_office_code",
        (AgencyLens.Funding, AgencyLevel.Toptier) => "funding_agency_code",
        (AgencyLens.Funding, AgencyLevel.Subtier) => "funding_sub_agency_code",
        (AgencyLens.Funding, AgencyLevel.Office) => "funding_office_code",
        _ => throw new ArgumentOutOfRangeException(nameof(Lens)),
    };
}

/// <summary>What an agency code or abbreviation resolved to.</summary>
public abstract record AgencyResolution
{
    public sealed record Found(AgencyRef Agency) : AgencyResolution;

    public sealed record Ambiguous(IReadOnlyList<AgencyRef> Candidates) : AgencyResolution;

    public sealed record NotFound : AgencyResolution;
}
