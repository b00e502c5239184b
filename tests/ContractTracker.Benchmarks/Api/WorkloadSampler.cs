using System.Globalization;
using Npgsql;

namespace ContractTracker.Benchmarks.Api;

/// <summary>
/// Samples each endpoint's requests from the benchmark database itself, with a fixed seed: candidates are read in a
/// fixed order and drawn with one seeded <see cref="Random"/> per endpoint, so the same database and seed always give
/// the same requests in the same order.
/// </summary>
internal sealed class WorkloadSampler(NpgsqlDataSource dataSource, int seed, int count)
{
    /// <summary>Words nobody types to find a company: legal forms, and the generator's numbering of repeated names (II, 3).</summary>
    private static readonly HashSet<string> NoiseWords = new(StringComparer.Ordinal)
    {
        "LLC", "L.L.C.", "INC", "INC.", "INCORPORATED", "CORP", "CORP.", "CORPORATION", "LP", "L.P.", "THE", "II", "III", "IV", "V", "VI",
    };

    private const int PageSize = 50;

    public async Task<EndpointWorkload> SampleAsync(string endpoint, CancellationToken ct) => endpoint switch
    {
        EndpointNames.Relationships => await RelationshipsAsync(ct),
        EndpointNames.Vendors => await VendorsAsync(ct),
        EndpointNames.Awards => await AwardsAsync(ct),
        EndpointNames.Transactions => await TransactionsAsync(ct),
        _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, "Unknown endpoint."),
    };

    /// <summary>
    /// (family parent UEI, agency) pairs drawn uniformly from the distinct (reported parent, awarding sub-tier) pairs of
    /// <c>relationship_fiscal_years</c>: 60 % as they are, 15 % at the sub-tier's toptier (070 or 097), 15 % through the
    /// funding lens (a (parent, funding sub-tier) pair), 10 % with a monthly series.
    /// </summary>
    private async Task<EndpointWorkload> RelationshipsAsync(CancellationToken ct)
    {
        var awarding = await PairsAsync("awarding", ct);
        var funding = await PairsAsync("funding", ct);
        var random = Random(EndpointNames.Relationships);
        var requests = new List<BenchmarkRequest>(count);
        for (var i = 0; i < count; i++)
        {
            var roll = random.NextDouble();
            var (variant, pair, column, agency, lens, monthly) = roll switch
            {
                < 0.60 => Pick("sub-tier", awarding, "awarding_sub_agency_code", toptier: false, funding: false, monthly: false),
                < 0.75 => Pick("toptier", awarding, "awarding_agency_code", toptier: true, funding: false, monthly: false),
                < 0.90 => Pick("funding lens", funding, "funding_sub_agency_code", toptier: false, funding: true, monthly: false),
                _ => Pick("monthly", awarding, "awarding_sub_agency_code", toptier: false, funding: false, monthly: true),
            };
            var path = Query("/api/v1/relationships", ("vendor", pair.Parent), ("agency", agency), ("lens", lens), ("interval", monthly ? "month" : null));
            requests.Add(new BenchmarkRequest(variant, path, FloorQueries.Relationship(column, monthly), [("vendor", pair.Parent), ("agency", agency)]));
        }

        return new EndpointWorkload(EndpointNames.Relationships, "GET /api/v1/relationships", requests);

        (string, Pair, string, string, string?, bool) Pick(string variant, IReadOnlyList<Pair> pairs, string column, bool toptier, bool funding, bool monthly)
        {
            var pair = pairs[random.Next(pairs.Count)];
            return (variant, pair, column, toptier ? pair.Toptier : pair.Subtier, funding ? "funding" : null, monthly);
        }
    }

    /// <summary>
    /// Name fragments as people type them: two consecutive words of a real recipient name (without the FICTIONAL/DEMO
    /// marker, legal forms and numbering), half of them in lower case; 15 % with one typo; 15 % a UEI instead.
    /// </summary>
    private async Task<EndpointWorkload> VendorsAsync(CancellationToken ct)
    {
        var names = await ListAsync("""
            SELECT n.name FROM recipient_names n JOIN recipients r ON r.uei = n.uei
            WHERE NOT r.is_sole_proprietorship ORDER BY n.uei, n.name
            """, r => r.GetString(0), ct);
        var ueis = await ListAsync("SELECT uei FROM recipients WHERE NOT is_sole_proprietorship ORDER BY uei", r => r.GetString(0), ct);
        var random = Random(EndpointNames.Vendors);
        var requests = new List<BenchmarkRequest>(count);
        for (var i = 0; i < count; i++)
        {
            var roll = random.NextDouble();
            var (variant, q) = roll switch
            {
                < 0.70 => ("two words", Fragment(random, names[random.Next(names.Count)], typo: false)),
                < 0.85 => ("two words, one typo", Fragment(random, names[random.Next(names.Count)], typo: true)),
                _ => ("UEI", ueis[random.Next(ueis.Count)]),
            };
            requests.Add(new BenchmarkRequest(variant, Query("/api/v1/vendors", ("q", q), ("limit", "20")), FloorQueries.VendorSearch, [("q", q), ("limit", 20)]));
        }

        return new EndpointWorkload(EndpointNames.Vendors, "GET /api/v1/vendors?q=", requests);
    }

    /// <summary>Award keys drawn uniformly: a quarter IDVs (with their orders), the rest contracts and orders.</summary>
    private async Task<EndpointWorkload> AwardsAsync(CancellationToken ct)
    {
        var idvs = await ListAsync("SELECT contract_award_unique_key FROM awards WHERE award_or_idv_flag = 'IDV' ORDER BY 1", r => r.GetString(0), ct);
        var awards = await ListAsync("SELECT contract_award_unique_key FROM awards WHERE award_or_idv_flag IS DISTINCT FROM 'IDV' ORDER BY 1", r => r.GetString(0), ct);
        var random = Random(EndpointNames.Awards);
        var requests = new List<BenchmarkRequest>(count);
        for (var i = 0; i < count; i++)
        {
            var idv = idvs.Count > 0 && (awards.Count == 0 || random.NextDouble() < 0.25);
            var key = idv ? idvs[random.Next(idvs.Count)] : awards[random.Next(awards.Count)];
            requests.Add(new BenchmarkRequest(idv ? "IDV" : "award", $"/api/v1/awards/{Uri.EscapeDataString(key)}", FloorQueries.Award, [("key", key)]));
        }

        return new EndpointWorkload(EndpointNames.Awards, "GET /api/v1/awards/{key}", requests);
    }

    /// <summary>
    /// Four questions, a quarter each: a family with an awarding sub-tier, newest first; a sub-tier's largest actions in a
    /// fiscal year; a family's actions, oldest first; everything in a date range of 1 to 92 days. Pages of 50.
    /// </summary>
    private async Task<EndpointWorkload> TransactionsAsync(CancellationToken ct)
    {
        var pairs = await PairsAsync("awarding", ct);
        var families = pairs.Select(p => p.Parent).Distinct().ToList();
        var subtiers = pairs.Select(p => p.Subtier).Distinct().Order(StringComparer.Ordinal).ToList();
        var (firstYear, lastYear) = await RangeAsync<int>("SELECT min(fiscal_year), max(fiscal_year) FROM relationship_fiscal_years", ct);
        var (firstDay, lastDay) = await RangeAsync<DateOnly>("SELECT min(action_date), max(action_date) FROM transactions", ct);
        var random = Random(EndpointNames.Transactions);
        var requests = new List<BenchmarkRequest>(count);
        for (var i = 0; i < count; i++)
        {
            switch (random.Next(4))
            {
                case 0:
                {
                    var pair = pairs[random.Next(pairs.Count)];
                    requests.Add(new BenchmarkRequest("vendor+agency by -date",
                        Query("/api/v1/transactions", ("vendor", pair.Parent), ("agency", pair.Subtier), ("sort", "-action_date"), ("limit", Text(PageSize))),
                        FloorQueries.VendorAgencyTransactions("awarding_sub_agency_code"),
                        [("vendor", pair.Parent), ("agency", pair.Subtier), ("limit", PageSize)]));
                    break;
                }

                case 1:
                {
                    var agency = subtiers[random.Next(subtiers.Count)];
                    var year = random.Next(firstYear, lastYear + 1);
                    requests.Add(new BenchmarkRequest("agency+fy by -amount",
                        Query("/api/v1/transactions", ("agency", agency), ("fiscal_year", Text(year)), ("sort", "-amount"), ("limit", Text(PageSize))),
                        FloorQueries.AgencyFiscalYearByAmount,
                        [("agency", agency), ("fiscal_year", year), ("limit", PageSize)]));
                    break;
                }

                case 2:
                {
                    var family = families[random.Next(families.Count)];
                    requests.Add(new BenchmarkRequest("vendor by date",
                        Query("/api/v1/transactions", ("vendor", family), ("sort", "action_date"), ("limit", Text(PageSize))),
                        FloorQueries.VendorTransactions, [("vendor", family), ("limit", PageSize)]));
                    break;
                }

                default:
                {
                    var from = firstDay.AddDays(random.Next(Math.Max(1, lastDay.DayNumber - firstDay.DayNumber)));
                    var to = from.AddDays(random.Next(92));
                    requests.Add(new BenchmarkRequest("date range",
                        Query("/api/v1/transactions", ("from", Date(from)), ("to", Date(to)), ("sort", "action_date"), ("limit", Text(PageSize))),
                        FloorQueries.DateRangeTransactions, [("from", from), ("to", to), ("limit", PageSize)]));
                    break;
                }
            }
        }

        return new EndpointWorkload(EndpointNames.Transactions, "GET /api/v1/transactions", requests);
    }

    private sealed record Pair(string Parent, string Subtier, string Toptier);

    /// <summary>Distinct (reported parent, sub-tier) pairs of one lens with their toptier; families headed by a person are left out.</summary>
    private Task<List<Pair>> PairsAsync(string lens, CancellationToken ct) => ListAsync($"""
        SELECT f.reported_parent_uei, f.{lens}_sub_agency_code, min(f.{lens}_agency_code)
        FROM relationship_fiscal_years f
        WHERE f.{lens}_sub_agency_code IS NOT NULL AND f.{lens}_agency_code IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM recipients r WHERE r.uei = f.reported_parent_uei AND r.is_sole_proprietorship)
        GROUP BY 1, 2
        ORDER BY 1, 2
        """, r => new Pair(r.GetString(0), r.GetString(1), r.GetString(2)), ct);

    /// <summary>Two consecutive words of the name as someone would type them, optionally with one slip of the finger.</summary>
    private static string Fragment(Random random, string name, bool typo)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.TrimEnd(',')).ToList();
        if (words.Count > 0 && words[0] is "FICTIONAL" or "DEMO")
        {
            words.RemoveAt(0);
        }

        words.RemoveAll(w => NoiseWords.Contains(w) || w.All(char.IsAsciiDigit));
        if (words.Count == 0)
        {
            words = [name];
        }

        var start = words.Count > 2 ? random.Next(words.Count - 1) : 0;
        var picked = words.Skip(start).Take(2).ToArray();
        if (typo)
        {
            var candidates = Enumerable.Range(0, picked.Length).Where(i => picked[i].Length >= 4).ToList();
            if (candidates.Count > 0)
            {
                var index = candidates[random.Next(candidates.Count)];
                picked[index] = Misspell(random, picked[index]);
            }
        }

        var fragment = string.Join(' ', picked);
        return random.NextDouble() < 0.5 ? fragment.ToLowerInvariant() : fragment;
    }

    /// <summary>Swaps two neighbouring letters, drops one, or doubles one, somewhere after the first letter.</summary>
    private static string Misspell(Random random, string word)
    {
        var i = 1 + random.Next(word.Length - 2);
        return random.Next(3) switch
        {
            0 => string.Concat(word.AsSpan(0, i), word.AsSpan(i + 1, 1), word.AsSpan(i, 1), word.AsSpan(i + 2)),
            1 => string.Concat(word.AsSpan(0, i), word.AsSpan(i + 1)),
            _ => string.Concat(word.AsSpan(0, i + 1), word.AsSpan(i)),
        };
    }

    /// <summary>One generator per endpoint, so sampling one endpoint never shifts another's requests.</summary>
    private Random Random(string endpoint) => new(unchecked(seed * 31 + StableHash(endpoint)));

    /// <summary>A hash of the endpoint's name that is the same in every process (string.GetHashCode and HashCode are not).</summary>
    private static int StableHash(string text) => text.Aggregate(17, (hash, c) => unchecked(hash * 31 + c));

    private static string Query(string path, params (string Name, string? Value)[] parameters) =>
        path + "?" + string.Join('&', parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<List<T>> ListAsync<T>(string sql, Func<NpgsqlDataReader, T> read, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var list = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            list.Add(read(reader));
        }

        if (list.Count == 0)
        {
            throw new BenchmarkFailure($"The benchmark database has nothing to sample from:\n{sql}");
        }

        return list;
    }

    private async Task<(T First, T Last)> RangeAsync<T>(string sql, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetFieldValue<T>(0), reader.GetFieldValue<T>(1));
    }
}
