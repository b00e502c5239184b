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
        var members = (scope.WholeFamily, scope.View) switch
        {
            (false, _) => "SELECT @vendor AS uei",
            (true, FamilyView.AsReported) => "SELECT uei FROM recipient_parents WHERE parent_uei = @vendor UNION SELECT @vendor",
            _ => "SELECT unnest(@members) AS uei",
        };
        await using var command = dataSource.CreateCommand($"""
            CREATE TEMP TABLE IF NOT EXISTS profile_rows AS SELECT * FROM relationship_fiscal_years WITH NO DATA;
            TRUNCATE profile_rows;
            INSERT INTO profile_rows SELECT f.* FROM relationship_fiscal_years f WHERE {scope.FiscalYearCondition};

            SELECT r.uei, r.name, r.latest_parent_uei, r.obligated_amount, r.transaction_count, r.first_action_date, r.last_action_date,
                   coalesce(x.obligated, 0), coalesce(x.n, 0)
            FROM ({members}) m
            JOIN recipients r ON r.uei = m.uei
            LEFT JOIN (SELECT recipient_uei, sum(obligated_amount) AS obligated, sum(transaction_count) AS n FROM profile_rows GROUP BY recipient_uei) x
                   ON x.recipient_uei = r.uei
            WHERE NOT r.is_sole_proprietorship
            ORDER BY r.uei;

            SELECT n.uei, n.name, n.first_action_date, n.last_action_date, n.transaction_count
            FROM recipient_names n WHERE n.uei IN ({members}) ORDER BY n.uei, n.first_action_date, n.name;

            SELECT p.uei, p.parent_uei, p.parent_name, p.first_action_date, p.last_action_date, p.transaction_count, p.obligated_amount
            FROM recipient_parents p WHERE p.uei IN ({members}) ORDER BY p.uei, p.first_action_date, p.parent_uei;

            SELECT {toptier}, {subtier}, sum(f.obligated_amount), sum(f.transaction_count)
            FROM profile_rows f GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2;

            SELECT f.fiscal_year, sum(f.obligated_amount), sum(f.transaction_count), min(f.first_action_date), max(f.last_action_date)
            FROM profile_rows f GROUP BY 1 ORDER BY 1;

            SELECT DISTINCT unnest(import_file_ids) FROM profile_rows;
            """);
        scope.AddParameters(command);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        command.Connection = connection;
        await using var reader = await command.ExecuteReaderAsync(ct);

        var memberRows = new List<(string Uei, string? Name, string? LatestParent, decimal Obligated, long Count, DateOnly First, DateOnly Last, decimal InScope, long InScopeCount)>();
        while (await reader.ReadAsync(ct))
        {
            memberRows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetDecimal(3), reader.GetInt32(4), reader.GetFieldValue<DateOnly>(5), reader.GetFieldValue<DateOnly>(6),
                reader.GetDecimal(7), reader.GetInt64(8)));
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
        var byAgency = new List<AgencyObligation>();
        while (await reader.ReadAsync(ct))
        {
            byAgency.Add(new AgencyObligation(reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.GetDecimal(2), reader.GetInt64(3)));
        }

        await reader.NextResultAsync(ct);
        var byYear = new List<FiscalYearObligation>();
        while (await reader.ReadAsync(ct))
        {
            byYear.Add(new FiscalYearObligation(reader.GetInt32(0), reader.GetDecimal(1), reader.GetInt64(2),
                reader.GetFieldValue<DateOnly>(3), reader.GetFieldValue<DateOnly>(4)));
        }

        await reader.NextResultAsync(ct);
        var files = new List<long>();
        while (await reader.ReadAsync(ct))
        {
            files.Add(reader.GetInt64(0));
        }

        var latestMembers = scope.LatestMembers.ToHashSet(StringComparer.Ordinal);
        var self = memberRows.FirstOrDefault(m => m.Uei == scope.Uei);
        var memberList = memberRows.Select(m => new VendorMember(
                m.Uei, m.Name,
                names.Where(n => n.Uei == m.Uei).Select(n => n.Name).ToList(),
                parents.Where(p => p.Uei == m.Uei).Select(p => p.Parent).ToList(),
                m.LatestParent ?? m.Uei,
                InFamilyAsReported: m.Uei == scope.Uei || parents.Any(p => p.Uei == m.Uei && p.Parent.ParentUei == scope.Uei),
                InFamilyUnderLatestParent: latestMembers.Contains(m.Uei),
                m.InScope, m.InScopeCount, m.Obligated, m.Count, m.First, m.Last))
            .ToList();

        return new VendorProfile(
            scope.Uei,
            self.Name ?? parents.Where(p => p.Parent.ParentUei == scope.Uei).Select(p => p.Parent.ParentName).FirstOrDefault(),
            scope.WholeFamily, scope.View, lens, memberList,
            new VendorTotals(byYear.Sum(y => y.ObligatedAmount), byYear.Sum(y => y.TransactionCount),
                byYear.Count == 0 ? null : byYear.Min(y => y.FirstActionDate), byYear.Count == 0 ? null : byYear.Max(y => y.LastActionDate)),
            byAgency, byYear, files);
    }
}

public sealed record VendorProfile(
    string Uei, string? Name, bool WholeFamily, FamilyView View, AgencyLens Lens, IReadOnlyList<VendorMember> Members,
    VendorTotals Totals, IReadOnlyList<AgencyObligation> ByAgency, IReadOnlyList<FiscalYearObligation> ByFiscalYear,
    IReadOnlyList<long> ImportFileIds);

/// <param name="ObligatedAmount">Sum of <c>federal_action_obligation</c> over the vendor's actions in the chosen view.</param>
public sealed record VendorTotals(decimal ObligatedAmount, long TransactionCount, DateOnly? FirstActionDate, DateOnly? LastActionDate);

/// <param name="LatestParentUei">The parent on the member's latest action.</param>
/// <param name="ObligatedInVendor">The member's obligations counted in this vendor's view.</param>
/// <param name="ObligatedAmount">All the member's obligations, whatever parent they reported.</param>
public sealed record VendorMember(
    string Uei, string? Name, IReadOnlyList<NameSeen> NamesSeen, IReadOnlyList<ParentReported> ParentsReported, string LatestParentUei,
    bool InFamilyAsReported, bool InFamilyUnderLatestParent, decimal ObligatedInVendor, long TransactionsInVendor,
    decimal ObligatedAmount, long TransactionCount, DateOnly FirstActionDate, DateOnly LastActionDate);

public sealed record NameSeen(string Name, DateOnly FirstActionDate, DateOnly LastActionDate, int TransactionCount);

/// <summary>A parent a recipient's actions reported, and over which span.</summary>
public sealed record ParentReported(string ParentUei, string? ParentName, DateOnly FirstActionDate, DateOnly LastActionDate, int TransactionCount, decimal ObligatedAmount);

public sealed record AgencyObligation(string? ToptierCode, string? SubtierCode, decimal ObligatedAmount, long TransactionCount);

public sealed record FiscalYearObligation(int FiscalYear, decimal ObligatedAmount, long TransactionCount, DateOnly FirstActionDate, DateOnly LastActionDate);
