using ContractTracker.Agencies;
using Npgsql;

namespace ContractTracker.Vendors;

/// <summary>A vendor's page: its members with the names and parents they reported over time, and its obligations by agency and year.</summary>
public sealed class VendorProfiles(NpgsqlDataSource dataSource)
{
    public async Task<VendorProfile> GetAsync(VendorScope scope, AgencyLens lens, CancellationToken ct)
    {
        var (toptier, subtier) = lens == AgencyLens.Awarding
            ? ("f.awarding_agency_code", "f.awarding_sub_agency_code")
            : ("f.funding_agency_code", "f.funding_sub_agency_code");
        // One round trip, every statement an index lookup: members by UEI, and the scope's fiscal-year rows by vendor.
        await using var command = dataSource.CreateCommand($"""
            SELECT r.uei, r.name, r.latest_parent_uei, r.obligated_amount, r.transaction_count, r.first_action_date, r.last_action_date,
                   r.import_file_ids
            FROM recipients r WHERE r.uei = ANY(@listed) AND NOT r.is_sole_proprietorship ORDER BY r.uei COLLATE "C";

            SELECT n.uei, n.name, n.first_action_date, n.last_action_date, n.transaction_count
            FROM recipient_names n WHERE n.uei = ANY(@listed) ORDER BY n.uei, n.first_action_date, n.name COLLATE "C";

            SELECT p.uei, p.parent_uei, p.parent_name, p.first_action_date, p.last_action_date, p.transaction_count, p.obligated_amount
            FROM recipient_parents p WHERE p.uei = ANY(@listed) ORDER BY p.uei, p.first_action_date, p.parent_uei COLLATE "C";

            SELECT f.recipient_uei, {toptier}, {subtier}, f.fiscal_year,
                   sum(f.obligated_amount), sum(f.transaction_count), min(f.first_action_date), max(f.last_action_date)
            FROM relationship_fiscal_years f WHERE {scope.FiscalYearCondition}
            GROUP BY 1, 2, 3, 4;
            """);
        scope.AddParameters(command);
        command.Parameters.AddWithValue("listed", scope.ListedMembers.ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct);

        var recipients = new List<(string Uei, string? Name, string? LatestParent, decimal Obligated, long Count, DateOnly First, DateOnly Last)>();
        var files = new SortedSet<long>();
        while (await reader.ReadAsync(ct))
        {
            recipients.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetDecimal(3), reader.GetInt32(4), reader.GetFieldValue<DateOnly>(5), reader.GetFieldValue<DateOnly>(6)));
            files.UnionWith(reader.GetFieldValue<long[]>(7));
        }

        await reader.NextResultAsync(ct);
        var names = new List<(string Uei, NameSeen Name)>();
        while (await reader.ReadAsync(ct))
        {
            names.Add((reader.GetString(0), new NameSeen(reader.GetString(1), reader.GetFieldValue<DateOnly>(2), reader.GetFieldValue<DateOnly>(3), reader.GetInt32(4))));
        }

        await reader.NextResultAsync(ct);
        var parents = new List<(string Uei, ParentReported Parent)>();
        while (await reader.ReadAsync(ct))
        {
            parents.Add((reader.GetString(0), new ParentReported(reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetFieldValue<DateOnly>(3), reader.GetFieldValue<DateOnly>(4), reader.GetInt32(5), reader.GetDecimal(6))));
        }

        await reader.NextResultAsync(ct);
        var rows = new List<ScopeRow>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new ScopeRow(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetInt32(3), reader.GetDecimal(4), reader.GetInt64(5), reader.GetFieldValue<DateOnly>(6), reader.GetFieldValue<DateOnly>(7)));
        }

        // The vendor's name as its members last reported it as their parent, else its own latest name.
        var reportedParentName = parents.Where(p => p.Parent.ParentUei == scope.Uei && p.Parent.ParentName is not null)
            .OrderByDescending(p => p.Parent.LastActionDate).ThenBy(p => p.Uei, StringComparer.Ordinal)
            .Select(p => p.Parent.ParentName).FirstOrDefault();

        var reportedMembers = scope.ReportedMembers.ToHashSet(StringComparer.Ordinal);
        var latestMembers = scope.LatestMembers.ToHashSet(StringComparer.Ordinal);
        var rowsOf = rows.ToLookup(r => r.RecipientUei, StringComparer.Ordinal);
        var namesOf = names.ToLookup(n => n.Uei, n => n.Name, StringComparer.Ordinal);
        var parentsOf = parents.ToLookup(p => p.Uei, p => p.Parent, StringComparer.Ordinal);
        var members = recipients.Select(m =>
            {
                var inVendor = rowsOf[m.Uei];
                return new VendorMember(
                    m.Uei, m.Name, m.LatestParent ?? m.Uei,
                    InFamilyAsReported: reportedMembers.Contains(m.Uei), InFamilyUnderLatestParent: latestMembers.Contains(m.Uei),
                    inVendor.Sum(r => r.ObligatedAmount), inVendor.Sum(r => r.TransactionCount),
                    m.Obligated, m.Count, m.First, m.Last,
                    namesOf[m.Uei].ToList(), parentsOf[m.Uei].ToList());
            })
            .ToList();

        var byAgency = rows
            .GroupBy(r => (r.ToptierCode, r.SubtierCode))
            .Select(g => new AgencyObligation(g.Key.ToptierCode, g.Key.SubtierCode, g.Sum(r => r.ObligatedAmount), g.Sum(r => r.TransactionCount),
                g.Min(r => r.FirstActionDate), g.Max(r => r.LastActionDate)))
            .OrderByDescending(a => a.ObligatedAmount).ThenBy(a => a.ToptierCode, StringComparer.Ordinal).ThenBy(a => a.SubtierCode, StringComparer.Ordinal)
            .ToList();
        var byYear = rows
            .GroupBy(r => r.FiscalYear)
            .Select(g => new FiscalYearObligation(g.Key, g.Sum(r => r.ObligatedAmount), g.Sum(r => r.TransactionCount),
                g.Min(r => r.FirstActionDate), g.Max(r => r.LastActionDate)))
            .OrderBy(y => y.FiscalYear)
            .ToList();
        var totals = new VendorTotals(rows.Sum(r => r.ObligatedAmount), rows.Sum(r => r.TransactionCount),
            rows.Count == 0 ? null : rows.Min(r => r.FirstActionDate), rows.Count == 0 ? null : rows.Max(r => r.LastActionDate));

        return new VendorProfile(
            scope.Uei, reportedParentName ?? recipients.FirstOrDefault(m => m.Uei == scope.Uei).Name,
            scope.WholeFamily, scope.View, lens, members, totals, byAgency, byYear, files.ToList());
    }

    /// <summary>The vendor's obligations with one recipient, agency and fiscal year.</summary>
    private sealed record ScopeRow(
        string RecipientUei, string? ToptierCode, string? SubtierCode, int FiscalYear, decimal ObligatedAmount, long TransactionCount,
        DateOnly FirstActionDate, DateOnly LastActionDate);
}

