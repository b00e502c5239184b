namespace ContractTracker.Benchmarks.Api;

internal static class EndpointNames
{
    public const string Relationships = "relationships";
    public const string Vendors = "vendors";
    public const string Awards = "awards";
    public const string Transactions = "transactions";

    public static readonly string[] All = [Relationships, Vendors, Awards, Transactions];
}

/// <summary>One question asked both ways: as an HTTP request to the API, and as its floor SQL with parameters.</summary>
/// <param name="Variant">The kind of question, for the breakdown (e.g. <c>sub-tier</c>, <c>typo</c>, <c>agency+fy by -amount</c>).</param>
/// <param name="Path">Path and query string, from the host on.</param>
/// <param name="Parameters">The floor's parameters: strings, integers and dates only, so Npgsql infers their types.</param>
internal sealed record BenchmarkRequest(string Variant, string Path, string Sql, IReadOnlyList<(string Name, object Value)> Parameters);

/// <summary>An endpoint under test: its route as the report names it, and the sampled requests clients cycle through.</summary>
internal sealed record EndpointWorkload(string Name, string Route, IReadOnlyList<BenchmarkRequest> Requests)
{
    /// <summary>The kinds of question, most frequent first.</summary>
    public IReadOnlyList<string> Variants { get; } =
        Requests.GroupBy(r => r.Variant).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToList();
}
