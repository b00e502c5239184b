using ContractTracker.Api.Common;
using ContractTracker.Api.Exports;
using ContractTracker.Vendors;

namespace ContractTracker.Api.Vendors;

/// <summary>Vendor families matching a search, best first.</summary>
/// <param name="Query">The search as it was understood.</param>
/// <param name="Hits">The families, best match first.</param>
/// <param name="Citation">What the answer stands on, and a link that asks again.</param>
/// <param name="Downloads">The hits as a CSV, workbook or cited zip.</param>
internal sealed record VendorSearchResponse(VendorSearchQuery Query, IReadOnlyList<VendorHit> Hits, DownloadLinks Downloads, CitationBlock Citation);

/// <summary>The search as it was understood: the trimmed query and every parameter's effective value.</summary>
internal sealed record VendorSearchQuery(string Q, string View, int Limit);

/// <summary>A vendor family: its parent (as the transactions reported it) with the members counted in the chosen view.</summary>
/// <param name="ParentUei">The family's parent UEI: the vendor's address.</param>
/// <param name="ParentName">The parent's name as the members' latest actions reported it.</param>
/// <param name="MemberUeis">The recipients in the family in the chosen view.</param>
/// <param name="NamesSeen">Every name the members were reported under.</param>
/// <param name="ObligatedAmount">Sum of <c>federal_action_obligation</c> over the family's actions in the chosen view.</param>
/// <param name="TransactionCount">How many actions that sum covers.</param>
/// <param name="FirstActionDate">The family's first action in the chosen view.</param>
/// <param name="LastActionDate">The family's last action in the chosen view.</param>
/// <param name="MatchedName">The name that matched the query, for a name match.</param>
/// <param name="MatchedOn"><c>name</c>, <c>uei</c> or <c>duns</c>.</param>
/// <param name="Score">How close the name came, 0 to 1: the mean over the query's words of the word similarity of the name's closest word (1 when it holds them all); 1 for a UEI or DUNS.</param>
/// <param name="Links">The family's profile, in the same view.</param>
internal sealed record VendorHit(
    string ParentUei, string? ParentName, IReadOnlyList<string> MemberUeis, IReadOnlyList<string> NamesSeen,
    decimal ObligatedAmount, long TransactionCount, DateOnly FirstActionDate, DateOnly LastActionDate,
    string? MatchedName, string MatchedOn, double Score, VendorHitLinks Links);

internal sealed record VendorHitLinks(string Profile);

/// <summary>A vendor's profile: members, totals, and obligations by agency and fiscal year in the chosen view and lens.</summary>
/// <param name="Query">The profile's address and every parameter's effective value.</param>
/// <param name="Uei">The vendor's UEI.</param>
/// <param name="Name">The name its family reported for it as parent, else its own latest name.</param>
/// <param name="Totals">Obligations (sum of <c>federal_action_obligation</c>) of the vendor's actions in the chosen view.</param>
/// <param name="Members">The recipients in the family in either view, with the names and parents they reported over time.</param>
/// <param name="ObligationsByAgency">Obligations by sub-tier agency (awarding or funding, per the lens), largest first.</param>
/// <param name="ObligationsByFiscalYear">Obligations by federal fiscal year.</param>
/// <param name="Downloads">Each of the profile's tables as a CSV, workbook or cited zip.</param>
/// <param name="Citation">What the answer stands on, and a link that asks again.</param>
internal sealed record VendorProfileResponse(
    VendorProfileQuery Query, string Uei, string? Name, VendorTotals Totals, IReadOnlyList<VendorMember> Members,
    IReadOnlyList<VendorAgencyObligation> ObligationsByAgency, IReadOnlyList<FiscalYearObligation> ObligationsByFiscalYear,
    IReadOnlyList<DownloadLinks> Downloads, CitationBlock Citation);

/// <summary>The profile's address and every parameter's effective value.</summary>
internal sealed record VendorProfileQuery(string Uei, string View, string Lens, string Members);

/// <summary>The vendor's obligations with one sub-tier agency, with a link to the relationship's timeline.</summary>
/// <param name="Toptier">The department.</param>
/// <param name="Subtier">The sub-tier agency.</param>
/// <param name="ObligatedAmount">Sum of <c>federal_action_obligation</c> over those actions.</param>
/// <param name="TransactionCount">How many actions that sum covers.</param>
/// <param name="FirstActionDate">The first of those actions.</param>
/// <param name="LastActionDate">The last of those actions.</param>
/// <param name="Links">The vendor-agency relationship, in the same lens, view and members.</param>
internal sealed record VendorAgencyObligation(
    AgencyLabel? Toptier, AgencyLabel? Subtier, decimal ObligatedAmount, long TransactionCount, DateOnly FirstActionDate, DateOnly LastActionDate,
    VendorAgencyLinks Links);

internal sealed record AgencyLabel(string Code, string? Name, string? Abbreviation);

internal sealed record VendorAgencyLinks(string? Relationships);
