using ContractTracker.Agencies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContractTracker.Api.Common;

/// <summary>An agency named in a query parameter, by code or common abbreviation, resolved or answered with a 400.</summary>
internal static class AgencyParameter
{
    public static AgencyLens Lens(string? value) =>
        string.Equals(value, "funding", StringComparison.OrdinalIgnoreCase) ? AgencyLens.Funding : AgencyLens.Awarding;

    public static AgencyLevel? Level(string? value) => value?.ToLowerInvariant() switch
    {
        "toptier" => AgencyLevel.Toptier,
        "subtier" => AgencyLevel.Subtier,
        "office" => AgencyLevel.Office,
        _ => null,
    };

    public static string Name(this AgencyLens lens) => lens == AgencyLens.Funding ? "funding" : "awarding";

    public static string Name(this AgencyLevel level) => level.ToString().ToLowerInvariant();

    /// <summary>The agency, or the 400 that explains why <paramref name="parameter"/> names none (or several).</summary>
    public static async Task<(AgencyRef? Agency, ValidationProblem? Problem)> ResolveAsync(
        AgencyDirectory agencies, string parameter, string input, AgencyLevel? level, CancellationToken ct) =>
        Of(parameter, input, await agencies.ResolveAsync(input, level, ct));

    /// <summary>The agency <paramref name="input"/> resolved to, or the 400 that explains why it names none (or several).</summary>
    public static (AgencyRef? Agency, ValidationProblem? Problem) Of(string parameter, string input, AgencyResolution resolution)
    {
        return resolution switch
        {
            AgencyResolution.Found found => (found.Agency, null),
            AgencyResolution.Ambiguous ambiguous => (null, Problems.AmbiguousAgency(parameter, input, ambiguous.Candidates)),
            _ => (null, Problems.Parameter(parameter,
                $"'{input}' is not an agency code or abbreviation known here (toptier such as 070 or DHS, sub-tier such as 7012 or ICE, office such as 70CDCR).")),
        };
    }
}
