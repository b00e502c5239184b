using Npgsql;

namespace ContractTracker.Vendors;

/// <summary>Whose parent defines a family: the parent each action reported at the time, or each member's latest parent.</summary>
public enum FamilyView
{
    /// <summary>An action belongs to the family of the parent it reported (a subsidiary acquired in 2022 counts under its old parent before).</summary>
    AsReported,
    /// <summary>Every action of a recipient belongs to the family of the parent on its latest action.</summary>
    LatestParent,
}

/// <summary>
/// A vendor as a query selects it: a UEI with the family it heads, or the UEI alone. The UEI's own actions always count;
/// the family adds the actions that reported the UEI as their parent (<see cref="FamilyView.AsReported"/>) or all actions
/// of the recipients whose latest parent it is (<see cref="FamilyView.LatestParent"/>). Sole proprietors (people) are never
/// family members: their actions never count in a family, whatever parent they reported.
/// </summary>
/// <param name="Uei">The vendor's UEI: a family's parent, or a single recipient.</param>
/// <param name="WholeFamily">True for the UEI with its family, false for the UEI's own actions only.</param>
/// <param name="View">How family membership is decided (ignored for a single UEI).</param>
/// <param name="LatestMembers">The UEI and the recipients whose latest parent it is (sole proprietors left out).</param>
public sealed record VendorScope(string Uei, bool WholeFamily, FamilyView View, IReadOnlyList<string> LatestMembers)
{
    /// <summary>The UEI and the recipients any of whose actions reported it as their parent (sole proprietors left out).</summary>
    public IReadOnlyList<string> ReportedMembers { get; init; } = [Uei];

    /// <summary>Sole proprietors whose actions reported the UEI as their parent: left out of the family in either view.</summary>
    public IReadOnlyList<string> ExcludedPeople { get; init; } = [];

    /// <summary>The recipients a profile lists: the UEI alone, or the family's members in either view.</summary>
    public IReadOnlyList<string> ListedMembers => WholeFamily
        ? ReportedMembers.Union(LatestMembers).Append(Uei).Distinct().Order(StringComparer.Ordinal).ToList()
        : [Uei];

    /// <summary>
    /// <c>SELECT {columns} FROM transactions t</c> for the vendor's actions that also meet <paramref name="condition"/>, written so
    /// each branch is one index range (a UNION ALL rather than an OR).
    /// </summary>
    /// <remarks>
    /// A family is the range of its parent in the family index (reported parent, awarding sub-tier, date, key), and the UEI's
    /// own actions reported under another parent: a range of the recipient index bounded by the dates of those other parents
    /// (an acquisition), empty for everyone else, who would otherwise read all of the UEI's own actions to keep none.
    /// </remarks>
    public string SelectTransactions(string columns, string condition = "true") => (WholeFamily, View) switch
    {
        (false, _) => $"SELECT {columns} FROM transactions t WHERE t.recipient_uei = @vendor AND ({condition})",
        (true, FamilyView.AsReported) => $"""
            SELECT {columns} FROM transactions t
            WHERE {InFamily} AND ({condition})
            UNION ALL
            SELECT {columns} FROM transactions t
            WHERE {OwnUnderOtherParents} AND ({condition})
            """,
        (true, FamilyView.LatestParent) => $"SELECT {columns} FROM transactions t WHERE t.recipient_uei = ANY(@members) AND ({condition})",
        _ => throw new ArgumentOutOfRangeException(nameof(View)),
    };

