using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using ContractTracker.Database;
using ContractTracker.Provenance;
using Npgsql;

namespace ContractTracker.Vendors;

/// <summary>
/// Vendors are recipient families: a parent UEI as the transactions report it, with the UEIs under it. A recipient
/// flagged as a sole proprietorship is a person: it is never a search hit, a profile, a family or a family member.
/// </summary>
public sealed partial class VendorDirectory(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// How close a name must come to the query, as pg_trgm word similarity (its default is 0.6). At 0.5 one swapped pair of
    /// letters in a single word still matches ("lantren" finds LANTERN ANALYTICS); ranking keeps the closer names first.
    /// </summary>
    public const double NameThreshold = 0.5;

    /// <summary>
    /// The scope for a UEI, or null when no such vendor exists (or it is a person). <paramref name="wholeFamily"/> asks for the
    /// family the UEI heads; a UEI that heads none is a family of one. <paramref name="withRanges"/> also reads, in the same
    /// round trip, the family's <see cref="VendorScope.Ranges"/> (for a page of its actions).
    /// </summary>
    public async Task<VendorScope?> ResolveAsync(string uei, bool wholeFamily, FamilyView view, bool withRanges, CancellationToken ct)
    {
        uei = uei.Trim().ToUpperInvariant();
        // Everyone who could belong to the family in either view, each branch one index range.
        // The ranges are those of a family as reported (VendorScope.HasFamilyRanges); they depend on the UEI alone.
        var ranges = withRanges && wholeFamily && view == FamilyView.AsReported;
        await using var command = dataSource.CreateCommand("""
            WITH candidates AS (
                SELECT @uei AS uei
                UNION SELECT uei FROM recipients WHERE latest_parent_uei = @uei
                UNION SELECT uei FROM recipient_parents WHERE parent_uei = @uei
            )
            SELECT r.uei, r.is_sole_proprietorship, r.latest_parent_uei = @uei,
                   EXISTS (SELECT 1 FROM recipient_parents p WHERE p.uei = r.uei AND p.parent_uei = @uei)
            FROM candidates c JOIN recipients r ON r.uei = c.uei
            """ + (ranges ? $";\n{VendorScope.FamilyRangesSql}" : ""));
        command.Parameters.AddWithValue("uei", uei);
        command.Parameters.AddWithValue("vendor", uei);
        var self = (Found: false, SoleProprietor: false);
        List<string> reported = [], latest = [], people = [];
        FamilyRanges? familyRanges = null;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var member = reader.GetString(0);
                var soleProprietor = reader.GetBoolean(1);
                if (member == uei)
                {
                    self = (true, soleProprietor);
                }
                else if (soleProprietor)
                {
                    people.Add(member);
                }
                else
                {
                    if (!reader.IsDBNull(2) && reader.GetBoolean(2))
                    {
                        latest.Add(member);
                    }

                    if (reader.GetBoolean(3))
                    {
                        reported.Add(member);
                    }
                }
            }

            if (ranges)
            {
                await reader.NextResultAsync(ct);
                await reader.ReadAsync(ct);
                familyRanges = VendorScope.ReadRanges(reader);
            }
        }

        if (self.SoleProprietor || (!self.Found && reported.Count == 0 && latest.Count == 0))
        {
            return null;
        }

        return new VendorScope(uei, wholeFamily, view, WithVendor(latest, uei))
        {
            ReportedMembers = WithVendor(reported, uei),
            ExcludedPeople = people.Order(StringComparer.Ordinal).ToArray(),
            Ranges = familyRanges,
        };
    }

    private static string[] WithVendor(List<string> members, string uei) => members.Append(uei).Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Families matching a name fragment (case, punctuation and small typos ignored), a UEI or a DUNS, best match first:
    /// closest name, then the family whose best-matching member received the most, then by parent UEI.
    /// </summary>
    /// <remarks>
    /// A name matches when every word of the query is like a word of the name: the query word's pg_trgm word similarity
    /// to it reaches <see cref="NameThreshold"/> (a prefix such as LANT, or a typo such as LANTREN, is like LANTERN). The
    /// words alike are looked up once in the vocabulary of names' words (<c>name_words</c>, a trigram index), and the names
    /// holding them in the names' word index; a name's score is the mean, over the query's words, of the similarity of the
    /// name's closest word. A name holding the query's words as a phrase scores 1 and comes first among equals.
    /// Only the best names are read for their families, as many as make up the page; when the phrases alone make up the
    /// page, no similar name is looked for. What stays proportional to the names found is one index entry and one
    /// narrow row each, so common words (two of them are in thousands of names) stay cheap.
    /// </remarks>
    public async Task<VendorSearchResult> SearchAsync(string text, FamilyView view, int limit, CancellationToken ct)
    {
        var words = QueryWords(text);
        var sql = SearchStatements.GetOrAdd((words.Length, view), key => SearchSql(key.WordCount, key.View));
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        // The best names are read until they hold the page's families (or there are no more).
        List<(string Family, double Score, string? MatchedName, string MatchedOn)> ranked;
        for (var probe = limit * ProbeNamesPerFamily; ; probe *= ProbeNamesPerFamily)
        {
            (ranked, var probed) = await RankAsync(connection, sql, words, text, probe, limit, ct);
            if (ranked.Count >= limit || probed < probe)
            {
                break;
            }
        }

        var (summaries, dataAsOf) = await SummarizeAsync(connection, ranked.Select(r => r.Family).ToArray(), view, ct);
        return new VendorSearchResult(
            ranked
                .Where(r => summaries.ContainsKey(r.Family))
                .Select(r => new VendorSearchHit(summaries[r.Family], Math.Round(r.Score, 3), r.MatchedName, r.MatchedOn))
                .ToList(),
            dataAsOf);
    }

    /// <summary>Names read for their families per family on the page, to begin with (a company has a few spellings).</summary>
    private const int ProbeNamesPerFamily = 8;

    private static async Task<(List<(string Family, double Score, string? MatchedName, string MatchedOn)> Found, long Probed)> RankAsync(
        NpgsqlConnection connection, string sql, string[] words, string text, int probe, int limit, CancellationToken ct)
    {
        var search = new NpgsqlBatchCommand(sql);
        // Normalised words hold only A-Z, 0-9 and single spaces: nothing LIKE reads as a wildcard.
        search.Parameters.AddWithValue("words", words);
        search.Parameters.AddWithValue("phrase_words", $"% {string.Join(' ', words)} %");
        for (var i = 0; i < words.Length; i++)
        {
            search.Parameters.AddWithValue($"w{i}", words[i]);
        }

        search.Parameters.AddWithValue("id", text.Trim().ToUpperInvariant());
        search.Parameters.AddWithValue("probe", probe);
        search.Parameters.AddWithValue("limit", limit);

        var found = new List<(string Family, double Score, string? MatchedName, string MatchedOn)>();
        long probed = 0;
        await using var batch = new NpgsqlBatch(connection);
        // The threshold holds for this batch's implicit transaction only, so it never leaks to the pooled connection.
        // A custom plan for each query costs more to plan than to run; the one generic plan serves every query of its shape.
        batch.BatchCommands.Add(new NpgsqlBatchCommand(SearchSettingsSql));
        batch.BatchCommands.Add(search);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            found.Add((reader.GetString(0), reader.GetDouble(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3)));
            probed = reader.GetInt64(4);
        }

        return (found, probed);
    }

    private static readonly string SearchSettingsSql = $"""
        SELECT set_config('pg_trgm.word_similarity_threshold', '{NameThreshold.ToString(CultureInfo.InvariantCulture)}', true),
               {DatabaseUrl.GenericPlansInBatch}
        """;

    /// <summary>The search statements made so far, by word count (at most <see cref="MaxQueryWords"/>) and view.</summary>
    private static readonly ConcurrentDictionary<(int WordCount, FamilyView View), string> SearchStatements = new();

    /// <summary>The search statement for a query of <paramref name="wordCount"/> words (one text per count and view).</summary>
    private static string SearchSql(int wordCount, FamilyView view)
    {
        var indexes = Enumerable.Range(0, wordCount).ToList();
        // A hit is a recipient (never a person); its families are the parents it reported, or its latest parent.
        string Families(string hits) => view == FamilyView.LatestParent
            ? $"SELECT coalesce(r.latest_parent_uei, r.uei) AS family, h.* FROM {hits} h JOIN recipients r ON r.uei = h.uei"
            : $"SELECT p.parent_uei AS family, h.* FROM {hits} h JOIN recipient_parents p ON p.uei = h.uei";
        const string Person = "EXISTS (SELECT 1 FROM recipients s WHERE s.uei = {0} AND s.is_sole_proprietorship)";
        var phrase = "n.words @> @words AND (' ' || n.normalized_name || ' ') LIKE @phrase_words";
        var alike = wordCount == 0
            ? "SELECT NULL::int AS i, NULL::text AS word, NULL::float8 AS similarity WHERE false"
            : string.Join("\n    UNION ALL\n    ", indexes.Select(i => $"""
                SELECT {i} AS i, v.word, word_similarity(@w{i}, v.word)::float8 AS similarity
                FROM name_words v WHERE (SELECT needed FROM similar_needed) AND v.word %> @w{i}
                """));
        var everyWordAlike = string.Join(" AND ", indexes.Select(i => $"n.words && ARRAY(SELECT a.word FROM alike a WHERE a.i = {i})"));
        // A UEI that heads a family finds that family even when it never received anything itself.
        var headed = view == FamilyView.LatestParent
            ? """
              SELECT r.latest_parent_uei, NULL, NULL, 1::float8, true, 'uei', 0 FROM recipients r
              WHERE r.latest_parent_uei = @id AND NOT r.is_sole_proprietorship LIMIT 1
              """
            : """
              SELECT p.parent_uei, NULL, NULL, 1::float8, true, 'uei', 0 FROM recipient_parents p JOIN recipients r ON r.uei = p.uei
              WHERE p.parent_uei = @id AND NOT r.is_sole_proprietorship LIMIT 1
              """;
        return $"""
            WITH phrase (uei, matched_name, score, phrase, matched_on, obligated) AS MATERIALIZED (
                SELECT n.uei, n.name, 1::float8, true, 'name', n.recipient_obligated_amount
                FROM recipient_names n
                WHERE {(wordCount == 0 ? "false" : phrase)} AND NOT n.recipient_is_sole_proprietorship
                ORDER BY n.recipient_obligated_amount DESC, n.uei COLLATE "C", n.name COLLATE "C"
                LIMIT @probe
            ),
            -- Similar names are looked for only when the phrases (all of them: fewer than the probe) do not make up the page.
            similar_needed AS MATERIALIZED (
                SELECT (SELECT count(*) FROM phrase) < @probe
                   AND (SELECT count(DISTINCT f.family) FROM ({Families("phrase")}) f WHERE NOT {string.Format(Person, "f.family")}) < @limit AS needed
            ),
            alike AS MATERIALIZED (
                {alike}
            ),
            hits AS (
                SELECT * FROM phrase
                UNION ALL
                {(wordCount == 0 ? "" : $"""
                SELECT n.uei, n.name,
                       (SELECT sum(b.best) FROM (SELECT max(a.similarity) AS best FROM alike a WHERE a.word = ANY(n.words) GROUP BY a.i) b) / {wordCount},
                       false, 'name', n.recipient_obligated_amount
                FROM recipient_names n
                WHERE (SELECT needed FROM similar_needed) AND {everyWordAlike}
                  AND NOT n.recipient_is_sole_proprietorship AND NOT ({phrase})
                UNION ALL
                """)}
                SELECT r.uei, NULL, 1, true, CASE WHEN r.uei = @id THEN 'uei' ELSE 'duns' END, r.obligated_amount
                FROM recipients r WHERE (r.uei = @id OR r.duns = @id) AND NOT r.is_sole_proprietorship
            ),
            probe AS MATERIALIZED (
                SELECT * FROM hits h
                ORDER BY h.score DESC, h.phrase DESC, h.obligated DESC, h.uei COLLATE "C", h.matched_name COLLATE "C"
                LIMIT @probe
            ),
            families AS (
                {Families("probe")}
                UNION ALL
                ({headed})
            ),
            best AS (
                SELECT DISTINCT ON (f.family) f.family, f.score, f.matched_name, f.matched_on, f.phrase, f.obligated
                FROM families f
                ORDER BY f.family, f.score DESC, f.matched_on = 'name', f.phrase DESC, f.obligated DESC, f.matched_name COLLATE "C"
            )
            SELECT b.family, b.score, b.matched_name, b.matched_on, (SELECT count(*) FROM probe)
            FROM best b
            WHERE NOT {string.Format(Person, "b.family")}
            ORDER BY b.score DESC, b.phrase DESC, b.obligated DESC, b.family COLLATE "C"
            LIMIT @limit
            """;
    }

    /// <summary>
    /// The query's words, normalised as the SQL function <c>normalize_name</c> normalises names (upper case; periods,
    /// commas, quotes and apostrophes dropped; any other run of characters but A-Z and 0-9 a word break): at most eight.
    /// </summary>
    public static string[] QueryWords(string text) =>
        NonWord().Replace(Dropped().Replace(text.ToUpperInvariant(), ""), " ")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct().Take(MaxQueryWords).ToArray();

    private const int MaxQueryWords = 8;

    [GeneratedRegex("[.,'\"`]")]
    private static partial Regex Dropped();

    [GeneratedRegex("[^A-Z0-9]+")]
    private static partial Regex NonWord();

    /// <summary>Totals, members, names and source files of families, by parent UEI, and the data as of they were read at.</summary>
    private static async Task<(Dictionary<string, VendorFamilySummary> Families, DateTimeOffset? DataAsOf)> SummarizeAsync(
        NpgsqlConnection connection, string[] families, FamilyView view, CancellationToken ct)
    {
        // Each row is a member's actions counted in a family, with the parent name those actions reported (null for the
        // family's own actions under another parent). The family's own UEI always belongs; people never do.
        var membership = view == FamilyView.LatestParent
            ? """
              SELECT r.latest_parent_uei AS family, r.uei, r.obligated_amount, r.transaction_count, r.first_action_date, r.last_action_date,
                     r.latest_parent_name, r.name, r.import_file_ids
              FROM recipients r
              WHERE r.latest_parent_uei = ANY(@families) AND NOT r.is_sole_proprietorship
              UNION ALL
              SELECT r.uei, r.uei, r.obligated_amount, r.transaction_count, r.first_action_date, r.last_action_date,
                     NULL, r.name, r.import_file_ids
              FROM recipients r
              WHERE r.uei = ANY(@families) AND r.latest_parent_uei IS DISTINCT FROM r.uei AND NOT r.is_sole_proprietorship
              """
            : """
              SELECT p.parent_uei AS family, p.uei, p.obligated_amount, p.transaction_count, p.first_action_date, p.last_action_date,
                     p.parent_name, r.name, r.import_file_ids
              FROM recipient_parents p JOIN recipients r ON r.uei = p.uei
              WHERE p.parent_uei = ANY(@families) AND NOT r.is_sole_proprietorship
              UNION ALL
              SELECT p.uei, p.uei, p.obligated_amount, p.transaction_count, p.first_action_date, p.last_action_date,
                     NULL, r.name, r.import_file_ids
              FROM recipient_parents p JOIN recipients r ON r.uei = p.uei
              WHERE p.uei = ANY(@families) AND p.parent_uei <> p.uei AND NOT r.is_sole_proprietorship
              """;
        // The members' rows, every name they were reported under and the data as of, in one round trip.
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(membership) { Parameters = { new NpgsqlParameter("families", families) } },
                new NpgsqlBatchCommand($"SELECT n.uei, n.name FROM recipient_names n WHERE n.uei IN (SELECT m.uei FROM ({membership}) m)")
                {
                    Parameters = { new NpgsqlParameter("families", families) },
                },
                new NpgsqlBatchCommand(Citations.DataAsOfSql),
            },
        };
        DateTimeOffset? dataAsOf;
        var rows = new List<FamilyMemberRow>();
        var names = new List<(string Uei, string Name)>();
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add(new FamilyMemberRow(
                    reader.GetString(0), reader.GetString(1), reader.GetDecimal(2), reader.GetInt32(3),
                    reader.GetFieldValue<DateOnly>(4), reader.GetFieldValue<DateOnly>(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                    reader.GetFieldValue<long[]>(8)));
            }

            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                names.Add((reader.GetString(0), reader.GetString(1)));
            }

            dataAsOf = await Citations.ReadNextDataAsOfAsync(reader, ct);
        }

        var namesOf = names.ToLookup(n => n.Uei, n => n.Name, StringComparer.Ordinal);
        return (rows.GroupBy(r => r.Family, StringComparer.Ordinal).ToDictionary(g => g.Key, g =>
        {
            var ueis = g.Select(r => r.Uei).Distinct().Order(StringComparer.Ordinal).ToList();
            var parentName = g.Where(r => r.ReportedParentName is not null)
                .OrderByDescending(r => r.LastActionDate).ThenBy(r => r.Uei, StringComparer.Ordinal)
                .Select(r => r.ReportedParentName).FirstOrDefault()
                ?? g.FirstOrDefault(r => r.Uei == g.Key)?.Name;
            return new VendorFamilySummary(
                g.Key, parentName, g.Sum(r => r.ObligatedAmount), g.Sum(r => (long)r.TransactionCount),
                g.Min(r => r.FirstActionDate), g.Max(r => r.LastActionDate), ueis,
                ueis.SelectMany(u => namesOf[u]).Distinct().Order(StringComparer.Ordinal).ToList(),
                g.SelectMany(r => r.ImportFileIds).Distinct().Order().ToList());
        }, StringComparer.Ordinal), dataAsOf);
    }

    /// <summary>A member's actions counted in a family, as <see cref="SummarizeAsync"/> reads them.</summary>
    private sealed record FamilyMemberRow(
        string Family, string Uei, decimal ObligatedAmount, int TransactionCount, DateOnly FirstActionDate, DateOnly LastActionDate,
        string? ReportedParentName, string? Name, long[] ImportFileIds);
}

