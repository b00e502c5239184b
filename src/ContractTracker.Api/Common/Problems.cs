using ContractTracker.Agencies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContractTracker.Api.Common;

/// <summary>The RFC 9457 problems the API answers bad input and unknown ids with.</summary>
internal static class Problems
{
    public const string InvalidParameters = "One or more query parameters are invalid.";

    /// <summary>400, naming the parameter at fault.</summary>
    public static ValidationProblem Parameter(string name, string message, IDictionary<string, object?>? extensions = null) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [name] = [message] }, title: InvalidParameters, extensions: extensions);

    /// <summary>400 for an agency name that matches several agencies, listing them so the caller can pick one by code.</summary>
    public static ValidationProblem AmbiguousAgency(string name, string input, IReadOnlyList<AgencyRef> candidates) =>
        Parameter(name, $"'{input}' matches {candidates.Count} agencies; give one of their codes instead.",
            new Dictionary<string, object?>
            {
                ["candidates"] = candidates.Select(c => new
                {
                    level = c.Level.ToString().ToLowerInvariant(),
                    code = c.Code,
                    name = c.Name,
                    abbreviation = c.Abbreviation,
                    toptierCode = c.ToptierCode,
                }).ToList(),
            });

    /// <summary>404 for an id that names nothing here.</summary>
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
