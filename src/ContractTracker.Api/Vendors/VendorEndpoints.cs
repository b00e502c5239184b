using ContractTracker.Agencies;
using ContractTracker.Api.Common;
using ContractTracker.Provenance;
using ContractTracker.Vendors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContractTracker.Api.Vendors;

internal static class VendorEndpoints
{
    public static RouteGroupBuilder MapVendors(this RouteGroupBuilder api)
    {
        api.MapGet("/vendors", SearchAsync)
            .WithName("SearchVendors")
            .WithSummary("Find vendor families by a name fragment, a UEI or a DUNS.")
            .WithDescription("""
                Names match whatever their case and punctuation and despite small typos (pg_trgm word similarity); a UEI or DUNS
                matches exactly. Each hit is a family: the parent as the transactions reported it, with its members (UEIs), every
                name they were reported under, obligated total (sum of federal_action_obligation), action count and first and last
                action, in the chosen view: `as_reported` counts each action under the parent it reported at the time,
                `latest_parent` counts every action of a recipient under its latest parent. One UEI under several spellings is
                one vendor. Sole proprietors (people) are never hits nor members.
                """)
            .Validate<VendorSearchRequest>();

        api.MapGet("/vendors/{uei}", GetProfileAsync)
            .WithName("GetVendor")
            .WithSummary("A vendor (a family, addressed by its parent's UEI): members, names and parents over time, obligations by agency and fiscal year.")
            .WithDescription("""
                Members are listed with the names they were reported under and the parents they reported over time (date ranges
                and amounts), and whether they are in the family as reported and under the latest parent. Figures follow `view`
                (as_reported or latest_parent), `lens` (awarding or funding agency) and `members` (family, or self for the UEI's own
                actions). Each agency row links to the vendor-agency relationship. An unknown UEI, and a sole proprietor's, is a 404.
                """)
            .Validate<VendorProfileRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Ok<VendorSearchResponse>> SearchAsync(
        [AsParameters] VendorSearchRequest query, VendorDirectory vendors, Citations citations, HttpRequest request, CancellationToken ct)
    {
        var text = query.Q!.Trim();
        var view = VendorParameter.View(query.View);
        var limit = QueryRules.PageSize(query.Limit, VendorSearchRequest.DefaultLimit);

        var found = await vendors.SearchAsync(text, view, limit, ct);
        var hits = found.Select(h => new VendorHit(
                h.Family.ParentUei, h.Family.ParentName, h.Family.MemberUeis, h.Family.NamesSeen, h.Family.ObligatedAmount,
                h.Family.TransactionCount, h.Family.FirstActionDate, h.Family.LastActionDate, h.MatchedName, h.MatchedOn, h.Score,
                new VendorHitLinks(request.LinkTo(ProfilePath(h.Family.ParentUei), [("view", view.Name())]))))
            .ToList();
        var citation = await request.CiteAsync(citations, found.SelectMany(h => h.Family.ImportFileIds),
            [("q", text), ("view", view.Name()), ("limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture))], ct);
        return TypedResults.Ok(new VendorSearchResponse(new VendorSearchQuery(text, view.Name(), limit), hits, citation));
    }

    private static async Task<Results<Ok<VendorProfileResponse>, ProblemHttpResult>> GetProfileAsync(
        [AsParameters] VendorProfileRequest query, VendorDirectory vendors, VendorProfiles profiles, AgencyDirectory agencies,
        Citations citations, HttpRequest request, CancellationToken ct)
    {
        var (scope, notFound) = await VendorParameter.ResolveAsync(vendors, query.Uei, query.Members, query.View, ct);
        if (scope is null)
        {
            return notFound!;
        }

        var lens = AgencyParameter.Lens(query.Lens);
        var members = scope.WholeFamily ? "family" : "self";
        var profile = await profiles.GetAsync(scope, lens, ct);
        var names = await agencies.NameAsync(
            profile.ByAgency.Select(a => a.ToptierCode).OfType<string>(), profile.ByAgency.Select(a => a.SubtierCode).OfType<string>(), [], ct);

        AgencyLabel? Label(AgencyLevel level, string? code) =>
            code is null ? null : names.TryGetValue((level, code), out var agency) ? new AgencyLabel(code, agency.Name, agency.Abbreviation) : new AgencyLabel(code, null, null);

        var byAgency = profile.ByAgency.Select(a => new VendorAgencyObligation(
                Label(AgencyLevel.Toptier, a.ToptierCode), Label(AgencyLevel.Subtier, a.SubtierCode),
                a.ObligatedAmount, a.TransactionCount, a.FirstActionDate, a.LastActionDate,
                new VendorAgencyLinks((a.SubtierCode ?? a.ToptierCode) is { } agency
                    ? request.LinkTo("/api/v1/relationships", [
                        ("vendor", scope.Uei), ("agency", agency), ("lens", lens.Name()), ("view", scope.View.Name()),
                        ("members", scope.WholeFamily ? null : "self")])
                    : null)))
            .ToList();
        var citation = await request.CiteAsync(citations, profile.ImportFileIds,
            [("view", scope.View.Name()), ("lens", lens.Name()), ("members", members)], ct);
        return TypedResults.Ok(new VendorProfileResponse(
            new VendorProfileQuery(scope.Uei, scope.View.Name(), lens.Name(), members), scope.Uei, profile.Name, profile.Totals,
            profile.Members, byAgency, profile.ByFiscalYear, citation));
    }

    private static string ProfilePath(string uei) => $"/api/v1/vendors/{Uri.EscapeDataString(uei)}";
}
