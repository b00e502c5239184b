using ContractTracker.Vendors;
using Npgsql;

namespace ContractTracker.Agencies;

/// <summary>
/// An agency's page: its obligations by fiscal year, the sub-tiers (or offices) under it with theirs, and its top vendor
/// families. Everything is added up from <c>relationship_fiscal_years</c>, never from <c>transactions</c>.
/// </summary>
public sealed class AgencyProfiles(NpgsqlDataSource dataSource)
{
    /// <param name="fiscalYear">Limits the top vendors to one fiscal year; the yearly series and the components cover every year.</param>
    public async Task<AgencyProfile> GetAsync(AgencyScope scope, int? fiscalYear, FamilyView view, int vendorLimit, CancellationToken ct)
    {
        var components = ComponentsOf(scope);
        var knownComponents = components?.KnownSql ?? "SELECT NULL::text, NULL::text, NULL::text WHERE false";
        await using var command = dataSource.CreateCommand(
            $"{TotalsSql(scope, components)};\n{TopVendorsSql(scope, fiscalYear, view)};\n{knownComponents}");
        command.Parameters.AddWithValue("code", scope.Agency.Code);
        command.Parameters.AddWithValue("limit", vendorLimit);
        if (fiscalYear is { } year)
        {
            command.Parameters.AddWithValue("fiscal_year", year);
        }

        await using var reader = await command.ExecuteReaderAsync(ct);
        var byYear = new List<AgencyFiscalYear>();
        var componentTotals = new Dictionary<string, (decimal Obligated, long Count)>(StringComparer.Ordinal);
        var files = new SortedSet<long>();
        while (await reader.ReadAsync(ct))
        {
            var obligated = reader.GetDecimal(4);
            var count = reader.GetInt64(5);
            switch ((TotalKind)reader.GetInt32(0))
            {
                case TotalKind.FiscalYear:
                    byYear.Add(new AgencyFiscalYear(reader.GetInt32(1), obligated, count));
                    break;
                case TotalKind.Component when !reader.IsDBNull(2):
                    componentTotals[reader.GetString(2)] = (obligated, count);
                    break;
                case TotalKind.Files:
                    files.UnionWith(reader.GetFieldValue<long[]>(3));
                    break;
            }
        }

        await reader.NextResultAsync(ct);
        var vendors = new List<AgencyVendor>();
        while (await reader.ReadAsync(ct))
        {
            vendors.Add(new AgencyVendor(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetDecimal(2), reader.GetInt64(3)));
        }

        await reader.NextResultAsync(ct);
        var known = new List<(string Code, string? Name, string? Abbreviation)>();
        while (await reader.ReadAsync(ct))
        {
            known.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        byYear.Sort((a, b) => a.FiscalYear.CompareTo(b.FiscalYear));
        return new AgencyProfile(
            scope, components?.Level, Merge(known, componentTotals), byYear, vendors, files.ToList());
    }

    /// <summary>
    /// Known components (reference list and transactions) with their totals, and components that only the totals name, biggest first.
    /// </summary>
    private static List<AgencyComponent> Merge(
        List<(string Code, string? Name, string? Abbreviation)> known, Dictionary<string, (decimal Obligated, long Count)> totals)
    {
        var result = known
            .Select(k => totals.TryGetValue(k.Code, out var t)
                ? new AgencyComponent(k.Code, k.Name, k.Abbreviation, t.Obligated, t.Count)
                : new AgencyComponent(k.Code, k.Name, k.Abbreviation, 0.00m, 0))
            .ToList();
        var listed = known.Select(k => k.Code).ToHashSet(StringComparer.Ordinal);
        result.AddRange(totals.Where(t => !listed.Contains(t.Key)).Select(t => new AgencyComponent(t.Key, null, null, t.Value.Obligated, t.Value.Count)));
        return result
            .OrderByDescending(c => c.TransactionCount > 0)
            .ThenByDescending(c => c.ObligatedAmount)
            .ThenBy(c => c.Code, StringComparer.Ordinal)
            .ToList();
    }

    private enum TotalKind
    {
        FiscalYear = 0,
        Component = 1,
        Files = 2,
    }

    private sealed record Components(AgencyLevel Level, string Column, string KnownSql);

    /// <summary>A toptier lists its sub-tiers, a sub-tier its offices; an office lists nothing.</summary>
    private static Components? ComponentsOf(AgencyScope scope)
    {
        var funding = scope.Lens == AgencyLens.Funding;
        return scope.Agency.Level switch
        {
            AgencyLevel.Toptier => new Components(
                AgencyLevel.Subtier, funding ? "funding_sub_agency_code" : "awarding_sub_agency_code",
                "SELECT code, name, abbreviation FROM sub_agencies WHERE toptier_code = @code"),
            AgencyLevel.Subtier => new Components(
                AgencyLevel.Office, funding ? "funding_office_code" : "awarding_office_code",
                "SELECT code, name, NULL FROM offices WHERE sub_agency_code = @code"),
            _ => null,
        };
    }

    /// <summary>
    /// One pass over the agency's rows: totals by fiscal year, by component, and the distinct sets of import files behind
    /// them (GROUPING SETS, told apart by <c>grouping()</c>).
    /// </summary>
    private static string TotalsSql(AgencyScope scope, Components? components)
    {
        var component = components is null ? "NULL::text" : $"f.{components.Column}";
        var sets = components is null ? "(f.fiscal_year), (f.import_file_ids)" : $"(f.fiscal_year), ({component}), (f.import_file_ids)";
        return $"""
            SELECT CASE WHEN grouping(f.fiscal_year) = 0 THEN {(int)TotalKind.FiscalYear}
                        WHEN grouping(f.import_file_ids) = 0 THEN {(int)TotalKind.Files}
                        ELSE {(int)TotalKind.Component} END,
                   f.fiscal_year, {component}, f.import_file_ids, sum(f.obligated_amount), sum(f.transaction_count)
            FROM relationship_fiscal_years f
            WHERE f.{scope.Column} = @code
            GROUP BY GROUPING SETS ({sets})
            """;
    }

    /// <summary>
    /// The agency's biggest vendor families. A sole proprietor (a person) counts in no family: its rows are left out, and a
    /// family headed by one is never listed.
    /// </summary>
    private static string TopVendorsSql(AgencyScope scope, int? fiscalYear, FamilyView view)
    {
        // One aggregation straight to families: as reported, the family is on the row; under the latest parent it is the
        // member's, so the row joins its recipient.
        var (family, rows, notAPerson) = view == FamilyView.LatestParent
            ? ("coalesce(r.latest_parent_uei, r.uei)", "relationship_fiscal_years f JOIN recipients r ON r.uei = f.recipient_uei",
               "NOT r.is_sole_proprietorship")
            : ("f.reported_parent_uei", "relationship_fiscal_years f",
               "NOT EXISTS (SELECT 1 FROM recipients s WHERE s.uei = f.recipient_uei AND s.is_sole_proprietorship)");
        var year = fiscalYear is null ? "" : "AND f.fiscal_year = @fiscal_year";
        return $"""
            WITH families AS (
                SELECT {family} AS family, sum(f.obligated_amount) AS obligated_amount, sum(f.transaction_count) AS transaction_count
                FROM {rows}
                WHERE f.{scope.Column} = @code {year} AND {notAPerson}
                GROUP BY 1
            ),
            top AS (
                SELECT * FROM families x
                WHERE NOT EXISTS (SELECT 1 FROM recipients s WHERE s.uei = x.family AND s.is_sole_proprietorship)
                ORDER BY x.obligated_amount DESC, x.family
                LIMIT @limit
            )
            SELECT t.family,
                   coalesce((SELECT name FROM recipients WHERE uei = t.family),
                            (SELECT parent_name FROM recipient_parents WHERE parent_uei = t.family ORDER BY last_action_date DESC LIMIT 1)),
                   t.obligated_amount, t.transaction_count
            FROM top t
            ORDER BY t.obligated_amount DESC, t.family
            """;
    }
}

/// <param name="ComponentLevel">The level of <see cref="Components"/>: sub-tiers of a toptier, offices of a sub-tier; null for an office.</param>
/// <param name="Components">The agencies under this one, with their totals under the same lens over every fiscal year.</param>
/// <param name="ByFiscalYear">Every obligation of the agency under the lens, sole proprietors' included, by fiscal year.</param>
/// <param name="TopVendors">The biggest vendor families, sole proprietors left out.</param>
public sealed record AgencyProfile(
    AgencyScope Scope, AgencyLevel? ComponentLevel, IReadOnlyList<AgencyComponent> Components, IReadOnlyList<AgencyFiscalYear> ByFiscalYear,
    IReadOnlyList<AgencyVendor> TopVendors, IReadOnlyList<long> ImportFileIds);

/// <param name="ObligatedAmount">Sum of <c>federal_action_obligation</c>.</param>
public sealed record AgencyComponent(string Code, string? Name, string? Abbreviation, decimal ObligatedAmount, long TransactionCount);

/// <param name="ObligatedAmount">Sum of <c>federal_action_obligation</c> over the fiscal year's actions, de-obligations included.</param>
public sealed record AgencyFiscalYear(int FiscalYear, decimal ObligatedAmount, long TransactionCount);

/// <summary>A vendor family's business with an agency.</summary>
/// <param name="ParentUei">The family's parent UEI: the vendor's address.</param>
/// <param name="ObligatedAmount">Sum of <c>federal_action_obligation</c> over the family's actions with the agency.</param>
public sealed record AgencyVendor(string ParentUei, string? Name, decimal ObligatedAmount, long TransactionCount);
