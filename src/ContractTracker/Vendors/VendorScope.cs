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
    public string SelectTransactions(string columns, string condition = "true") => (WholeFamily, View) switch
    {
        (false, _) => $"SELECT {columns} FROM transactions t WHERE t.recipient_uei = @vendor AND ({condition})",
        (true, FamilyView.AsReported) => $"""
            SELECT {columns} FROM transactions t
            WHERE coalesce(t.recipient_parent_uei, t.recipient_uei) = @vendor AND t.recipient_uei <> ALL(@excluded_people) AND ({condition})
            UNION ALL
            SELECT {columns} FROM transactions t
            WHERE t.recipient_uei = @vendor AND coalesce(t.recipient_parent_uei, t.recipient_uei) <> @vendor AND ({condition})
            """,
        (true, FamilyView.LatestParent) => $"SELECT {columns} FROM transactions t WHERE t.recipient_uei = ANY(@members) AND ({condition})",
        _ => throw new ArgumentOutOfRangeException(nameof(View)),
    };

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
}