/// <param name="Name">The name its family reported for it as their parent, else its own latest name.</param>
/// <param name="ImportFileIds">The files of the members' transactions: what every figure of the profile stands on.</param>
public sealed record VendorProfile(
    string Uei, string? Name, bool WholeFamily, FamilyView View, AgencyLens Lens, IReadOnlyList<VendorMember> Members,
    VendorTotals Totals, IReadOnlyList<AgencyObligation> ByAgency, IReadOnlyList<FiscalYearObligation> ByFiscalYear,
    IReadOnlyList<long> ImportFileIds);

/// <param name="ObligatedAmount">Sum of <c>federal_action_obligation</c> over the vendor's actions in the chosen view.</param>
public sealed record VendorTotals(decimal ObligatedAmount, long TransactionCount, DateOnly? FirstActionDate, DateOnly? LastActionDate);

/// <param name="LatestParentUei">The parent on the member's latest action.</param>
/// <param name="InFamilyAsReported">Whether any of its actions reported the vendor as parent (or it is the vendor).</param>
/// <param name="InFamilyUnderLatestParent">Whether its latest action reported the vendor as parent (or it is the vendor).</param>
/// <param name="ObligatedAmountInVendor">The member's obligations counted in this vendor in the chosen view.</param>
/// <param name="ObligatedAmount">All the member's obligations, whatever parent they reported.</param>
public sealed record VendorMember(
    string Uei, string? Name, string LatestParentUei, bool InFamilyAsReported, bool InFamilyUnderLatestParent,
    decimal ObligatedAmountInVendor, long TransactionCountInVendor, decimal ObligatedAmount, long TransactionCount,
    DateOnly FirstActionDate, DateOnly LastActionDate, IReadOnlyList<NameSeen> NamesSeen, IReadOnlyList<ParentReported> ParentsReported);

public sealed record NameSeen(string Name, DateOnly FirstActionDate, DateOnly LastActionDate, int TransactionCount);

/// <summary>A parent a recipient's actions reported, and over which span.</summary>
public sealed record ParentReported(string ParentUei, string? ParentName, DateOnly FirstActionDate, DateOnly LastActionDate, int TransactionCount, decimal ObligatedAmount);

/// <summary>The vendor's obligations with one sub-tier agency (under its toptier) in the chosen lens.</summary>
public sealed record AgencyObligation(
    string? ToptierCode, string? SubtierCode, decimal ObligatedAmount, long TransactionCount, DateOnly FirstActionDate, DateOnly LastActionDate);

public sealed record FiscalYearObligation(int FiscalYear, decimal ObligatedAmount, long TransactionCount, DateOnly FirstActionDate, DateOnly LastActionDate);