/// <summary>A vendor family: its parent with the members counted in a view, and their totals.</summary>
/// <param name="ParentUei">The family's parent UEI (the vendor's address).</param>
/// <param name="ParentName">The parent's name as the members' latest actions reported it (else its own latest name).</param>
/// <param name="ObligatedAmount">Sum of <c>federal_action_obligation</c> over the family's actions, de-obligations included.</param>
/// <param name="MemberUeis">The UEIs in the family.</param>
/// <param name="NamesSeen">Every name the members were reported under.</param>
/// <param name="ImportFileIds">The files of the members' transactions.</param>
public sealed record VendorFamilySummary(
    string ParentUei, string? ParentName, decimal ObligatedAmount, long TransactionCount, DateOnly FirstActionDate, DateOnly LastActionDate,
    IReadOnlyList<string> MemberUeis, IReadOnlyList<string> NamesSeen, IReadOnlyList<long> ImportFileIds);

/// <summary>A search's families, best first, and the data as of they were read at.</summary>
public sealed record VendorSearchResult(IReadOnlyList<VendorSearchHit> Hits, DateTimeOffset? DataAsOf);

/// <summary>A family found by a search, with how well and by what it matched.</summary>
/// <param name="Score">The mean over the query's words of the word similarity of the closest word of the matched name (1 for a UEI or DUNS).</param>
/// <param name="MatchedName">The name that matched, for a name match.</param>
/// <param name="MatchedOn"><c>name</c>, <c>uei</c> or <c>duns</c>.</param>
public sealed record VendorSearchHit(VendorFamilySummary Family, double Score, string? MatchedName, string MatchedOn);
