namespace ContractTracker.Agencies;

/// <summary>A toptier agency (CGAC or FREC code, e.g. <c>070</c> Department of Homeland Security).</summary>
public sealed class ToptierAgency
{
    public required string Code { get; init; }
    public string? Name { get; init; }
    public string? Abbreviation { get; init; }
    /// <summary>The action date of the record the name was last taken from; null for names from reference data.</summary>
    public DateOnly? NameAsOf { get; init; }
}

/// <summary>A sub-tier agency (e.g. <c>7012</c> U.S. Immigration and Customs Enforcement under <c>070</c>).</summary>
public sealed class SubAgency
{
    public required string Code { get; init; }
    public string? ToptierCode { get; init; }
    public string? Name { get; init; }
    public string? Abbreviation { get; init; }
    public DateOnly? NameAsOf { get; init; }
}

/// <summary>A contracting or funding office (e.g. <c>70CDCR</c>), under the sub-tier that reported it.</summary>
public sealed class Office
{
    public required string Code { get; init; }
    public string? SubAgencyCode { get; init; }
    public string? Name { get; init; }
    public DateOnly? NameAsOf { get; init; }
}