    /// <summary>
    /// <c>SELECT {columns}</c> of the vendor's actions (as <c>e</c>) that meet <paramref name="condition"/> (on <c>t</c>), in
    /// (action date, transaction key) order, the first <paramref name="limit"/> (a SQL expression), or all when null.
    /// </summary>
    /// <remarks>
    /// For a family, the family index holds each awarding sub-tier's actions in (date, key) order: the first keys of each
    /// sub-tier the family has (found by skipping through the index, one probe each) are read from the index alone, merged,
    /// and only the rows of the page are then read from the table. A condition on what the index holds (agency codes, dates)
    /// is so tested without visiting the rows it rejects.
    /// </remarks>
    public string SelectInDateOrder(string columns, string condition, string? limit)
    {
        if (limit is null || !WholeFamily || View != FamilyView.AsReported)
        {
            return $"""
                SELECT {columns}
                FROM ({SelectTransactions("t.*", condition)}) e
                ORDER BY e.action_date, e.contract_transaction_unique_key
                {(limit is null ? "" : $"LIMIT {limit}")}
                """;
        }

        string Keys(string where) => $"""
            SELECT t.action_date, t.contract_transaction_unique_key AS key FROM transactions t
            WHERE {where} AND ({condition})
            ORDER BY t.action_date, t.contract_transaction_unique_key LIMIT {limit}
            """;
        return $"""
            WITH RECURSIVE {SubtiersCte}
            SELECT {columns}
            FROM (
                SELECT k.key FROM (
                    SELECT x.* FROM subtiers s CROSS JOIN LATERAL ({Keys($"{InFamily} AND t.awarding_sub_agency_code = s.code")}) x
                    UNION ALL
                    ({Keys($"{InFamily} AND t.awarding_sub_agency_code IS NULL")})
                    UNION ALL
                    ({Keys(OwnUnderOtherParents)})
                ) k
                ORDER BY k.action_date, k.key LIMIT {limit}
            ) k
            JOIN transactions e ON e.contract_transaction_unique_key = k.key
            ORDER BY e.action_date, e.contract_transaction_unique_key
            """;
    }

    /// <summary>
    /// <c>subtiers(code)</c>: the family's awarding sub-tiers, each found by one probe of the family index for the first
    /// sub-tier after the previous one (the last row is NULL). For <c>WITH RECURSIVE</c>.
    /// </summary>
    private const string SubtiersCte = """
        subtiers(code) AS (
            SELECT min(t.awarding_sub_agency_code) FROM transactions t WHERE coalesce(t.recipient_parent_uei, t.recipient_uei) = @vendor
            UNION ALL
            SELECT (SELECT min(t.awarding_sub_agency_code) FROM transactions t
                    WHERE coalesce(t.recipient_parent_uei, t.recipient_uei) = @vendor AND t.awarding_sub_agency_code > s.code)
            FROM subtiers s WHERE s.code IS NOT NULL
        )
        """;

    /// <summary>
    /// How the ranges of a family lie in the family index, for <see cref="TransactionBranches"/>: its awarding sub-tiers,
    /// whether some of its actions name none, and whether the UEI's own actions ever reported another parent. Parameters:
    /// <c>@vendor</c>.
    /// </summary>
    public const string FamilyRangesSql = $"""
        WITH RECURSIVE {SubtiersCte}
        SELECT ARRAY(SELECT code FROM subtiers WHERE code IS NOT NULL ORDER BY code),
               EXISTS (SELECT 1 FROM transactions t WHERE coalesce(t.recipient_parent_uei, t.recipient_uei) = @vendor AND t.awarding_sub_agency_code IS NULL),
               EXISTS (SELECT 1 FROM recipient_parents p WHERE p.uei = @vendor AND p.parent_uei <> @vendor)
        """;

    /// <summary>The family's ranges, when they were read with the scope (one round trip less for a page); otherwise null.</summary>
    public FamilyRanges? Ranges { get; init; }

    /// <summary>The row <see cref="FamilyRangesSql"/> returns.</summary>
    public static FamilyRanges ReadRanges(NpgsqlDataReader reader) =>
        new(reader.GetFieldValue<string[]>(0), reader.GetBoolean(1), reader.GetBoolean(2));

    /// <summary>True when <see cref="TransactionBranches"/> needs the family's <see cref="FamilyRanges"/> to split it into ordered ranges.</summary>
    public bool HasFamilyRanges => WholeFamily && View == FamilyView.AsReported;

    /// <summary>
    /// The same actions as <see cref="SelectTransactions"/>, as disjoint branches that each walk one index range in
    /// <c>action_date</c> order, for callers that order and limit every branch and merge them (a page of a list), so a
    /// page reads about as many actions as it shows. A family needs its <paramref name="ranges"/> (see
    /// <see cref="FamilyRangesSql"/>): one branch per awarding sub-tier, or only <paramref name="awardingSubtier"/>'s when the
    /// caller wants that sub-tier's actions alone (its condition must then select them).
    /// </summary>
    public IReadOnlyList<string> TransactionBranches(
        string columns, string condition = "true", FamilyRanges? ranges = null, string? awardingSubtier = null) => (WholeFamily, View) switch
    {
        (false, _) => [$"SELECT {columns} FROM transactions t WHERE t.recipient_uei = @vendor AND ({condition})"],
        (true, FamilyView.AsReported) => FamilyBranches(columns, condition,
            ranges ?? throw new ArgumentNullException(nameof(ranges), "A family's branches need its ranges."), awardingSubtier),
        // One branch per member keeps each in date order; a very large family is one unordered range instead.
        (true, FamilyView.LatestParent) when LatestMembers.Count <= MaxOrderedMembers =>
            LatestMembers.Select((_, i) => $"SELECT {columns} FROM transactions t WHERE t.recipient_uei = @members[{i + 1}] AND ({condition})").ToList(),
        (true, FamilyView.LatestParent) => [$"SELECT {columns} FROM transactions t WHERE t.recipient_uei = ANY(@members) AND ({condition})"],
        _ => throw new ArgumentOutOfRangeException(nameof(View)),
    };

