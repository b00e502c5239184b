namespace ContractTracker.Awards;

/// <summary>Links to USAspending's own pages, built the way its downloads build <c>usaspending_permalink</c>.</summary>
public static class UsaspendingLinks
{
    /// <summary>
    /// <c>https://www.usaspending.gov/award/{key}/</c>, the key percent-encoded except <c>A-Za-z0-9-_.~</c>
    /// (usaspending-api <c>download_annotation_functions.py</c>, <c>AWARD_URL</c>).
    /// </summary>
    public static string AwardPermalink(string awardKey) => $"https://www.usaspending.gov/award/{Uri.EscapeDataString(awardKey)}/";
}
