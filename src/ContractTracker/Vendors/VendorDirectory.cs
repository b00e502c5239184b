using System.Globalization;
using System.Text.RegularExpressions;
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
    /// family the UEI heads; a UEI that heads none is a family of one.
    /// </summary>
    public async Task<VendorScope?> ResolveAsync(string uei, bool wholeFamily, FamilyView view, CancellationToken ct)
    {
        uei = uei.Trim().ToUpperInvariant();
        // Everyone who could belong to the family in either view, each branch one index range.
        await using var command = dataSource.CreateCommand("""
            WITH candidates AS (
                SELECT @uei AS uei
                UNION SELECT uei FROM recipients WHERE latest_parent_uei = @uei
                UNION SELECT uei FROM recipient_parents WHERE parent_uei = @uei
            )
            SELECT r.uei, r.is_sole_proprietorship, r.latest_parent_uei = @uei,
                   EXISTS (SELECT 1 FROM recipient_parents p WHERE p.uei = r.uei AND p.parent_uei = @uei)
            FROM candidates c JOIN recipients r ON r.uei = c.uei
            """);
        command.Parameters.AddWithValue("uei", uei);
        var self = (Found: false, SoleProprietor: false);
        List<string> reported = [], latest = [], people = [];
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
        }

        if (self.SoleProprietor || (!self.Found && reported.Count == 0 && latest.Count == 0))
        {
            return null;
        }

        return new VendorScope(uei, wholeFamily, view, WithVendor(latest, uei))
        {
            ReportedMembers = WithVendor(reported, uei),
            ExcludedPeople = people.Order(StringComparer.Ordinal).ToArray(),
        };
    }

    private static string[] WithVendor(List<string> members, string uei) => members.Append(uei).Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Families matching a name fragment (case, punctuation and small typos ignored), a UEI or a DUNS, best match first:
    /// closest name, then the family whose best-matching member received the most, then by parent UEI.
    /// </summary>
    /// <remarks>
    /// A name matches when every word of the query is like a word of the name (pg_trgm word similarity per word, so each
    /// condition is a trigram index lookup and a common word such as INC only narrows the rarer ones); the score is the
    /// word similarity of the whole query. A name holding the query's words as a phrase scores 1, the most there is: when
    /// such names already make up <paramref name="limit"/> families, the answer is theirs (by what they received), and the
    /// similarity of every other name is not computed. That is what makes a search for common words cheap: finding
    /// a phrase is a trigram index lookup and a LIKE, while word similarity costs microseconds a name, and two common words
    /// are in thousands of names.
    /// </remarks>
    public async Task<IReadOnlyList<VendorSearchHit>> SearchAsync(string text, FamilyView view, int limit, CancellationToken ct)
    {
        var words = QueryWords(text);
        var nameCondition = words.Length == 0 ? "false" : string.Join(" AND ", words.Select((_, i) => $"n.normalized_name %> @w{i}"));
        // A hit is a recipient (never a person); its families are the parents it reported, or its latest parent.
        string Families(string hits) => view == FamilyView.LatestParent
            ? $"""
              SELECT coalesce(r.latest_parent_uei, r.uei) AS family, h.score, h.matched_name, h.matched_on, r.obligated_amount
              FROM {hits} h JOIN recipients r ON r.uei = h.uei
              WHERE NOT r.is_sole_proprietorship
              """
            : $"""
              SELECT p.parent_uei AS family, h.score, h.matched_name, h.matched_on, r.obligated_amount
              FROM {hits} h JOIN recipients r ON r.uei = h.uei JOIN recipient_parents p ON p.uei = h.uei
              WHERE NOT r.is_sole_proprietorship
              """;
        // A UEI that heads a family finds that family even when it never received anything itself.
        var headed = view == FamilyView.LatestParent
            ? """
              SELECT r.latest_parent_uei, 1, NULL, 'uei', 0 FROM recipients r
              WHERE r.latest_parent_uei = @id AND NOT r.is_sole_proprietorship LIMIT 1
              """
            : """
              SELECT p.parent_uei, 1, NULL, 'uei', 0 FROM recipient_parents p JOIN recipients r ON r.uei = p.uei
              WHERE p.parent_uei = @id AND NOT r.is_sole_proprietorship LIMIT 1
              """;
        var search = new NpgsqlBatchCommand($"""
            WITH phrase_hits AS (
                SELECT n.uei, 1::float8 AS score, n.name AS matched_name, 'name' AS matched_on
                FROM recipient_names n
                WHERE n.normalized_name LIKE @phrase_anywhere AND (' ' || n.normalized_name || ' ') LIKE @phrase_words
            ),
            phrase_families AS MATERIALIZED ({Families("phrase_hits")}),
            similar_hits AS (
                SELECT n.uei, word_similarity(@normalized, n.normalized_name)::float8 AS score, n.name AS matched_name, 'name' AS matched_on
                FROM recipient_names n
                WHERE {nameCondition}
                  AND (SELECT count(DISTINCT f.family) FROM phrase_families f
                       WHERE NOT EXISTS (SELECT 1 FROM recipients s WHERE s.uei = f.family AND s.is_sole_proprietorship)) < @limit
                UNION ALL
                SELECT r.uei, 1, NULL, CASE WHEN r.uei = @id THEN 'uei' ELSE 'duns' END
                FROM recipients r WHERE r.uei = @id OR r.duns = @id
            ),
            families AS (
                SELECT * FROM phrase_families
                UNION ALL
                {Families("similar_hits")}
                UNION ALL
                ({headed})
            ),
            best AS (
                SELECT DISTINCT ON (f.family) f.family, f.score, f.matched_name, f.matched_on, f.obligated_amount
                FROM families f
                ORDER BY f.family, f.score DESC, f.matched_on = 'name', f.obligated_amount DESC, f.matched_name COLLATE "C"
            )
            SELECT b.family, b.score, b.matched_name, b.matched_on
            FROM best b
            WHERE NOT EXISTS (SELECT 1 FROM recipients s WHERE s.uei = b.family AND s.is_sole_proprietorship)
            ORDER BY b.score DESC, b.obligated_amount DESC, b.family COLLATE "C"
            LIMIT @limit
            """);
        // Normalised words hold only A-Z, 0-9 and single spaces: nothing LIKE reads as a wildcard.
        var phrase = string.Join(' ', words);
        search.Parameters.AddWithValue("phrase_anywhere", words.Length == 0 ? "" : $"%{phrase}%");
        search.Parameters.AddWithValue("phrase_words", words.Length == 0 ? "" : $"% {phrase} %");
        search.Parameters.AddWithValue("normalized", string.Join(' ', words));
        for (var i = 0; i < words.Length; i++)
        {
            search.Parameters.AddWithValue($"w{i}", words[i]);
        }

        search.Parameters.AddWithValue("id", text.Trim().ToUpperInvariant());
        search.Parameters.AddWithValue("limit", limit);

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var ranked = new List<(string Family, double Score, string? MatchedName, string MatchedOn)>();
        await using (var batch = new NpgsqlBatch(connection))
        {
            // The threshold holds for this batch's implicit transaction only, so it never leaks to the pooled connection.
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                $"SELECT set_config('pg_trgm.word_similarity_threshold', '{NameThreshold.ToString(CultureInfo.InvariantCulture)}', true)"));
            batch.BatchCommands.Add(search);
            await using var reader = await batch.ExecuteReaderAsync(ct);
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                ranked.Add((reader.GetString(0), reader.GetDouble(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3)));
            }
        }

        var summaries = await SummarizeAsync(connection, ranked.Select(r => r.Family).ToArray(), view, ct);
        return ranked
            .Where(r => summaries.ContainsKey(r.Family))
            .Select(r => new VendorSearchHit(summaries[r.Family], Math.Round(r.Score, 3), r.MatchedName, r.MatchedOn))
            .ToList();
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

    /// <summary>Totals, members, names and source files of families, by parent UEI.</summary>
    private static async Task<Dictionary<string, VendorFamilySummary>> SummarizeAsync(
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
        var rows = new List<FamilyMemberRow>();
        await using (var command = new NpgsqlCommand(membership, connection))
        {
            command.Parameters.AddWithValue("families", families);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                rows.Add(new FamilyMemberRow(
                    reader.GetString(0), reader.GetString(1), reader.GetDecimal(2), reader.GetInt32(3),
                    reader.GetFieldValue<DateOnly>(4), reader.GetFieldValue<DateOnly>(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                    reader.GetFieldValue<long[]>(8)));
            }
        }

        var names = new List<(string Uei, string Name)>();
        await using (var command = new NpgsqlCommand("SELECT uei, name FROM recipient_names WHERE uei = ANY(@ueis)", connection))
        {
            command.Parameters.AddWithValue("ueis", rows.Select(r => r.Uei).Distinct().ToArray());
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                names.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var namesOf = names.ToLookup(n => n.Uei, n => n.Name, StringComparer.Ordinal);
        return rows.GroupBy(r => r.Family, StringComparer.Ordinal).ToDictionary(g => g.Key, g =>
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
        }, StringComparer.Ordinal);
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

/// <summary>A family found by a search, with how well and by what it matched.</summary>
/// <param name="Score">pg_trgm word similarity of the query to the closest name (1 for a UEI or DUNS).</param>
/// <param name="MatchedName">The name that matched, for a name match.</param>
/// <param name="MatchedOn"><c>name</c>, <c>uei</c> or <c>duns</c>.</param>
public sealed record VendorSearchHit(VendorFamilySummary Family, double Score, string? MatchedName, string MatchedOn);