    private List<string> FamilyBranches(string columns, string condition, FamilyRanges ranges, string? awardingSubtier)
    {
        var branches = new List<string>();
        for (var i = 0; i < ranges.Subtiers.Count; i++)
        {
            if (awardingSubtier is null || ranges.Subtiers[i] == awardingSubtier)
            {
                branches.Add($"SELECT {columns} FROM transactions t WHERE {InFamily} AND t.awarding_sub_agency_code = @family_subtiers[{i + 1}] AND ({condition})");
            }
        }

        if (ranges.HasActionsWithoutSubtier && awardingSubtier is null)
        {
            branches.Add($"SELECT {columns} FROM transactions t WHERE {InFamily} AND t.awarding_sub_agency_code IS NULL AND ({condition})");
        }

        if (ranges.OwnActionsUnderOtherParents)
        {
            branches.Add($"SELECT {columns} FROM transactions t WHERE {OwnUnderOtherParents} AND ({condition})");
        }

        return branches;
    }

    /// <summary>The family's actions in the family index (people's actions left out).</summary>
    private const string InFamily = "coalesce(t.recipient_parent_uei, t.recipient_uei) = @vendor AND t.recipient_uei <> ALL(@excluded_people)";

    /// <summary>
    /// The UEI's own actions reported under another parent. They lie within the span recipient_parents records for those
    /// parents (none for most UEIs, and then the range is empty): bounding the range keeps it from visiting every action of
    /// a large vendor.
    /// </summary>
    private const string OwnUnderOtherParents = """
        t.recipient_uei = @vendor AND coalesce(t.recipient_parent_uei, t.recipient_uei) <> @vendor
          AND t.action_date >= (SELECT min(p.first_action_date) FROM recipient_parents p WHERE p.uei = @vendor AND p.parent_uei <> @vendor)
          AND t.action_date <= (SELECT max(p.last_action_date) FROM recipient_parents p WHERE p.uei = @vendor AND p.parent_uei <> @vendor)
        """;

    private const int MaxOrderedMembers = 16;

    /// <summary>The SQL condition on <c>relationship_fiscal_years f</c> for the vendor's rows.</summary>
    public string FiscalYearCondition => (WholeFamily, View) switch
    {
        (false, _) => "f.recipient_uei = @vendor",
        (true, FamilyView.AsReported) => "(f.reported_parent_uei = @vendor OR f.recipient_uei = @vendor) AND f.recipient_uei <> ALL(@excluded_people)",
        (true, FamilyView.LatestParent) => "f.recipient_uei = ANY(@members)",
        _ => throw new ArgumentOutOfRangeException(nameof(View)),
    };

    public void AddParameters(NpgsqlCommand command) => AddParameters(command.Parameters);

    /// <summary>The parameters <see cref="SelectTransactions"/> and <see cref="FiscalYearCondition"/> refer to.</summary>
    public void AddParameters(NpgsqlParameterCollection parameters)
    {
        parameters.AddWithValue("vendor", Uei);
        parameters.AddWithValue("members", LatestMembers.ToArray());
        parameters.AddWithValue("excluded_people", ExcludedPeople.ToArray());
    }

    /// <summary>The parameters <see cref="TransactionBranches"/> refers to for a family's <paramref name="ranges"/>.</summary>
    public static void AddRangeParameters(NpgsqlParameterCollection parameters, FamilyRanges ranges) =>
        parameters.AddWithValue("family_subtiers", ranges.Subtiers.ToArray());
}

/// <summary>
/// Where a family's actions lie in the family index: one range per awarding sub-tier it has (and one for actions that name
/// none), and whether the UEI's own actions under other parents add a range of the recipient index.
/// </summary>
public sealed record FamilyRanges(IReadOnlyList<string> Subtiers, bool HasActionsWithoutSubtier, bool OwnActionsUnderOtherParents);
