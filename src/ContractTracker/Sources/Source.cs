namespace ContractTracker.Sources;

/// <summary>
/// Where data comes from and when to fetch it: a USAspending archive, a Custom Award Data request, a URL or a local drop
/// folder, refreshed on a cron schedule (UTC) while enabled.
/// </summary>
public sealed class Source
{
    public long Id { get; init; }
    /// <summary>Unique; recorded as the source of every import run the source makes.</summary>
    public required string Name { get; set; }
    public SourceKind Kind { get; set; }
    /// <summary>What to fetch; the section of <see cref="Kind"/> is set, the others are null.</summary>
    public required SourceDefinition Definition { get; set; }
    /// <summary>A five-field cron expression, evaluated in UTC.</summary>
    public required string Schedule { get; set; }
    public bool IsEnabled { get; set; }
    /// <summary>
    /// For incremental Custom Award Data sources: the <c>last_modified_date</c> the next run asks from, set when a run
    /// succeeds. Null until the first successful run, which loads the whole date range.
    /// </summary>
    public DateOnly? ChangedSince { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public enum SourceKind
{
    /// <summary>Award Data Archive Full and/or Delta files of a toptier agency, found through <c>list_monthly_files</c>.</summary>
    AwardDataArchive,
    /// <summary>A Custom Award Data (<c>bulk_download/awards</c>) request, polled until its file is ready.</summary>
    CustomAwardData,
    /// <summary>One HTTPS URL of a CSV or zip.</summary>
    Url,
    /// <summary>A folder on the worker; each new file in it is imported once.</summary>
    DropFolder,
}

/// <summary>The kind-specific part of a source, stored as <c>jsonb</c>.</summary>
public sealed record SourceDefinition
{
    public ArchiveDefinition? Archive { get; init; }
    public CustomAwardDefinition? Custom { get; init; }
    /// <summary>For <see cref="SourceKind.Url"/>: the file's address.</summary>
    public string? Url { get; init; }
    /// <summary>For <see cref="SourceKind.DropFolder"/>: a folder inside the drop folder root (<c>CT_DROP_DIR</c>).</summary>
    public string? Folder { get; init; }
}

/// <summary>Award Data Archive files of one awarding toptier agency for a span of fiscal years.</summary>
/// <param name="ToptierCode">The agency's CGAC code, such as <c>070</c> for DHS.</param>
/// <param name="ToFiscalYear">The last fiscal year; null for the current one.</param>
/// <param name="Full">Fetch the Full file of each fiscal year.</param>
/// <param name="Delta">Fetch the monthly Delta files (they cover all fiscal years).</param>
public sealed record ArchiveDefinition(string ToptierCode, int FromFiscalYear, int? ToFiscalYear, bool Full, bool Delta);

/// <summary>A Custom Award Data request (<c>POST /api/v2/bulk_download/awards/</c>).</summary>
/// <param name="AwardTypes">USAspending prime award type codes: <c>A</c>-<c>D</c> and the <c>IDV_*</c> codes for contracts.</param>
/// <param name="DateType"><c>action_date</c> or <c>last_modified_date</c>, for the first (full) load.</param>
/// <param name="EndDate">The end of the range; null for today.</param>
/// <param name="Incremental">After a successful run, ask only for records whose <c>last_modified_date</c> is since then.</param>
public sealed record CustomAwardDefinition(
    AgencyFilter Agency, IReadOnlyList<string> AwardTypes, string DateType, DateOnly StartDate, DateOnly? EndDate, bool Incremental);

/// <summary>USAspending's agency filter: agencies are named, not coded, in Custom Award Data requests.</summary>
/// <param name="Type"><c>awarding</c> or <c>funding</c>.</param>
/// <param name="Tier"><c>toptier</c> or <c>subtier</c>.</param>
/// <param name="ToptierName">For a sub-tier agency, its toptier agency's name.</param>
public sealed record AgencyFilter(string Type, string Tier, string Name, string? ToptierName);
