using ContractTracker.Agencies;
using ContractTracker.Exports;

namespace ContractTracker.Api.Agencies;

/// <summary>The agency answers' lists as files.</summary>
internal static class AgencyTables
{
    public static readonly string[] PageTables = ["top_vendors", "by_fiscal_year", "components"];

    public static readonly Column<AgencyHit>[] Hits =
    [
        Column.Identifier<AgencyHit>("level", "toptier, subtier or office.", h => h.Level),
        Column.Identifier<AgencyHit>("code", "The agency's code.", h => h.Code),
        Column.Text<AgencyHit>("name", "The agency's name.", h => h.Name),
        Column.Identifier<AgencyHit>("abbreviation", "The common abbreviation, when it has one.", h => h.Abbreviation),
        Column.Identifier<AgencyHit>("parent_code", "The toptier of a sub-tier, the sub-tier of an office.", h => h.Parent?.Code),
        Column.Text<AgencyHit>("parent_name", "That parent's name.", h => h.Parent?.Name),
    ];

    public static readonly Column<AgencyTopVendor>[] TopVendors =
    [
        Column.Identifier<AgencyTopVendor>("parent_uei", "The vendor family's parent UEI.", v => v.ParentUei),
        Column.Text<AgencyTopVendor>("name", "The parent's name, as last reported.", v => v.Name),
        Column.Amount<AgencyTopVendor>("obligated_amount", "Sum of federal_action_obligation over the family's actions with the agency.", v => v.ObligatedAmount),
        Column.Integer<AgencyTopVendor>("transaction_count", "The family's actions with the agency.", v => v.TransactionCount),
    ];

    public static readonly Column<AgencyFiscalYear>[] ByFiscalYear =
    [
        Column.Integer<AgencyFiscalYear>("fiscal_year", "The federal fiscal year (FY2025 = October 2024 to September 2025).", y => y.FiscalYear),
        Column.Amount<AgencyFiscalYear>("obligated_amount", "Sum of federal_action_obligation under the lens, sole proprietors' actions included.", y => y.ObligatedAmount),
        Column.Integer<AgencyFiscalYear>("transaction_count", "Actions in that sum.", y => y.TransactionCount),
    ];

    public static readonly Column<AgencyComponentTotal>[] Components =
    [
        Column.Identifier<AgencyComponentTotal>("level", "subtier or office.", c => c.Level),
        Column.Identifier<AgencyComponentTotal>("code", "The component's code.", c => c.Code),
        Column.Text<AgencyComponentTotal>("name", "The component's name.", c => c.Name),
        Column.Identifier<AgencyComponentTotal>("abbreviation", "The common abbreviation, when it has one.", c => c.Abbreviation),
        Column.Amount<AgencyComponentTotal>("obligated_amount", "Sum of federal_action_obligation under the lens, all fiscal years.", c => c.ObligatedAmount),
        Column.Integer<AgencyComponentTotal>("transaction_count", "Actions under the lens, all fiscal years.", c => c.TransactionCount),
    ];
}
