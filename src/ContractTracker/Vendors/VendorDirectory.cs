using ContractTracker.Agencies;
using Npgsql;

namespace ContractTracker.Vendors;

/// <summary>
/// Vendors are recipient families: a parent UEI as the transactions report it, with the UEIs under it. A recipient
/// flagged as a sole proprietorship is a person: it is never a search hit, a profile or a family of its own.
/// </summary>
public sealed class VendorDirectory(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// The scope for a UEI, or null when no such vendor exists (or it is a person). <paramref name="wholeFamily"/> asks for the
    /// family the UEI heads; a UEI that heads none is a family of one.
    /// </summary>
    public async Task<VendorScope?> ResolveAsync(string uei, bool wholeFamily, FamilyView view, CancellationToken ct)
    {
        uei = uei.Trim().ToUpperInvariant();
        await using var command = dataSource.CreateCommand("""
            SELECT (SELECT is_sole_proprietorship FROM recipients WHERE uei = @uei),
                   EXISTS (SELECT 1 FROM recipient_parents WHERE parent_uei = @uei),
                   ARRAY(SELECT uei FROM recipients WHERE coalesce(latest_parent_uei, uei) = @uei ORDER BY uei)
            """);
        command.Parameters.AddWithValue("uei", uei);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        bool? soleProprietor = reader.IsDBNull(0) ? null : reader.GetBoolean(0);
        var isReportedParent = reader.GetBoolean(1);
        var latestMembers = reader.GetFieldValue<string[]>(2);
        if (soleProprietor == true || (soleProprietor is null && !isReportedParent && latestMembers.Length == 0))
        {
            return null;
        }

        return new VendorScope(uei, wholeFamily, view, latestMembers.Append(uei).Distinct().Order(StringComparer.Ordinal).ToArray());
    }

    /// <summary>
    /// Families matching a name fragment (case, punctuation and small typos ignored), a UEI or a DUNS, best match first.
    /// </summary>
    public async Task<IReadOnlyList<VendorFamilySummary>> SearchAsync(string text, FamilyView view, int limit, CancellationToken ct)
    {
        var familyOfHit = view == FamilyView.LatestParent
            ? "SELECT coalesce(r.latest_parent_uei, r.uei) AS family, h.score, h.matched_name FROM hits h JOIN recipients r ON r.uei = h.uei WHERE NOT r.is_sole_proprietorship"
            : "SELECT p.parent_uei AS family, h.score, h.matched_name FROM hits h JOIN recipients r ON r.uei = h.uei JOIN recipient_parents p ON p.uei = h.uei WHERE NOT r.is_sole_proprietorship";
        await using var command = dataSource.CreateCommand($"""
            WITH q AS (SELECT normalize_name(@q) AS n, upper(btrim(@q)) AS raw),
            name_hits AS (
                SELECT n.uei, word_similarity(q.n, n.normalized_name) AS score, n.name AS matched_name
                FROM recipient_names n, q
                WHERE q.n <% n.normalized_name
            ),
            hits AS (
                SELECT * FROM name_hits
                UNION ALL
                SELECT r.uei, 1.0, NULL FROM recipients r, q WHERE r.uei = q.raw OR r.duns = q.raw
                UNION ALL
                SELECT p.uei, 1.0, NULL FROM recipient_parents p, q WHERE p.parent_uei = q.raw
            ),
            families AS ({familyOfHit})
            SELECT f.family, max(f.score) AS score, (array_agg(f.matched_name ORDER BY f.score DESC) FILTER (WHERE f.matched_name IS NOT NULL))[1]
            FROM families f
            WHERE NOT EXISTS (SELECT 1 FROM recipients s WHERE s.uei = f.family AND s.is_sole_proprietorship)
            GROUP BY f.family
            ORDER BY max(f.score) DESC, f.family
            LIMIT @limit
            """);
        command.Parameters.AddWithValue("q", text);
        command.Parameters.AddWithValue("limit", limit);
        var ranked = new List<(string Family, double Score, string? Matched)>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                ranked.Add((reader.GetString(0), reader.GetDouble(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
            }
        }

        var families = await SummarizeAsync(ranked.Select(r => r.Family).ToArray(), view, ct);
        return ranked
            .Where(r => families.ContainsKey(r.Family))
            .Select(r => families[r.Family] with { Score = Math.Round(r.Score, 3), MatchedName = r.Matched })
            .ToList();
    }

    /// <summary>Totals and members of families, by parent UEI.</summary>
    private async Task<Dictionary<string, VendorFamilySummary>> SummarizeAsync(string[] families, FamilyView view, CancellationToken ct)
    {
        // The family's own UEI always belongs; its actions under another parent count too.
        var (membership, files) = view == FamilyView.LatestParent
            ? ("""
               SELECT f.family, r.uei, r.obligated_amount, r.transaction_count, r.first_action_date, r.last_action_date
               FROM unnest(@families) f(family)
               JOIN recipients r ON coalesce(r.latest_parent_uei, r.uei) = f.family OR r.uei = f.family
               WHERE NOT r.is_sole_proprietorship
               """,
               "SELECT m.family, f.import_file_ids FROM members m JOIN relationship_fiscal_years f ON f.recipient_uei = m.uei")
            : ("""
               SELECT p.parent_uei AS family, p.uei, p.obligated_amount, p.transaction_count, p.first_action_date, p.last_action_date
               FROM recipient_parents p JOIN recipients r ON r.uei = p.uei
               WHERE p.parent_uei = ANY(@families) AND NOT r.is_sole_proprietorship
               UNION ALL
               SELECT p.uei, p.uei, p.obligated_amount, p.transaction_count, p.first_action_date, p.last_action_date
               FROM recipient_parents p WHERE p.uei = ANY(@families) AND p.parent_uei <> p.uei
               """,
               """
               SELECT fam AS family, f.import_file_ids
               FROM unnest(@families) fam JOIN relationship_fiscal_years f ON f.reported_parent_uei = fam OR f.recipient_uei = fam
               """);
        await using var command = dataSource.CreateCommand($"""
            WITH members AS ({membership}),
            totals AS (
                SELECT family, sum(obligated_amount) AS obligated_amount, sum(transaction_count) AS transaction_count,
                       min(first_action_date) AS first_action_date, max(last_action_date) AS last_action_date,
                       array_agg(DISTINCT uei ORDER BY uei) AS ueis
                FROM members GROUP BY family
            ),
            names AS (
                SELECT m.family, array_agg(DISTINCT n.name ORDER BY n.name) AS names
                FROM members m JOIN recipient_names n ON n.uei = m.uei GROUP BY m.family
            ),
            files AS (
                SELECT x.family, array_agg(DISTINCT id ORDER BY id) AS ids FROM ({files}) x, unnest(x.import_file_ids) id GROUP BY x.family
            )
            SELECT t.family,
                   coalesce((SELECT name FROM recipients WHERE uei = t.family),
                            (SELECT parent_name FROM recipient_parents WHERE parent_uei = t.family ORDER BY last_action_date DESC LIMIT 1)),
                   t.obligated_amount, t.transaction_count, t.first_action_date, t.last_action_date, t.ueis,
                   coalesce(n.names, ARRAY[]::text[]), coalesce(f.ids, ARRAY[]::bigint[])
            FROM totals t LEFT JOIN names n USING (family) LEFT JOIN files f USING (family)
            """);
        command.Parameters.AddWithValue("families", families);
        var result = new Dictionary<string, VendorFamilySummary>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var family = reader.GetString(0);
            result[family] = new VendorFamilySummary(
                family, reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetDecimal(2), reader.GetInt64(3),
                reader.GetFieldValue<DateOnly>(4), reader.GetFieldValue<DateOnly>(5), reader.GetFieldValue<string[]>(6),
                reader.GetFieldValue<string[]>(7), reader.GetFieldValue<long[]>(8), 0, null);
        }

        return result;
    }
}

/// <summary>A vendor family in search results.</summary>
/// <param name="ParentUei">The family's parent UEI (the vendor's address).</param>
/// <param name="ObligatedAmount">Sum of <c>federal_action_obligation</c> over the family's actions, de-obligations included.</param>
/// <param name="MemberUeis">The UEIs in the family.</param>
/// <param name="NamesSeen">Every name the members were reported under.</param>
public sealed record VendorFamilySummary(
    string ParentUei, string? ParentName, decimal ObligatedAmount, long TransactionCount, DateOnly FirstActionDate, DateOnly LastActionDate,
    IReadOnlyList<string> MemberUeis, IReadOnlyList<string> NamesSeen, IReadOnlyList<long> ImportFileIds, double Score, string? MatchedName);
