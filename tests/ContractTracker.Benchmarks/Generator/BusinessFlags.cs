using ContractTracker.Benchmarks.Generator.Reference;
using ContractTracker.Ingest.Format;

namespace ContractTracker.Benchmarks.Generator;

/// <summary>
/// The business-type flag columns (<c>alaskan_native_corporation_owned_firm</c> to <c>sba_certified_8a_joint_venture</c>,
/// written <c>t</c>/<c>f</c>) and the values a vendor of a given kind has.
/// </summary>
internal static class BusinessFlags
{
    private static readonly string[] NotFlags =
        ["contracting_officers_determination_of_business_size", "contracting_officers_determination_of_business_size_code", "organizational_type"];

    private static readonly string[] MinorityGroups =
    [
        "subcontinent_asian_asian_indian_american_owned_business", "asian_pacific_american_owned_business", "black_american_owned_business",
        "hispanic_american_owned_business", "native_american_owned_business",
    ];

    public static readonly IReadOnlyList<string> Columns = FlagColumns();

    public static string[] For(Organization organization, bool isSmall, WorkLine specialty, Random random)
    {
        var set = new HashSet<string>
        {
            random.Chance(0.6) ? "receives_contracts_and_financial_assistance" : "receives_contracts",
        };
        switch (organization)
        {
            case Organization.Nonprofit:
                set.UnionWith(["nonprofit_organization", "corporate_entity_tax_exempt"]);
                break;
            case Organization.SoleProprietorship:
                set.UnionWith(["sole_proprietorship", "for_profit_organization"]);
                break;
            case Organization.Partnership:
                set.UnionWith(["partnership_or_limited_liability_partnership", "for_profit_organization"]);
                break;
            case Organization.LimitedLiabilityCompany:
                set.UnionWith(["limited_liability_corporation", "corporate_entity_not_tax_exempt", "for_profit_organization"]);
                break;
            default:
                set.UnionWith(["corporate_entity_not_tax_exempt", "for_profit_organization"]);
                if (random.Chance(0.3))
                {
                    set.Add("subchapter_scorporation");
                }

                break;
        }

        if (!specialty.IsService)
        {
            set.Add("manufacturer_of_goods");
        }

        if (random.Chance(0.15))
        {
            set.Add("woman_owned_business");
            if (isSmall)
            {
                set.Add("women_owned_small_business");
            }
        }

        if (random.Chance(0.12))
        {
            set.Add("veteran_owned_business");
            if (random.Chance(0.6))
            {
                set.Add("service_disabled_veteran_owned_business");
            }
        }

        if (random.Chance(0.15))
        {
            set.UnionWith(["minority_owned_business", random.Pick(MinorityGroups)]);
            if (isSmall && random.Chance(0.7))
            {
                set.Add("self_certified_small_disadvantaged_business");
            }

            if (isSmall && random.Chance(0.4))
            {
                set.Add("c8a_program_participant");
            }
        }

        if (isSmall && random.Chance(0.08))
        {
            set.Add("historically_underutilized_business_zone_hubzone_firm");
        }

        if (isSmall && random.Chance(0.1))
        {
            set.Add("emerging_small_business");
        }

        return Columns.Select(c => set.Contains(c) ? "t" : "f").ToArray();
    }

    public static int IndexOf(string column) => IndexOf(Columns, column);

    public static string OrganizationalType(Organization organization) => organization switch
    {
        Organization.Nonprofit => "CORPORATE TAX EXEMPT",
        Organization.SoleProprietorship => "SOLE PROPRIETORSHIP",
        Organization.Partnership => "PARTNERSHIP",
        _ => "CORPORATE NOT TAX EXEMPT",
    };

    private static string[] FlagColumns()
    {
        var columns = TransactionColumns.Current;
        var first = IndexOf(columns, "alaskan_native_corporation_owned_firm");
        var last = IndexOf(columns, "sba_certified_8a_joint_venture");
        return columns.Skip(first).Take(last - first + 1).Where(c => !NotFlags.Contains(c)).ToArray();
    }

    private static int IndexOf(IReadOnlyList<string> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i] == name)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"The current header has no column {name}.");
    }
}
