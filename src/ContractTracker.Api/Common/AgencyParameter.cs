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

    /// <summary>
    /// Makes an answer whose agency came from what the directory keeps (<see cref="AgencyDirectory.ResolveLatestAsync"/>, the
    /// version the previous request saw) stand on the agencies of the version its own query read. When they differ, an
    /// import committed in between: it may have renamed the agency, moved an office to another sub-tier (whose actions the
    /// query walks) or added a code that makes an abbreviation ambiguous. So the agency is resolved again as of the answer's
    /// version and the question asked again when it changed; only a request that races an import pays for it. Imports run
    /// one at a time and take far longer than a question, so the bound on tries is never reached in practice.
    /// </summary>
    /// <returns>The agency and answer that agree, or the 400 when the agency no longer resolves.</returns>
    public static async Task<(AgencyRef Agency, T Answer, ValidationProblem? Problem)> AsOfAnswerAsync<T>(
        AgencyDirectory agencies, string parameter, string input, AgencyLevel? level, AgencyResolutionAsOf used, AgencyRef agency,
        T answer, Func<T, DateTimeOffset?> dataAsOf, Func<AgencyRef, Task<T>> ask, CancellationToken ct)
    {
        for (var tries = 0; used.DataAsOf != dataAsOf(answer) && tries < 3; tries++)
        {
            var again = await agencies.ResolveAsync(input, level, dataAsOf(answer), ct);
            if (again.Resolution == used.Resolution && again.DataAsOf == dataAsOf(answer))
            {
                break;
            }

            var (found, problem) = Of(parameter, input, again.Resolution);
            if (problem is not null)
            {
                return (agency, answer, problem);
            }

            (used, agency) = (again, found!);
            answer = await ask(agency);
        }

        return (agency, answer, null);
    }

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
