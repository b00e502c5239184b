using ContractTracker.Exports;
using ContractTracker.Vendors;

namespace ContractTracker.Api.Vendors;

/// <summary>The vendor answers' lists as files.</summary>
internal static class VendorTables
{
    public static readonly Column<VendorHit>[] Hits =
    [
        Column.Identifier<VendorHit>("parent_uei", "The family's parent UEI (the vendor's address).", h => h.ParentUei),
        Column.Text<VendorHit>("parent_name", "The parent's name as the members' latest actions reported it.", h => h.ParentName),
        Column.Identifier<VendorHit>("member_ueis", "The recipients in the family in the chosen view, separated by spaces.", h => string.Join(' ', h.MemberUeis)),
        Column.Text<VendorHit>("names_seen", "Every name the members were reported under, separated by ' | '.", h => string.Join(" | ", h.NamesSeen)),
        Column.Amount<VendorHit>("obligated_amount", "Sum of federal_action_obligation over the family's actions in the chosen view.", h => h.ObligatedAmount),
        Column.Integer<VendorHit>("transaction_count", "Actions in that sum.", h => h.TransactionCount),
        Column.Date<VendorHit>("first_action_date", "The family's first action.", h => h.FirstActionDate),
        Column.Date<VendorHit>("last_action_date", "The family's last action.", h => h.LastActionDate),
        Column.Text<VendorHit>("matched_name", "The name that matched the query, for a name match.", h => h.MatchedName),
        Column.Identifier<VendorHit>("matched_on", "name, uei or duns.", h => h.MatchedOn),
        Column.Text<VendorHit>("score", "How close the name came (0 to 1; 1 for a UEI or DUNS).", h => h.Score.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)),
    ];

    public static readonly string[] ProfileTables = ["members", "names", "parents", "by_agency", "by_fiscal_year"];

    public static readonly Column<VendorMember>[] Members =
    [
        Column.Identifier<VendorMember>("uei", "The member's UEI.", m => m.Uei),
        Column.Text<VendorMember>("name", "The member's latest name.", m => m.Name),
        Column.Identifier<VendorMember>("latest_parent_uei", "The parent on the member's latest action.", m => m.LatestParentUei),
        Column.Boolean<VendorMember>("in_family_as_reported", "Whether any of its actions reported the vendor as parent.", m => m.InFamilyAsReported),
        Column.Boolean<VendorMember>("in_family_under_latest_parent", "Whether its latest action reported the vendor as parent.", m => m.InFamilyUnderLatestParent),
        Column.Amount<VendorMember>("obligated_amount_in_vendor", "The member's obligations counted in this vendor in the chosen view.", m => m.ObligatedAmountInVendor),
        Column.Integer<VendorMember>("transaction_count_in_vendor", "Actions in that sum.", m => m.TransactionCountInVendor),
        Column.Amount<VendorMember>("obligated_amount", "All the member's obligations, whatever parent they reported.", m => m.ObligatedAmount),
        Column.Integer<VendorMember>("transaction_count", "All the member's actions.", m => m.TransactionCount),
        Column.Date<VendorMember>("first_action_date", "The member's first action.", m => m.FirstActionDate),
        Column.Date<VendorMember>("last_action_date", "The member's last action.", m => m.LastActionDate),
    ];

    public sealed record MemberName(string Uei, NameSeen Name);

    public static readonly Column<MemberName>[] Names =
    [
        Column.Identifier<MemberName>("uei", "The member's UEI.", n => n.Uei),
        Column.Text<MemberName>("name", "A name its actions reported.", n => n.Name.Name),
        Column.Date<MemberName>("first_action_date", "The first action under that name.", n => n.Name.FirstActionDate),
        Column.Date<MemberName>("last_action_date", "The last action under that name.", n => n.Name.LastActionDate),
        Column.Integer<MemberName>("transaction_count", "Actions under that name.", n => n.Name.TransactionCount),
    ];

    public sealed record MemberParent(string Uei, ParentReported Parent);

    public static readonly Column<MemberParent>[] Parents =
    [
        Column.Identifier<MemberParent>("uei", "The member's UEI.", p => p.Uei),
        Column.Identifier<MemberParent>("parent_uei", "A parent its actions reported.", p => p.Parent.ParentUei),
        Column.Text<MemberParent>("parent_name", "That parent's name as reported.", p => p.Parent.ParentName),
        Column.Date<MemberParent>("first_action_date", "The first action reporting that parent.", p => p.Parent.FirstActionDate),
        Column.Date<MemberParent>("last_action_date", "The last action reporting that parent.", p => p.Parent.LastActionDate),
        Column.Integer<MemberParent>("transaction_count", "Actions reporting that parent.", p => p.Parent.TransactionCount),
        Column.Amount<MemberParent>("obligated_amount", "Sum of federal_action_obligation of those actions.", p => p.Parent.ObligatedAmount),
    ];

    public static readonly Column<VendorAgencyObligation>[] ByAgency =
    [
        Column.Identifier<VendorAgencyObligation>("toptier_code", "The department's code.", a => a.Toptier?.Code),
        Column.Text<VendorAgencyObligation>("toptier_name", "The department.", a => a.Toptier?.Name),
        Column.Identifier<VendorAgencyObligation>("subtier_code", "The sub-tier agency's code.", a => a.Subtier?.Code),
        Column.Text<VendorAgencyObligation>("subtier_name", "The sub-tier agency.", a => a.Subtier?.Name),
        Column.Identifier<VendorAgencyObligation>("subtier_abbreviation", "Its common abbreviation.", a => a.Subtier?.Abbreviation),
        Column.Amount<VendorAgencyObligation>("obligated_amount", "Sum of federal_action_obligation with that agency (per the lens).", a => a.ObligatedAmount),
        Column.Integer<VendorAgencyObligation>("transaction_count", "Actions in that sum.", a => a.TransactionCount),
        Column.Date<VendorAgencyObligation>("first_action_date", "The first of those actions.", a => a.FirstActionDate),
        Column.Date<VendorAgencyObligation>("last_action_date", "The last of those actions.", a => a.LastActionDate),
    ];

    public static readonly Column<FiscalYearObligation>[] ByFiscalYear =
    [
        Column.Integer<FiscalYearObligation>("fiscal_year", "The federal fiscal year (FY2025 = October 2024 to September 2025).", y => y.FiscalYear),
        Column.Amount<FiscalYearObligation>("obligated_amount", "Sum of federal_action_obligation in the year.", y => y.ObligatedAmount),
        Column.Integer<FiscalYearObligation>("transaction_count", "Actions in that sum.", y => y.TransactionCount),
        Column.Date<FiscalYearObligation>("first_action_date", "The year's first action.", y => y.FirstActionDate),
        Column.Date<FiscalYearObligation>("last_action_date", "The year's last action.", y => y.LastActionDate),
    ];
}
