using System.Text;
using ContractTracker.Provenance;

namespace ContractTracker.Api.Common;

/// <summary>
/// What every answer stands on, so a journalist can cite it: the refresh the data is as of, the source files (name and
/// SHA-256) of the records behind the numbers, whether any of them is synthetic demo data, and a link that asks the
/// same question again with every parameter spelled out.
/// </summary>
public sealed record CitationBlock(DateTimeOffset? DataAsOf, IReadOnlyList<SourceFile> SourceFiles, bool IncludesSyntheticData, string Reproduce);

internal static class Citing
{
    public static async Task<CitationBlock> CiteAsync(
        this HttpRequest request, Citations citations, IEnumerable<long> importFileIds, IEnumerable<(string Name, string? Value)> parameters,
        CancellationToken ct)
    {
        var citation = await citations.ForFilesAsync(importFileIds, ct);
        return request.Block(citation, parameters);
    }

    /// <summary>
    /// The citation of an answer whose own query read its data as of (<see cref="Citations.DataAsOfSql"/>): its files come from
    /// what <see cref="Citations"/> keeps for that version, read only when not kept yet.
    /// </summary>
    public static async Task<CitationBlock> CiteAsync(
        this HttpRequest request, Citations citations, IEnumerable<long> importFileIds, DateTimeOffset? dataAsOf,
        IEnumerable<(string Name, string? Value)> parameters, CancellationToken ct)
    {
        var citation = await citations.ForFilesAsync(importFileIds, dataAsOf, ct);
        return request.Block(citation, parameters);
    }

    private static CitationBlock Block(this HttpRequest request, Citation citation, IEnumerable<(string Name, string? Value)> parameters) =>
        new(citation.DataAsOf, citation.SourceFiles, citation.IncludesSyntheticData, request.LinkTo(request.Path, parameters));

    /// <summary>An absolute link to <paramref name="path"/> with the given parameters, empty ones left out, in the order given.</summary>
    public static string LinkTo(this HttpRequest request, string path, IEnumerable<(string Name, string? Value)> parameters)
    {
        var url = new StringBuilder($"{request.Scheme}://{request.Host}{request.PathBase}{path}");
        var separator = '?';
        foreach (var (name, value) in parameters)
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            url.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        return url.ToString();
    }
}
