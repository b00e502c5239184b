using ContractTracker.Agencies;
using ContractTracker.Api.Common;
using ContractTracker.Api.Exports;
using ContractTracker.Exports;
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
                Names match whatever their case and punctuation, in any word order and despite small typos: every word of the query
                must be like a word of the name (pg_trgm word similarity at least 0.5). `score` is the mean, over the query's words, of
                the similarity of the name's closest word (1 when the name holds them all; names holding them as a phrase come first).
                A UEI or DUNS matches exactly. Each hit is a family: the parent as the transactions reported it, with its members (UEIs), every
                name they were reported under, obligated total (sum of federal_action_obligation), action count and first and last
                action, in the chosen view: `as_reported` counts each action under the parent it reported at the time,
                `latest_parent` counts every action of a recipient under its latest parent. One UEI under several spellings is
                one vendor. Sole proprietors (people) are never hits nor members. With format=csv, xlsx or zip, the hits as a file.
                """)
            .Validate<VendorSearchRequest>()
            .Exportable("hits")
            .InQuerySlot();

        api.MapGet("/vendors/{uei}", GetProfileAsync)
            .WithName("GetVendor")
            .WithSummary("A vendor (a family, addressed by its parent's UEI): members, names and parents over time, obligations by agency and fiscal year.")
            .WithDescription("""
                Members are listed with the names they were reported under and the parents they reported over time (date ranges
                and amounts), and whether they are in the family as reported and under the latest parent. Figures follow `view`
                (as_reported or latest_parent), `lens` (awarding or funding agency) and `members` (family, or self for the UEI's own
                actions). Each agency row links to the vendor-agency relationship. An unknown UEI, and a sole proprietor's, is a 404.
                With format=csv, xlsx or zip, table=members, names, parents, by_agency or by_fiscal_year as a file.
                """)
            .Validate<VendorProfileRequest>()
            .Exportable(VendorTables.ProfileTables)
            .InQuerySlot()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Ok<VendorSearchResponse>, ExportResult>> SearchAsync(
        [AsParameters] VendorSearchRequest query, VendorDirectory vendors, Citations citations, HttpRequest request, TimeProvider clock,
        CancellationToken ct)
    {
        var text = query.Q!.Trim();
        var view = VendorParameter.View(query.View);
        var limit = QueryRules.PageSize(query.Limit, VendorSearchRequest.DefaultLimit);

        var (found, dataAsOf) = await vendors.SearchAsync(text, view, limit, ct);
        var hits = found.Select(h => new VendorHit(
                h.Family.ParentUei, h.Family.ParentName, h.Family.MemberUeis, h.Family.NamesSeen, h.Family.ObligatedAmount,
                h.Family.TransactionCount, h.Family.FirstActionDate, h.Family.LastActionDate, h.MatchedName, h.MatchedOn, h.Score,
                new VendorHitLinks(request.LinkTo(ProfilePath(h.Family.ParentUei), [("view", view.Name())]))))
            .ToList();
        (string, string?)[] parameters = [("q", text), ("view", view.Name()), ("limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        if (request.Export() is { } export)
        {
            // The hits are a ranked list of `limit` families: the file keeps the limit (the JSON's page is the whole answer).
            var cited = await citations.ForFilesAsync(found.SelectMany(h => h.Family.ImportFileIds), ct);
            return ExportResult.Of(Table.Of("vendor-search", VendorTables.Hits, hits), export, cited,
                request.LinkTo(request.Path, [.. parameters, ("format", Exporting.Name(export.Format))]), clock);
        }

        var citation = await request.CiteAsync(citations, found.SelectMany(h => h.Family.ImportFileIds), dataAsOf, parameters, ct);
        return TypedResults.Ok(new VendorSearchResponse(new VendorSearchQuery(text, view.Name(), limit), hits,
            request.Downloads(request.Path, parameters, "hits"), citation));
    }

    private static async Task<Results<Ok<VendorProfileResponse>, ExportResult, ProblemHttpResult>> GetProfileAsync(
        [AsParameters] VendorProfileRequest query, VendorDirectory vendors, VendorProfiles profiles, AgencyDirectory agencies,
        Citations citations, HttpRequest request, TimeProvider clock, CancellationToken ct)
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
        (string, string?)[] parameters = [("view", scope.View.Name()), ("lens", lens.Name()), ("members", members)];
        if (request.Export() is { } export)
        {
            var cited = await citations.ForFilesAsync(profile.ImportFileIds, ct);
            var stem = $"vendor-{scope.Uei}";
            var link = request.Query(export, parameters, named: true);
            return export.Table switch
            {
                "members" => ExportResult.Of(Table.Of($"{stem}-members", VendorTables.Members, profile.Members), export, cited, link, clock),
                "names" => ExportResult.Of(Table.Of($"{stem}-names", VendorTables.Names,
                    profile.Members.SelectMany(m => m.NamesSeen.Select(n => new VendorTables.MemberName(m.Uei, n)))), export, cited, link, clock),
                "parents" => ExportResult.Of(Table.Of($"{stem}-parents", VendorTables.Parents,
                    profile.Members.SelectMany(m => m.ParentsReported.Select(p => new VendorTables.MemberParent(m.Uei, p)))), export, cited, link, clock),
                "by_agency" => ExportResult.Of(Table.Of($"{stem}-by-agency", VendorTables.ByAgency, byAgency), export, cited, link, clock),
                _ => ExportResult.Of(Table.Of($"{stem}-by-fiscal-year", VendorTables.ByFiscalYear, profile.ByFiscalYear), export, cited, link, clock),
            };
        }

        var citation = await request.CiteAsync(citations, profile.ImportFileIds, parameters, ct);
        return TypedResults.Ok(new VendorProfileResponse(
            new VendorProfileQuery(scope.Uei, scope.View.Name(), lens.Name(), members), scope.Uei, profile.Name, profile.Totals,
            profile.Members, byAgency, profile.ByFiscalYear,
            VendorTables.ProfileTables.Select(t => request.Downloads(request.Path, parameters, t, named: true)).ToList(), citation));
    }

    private static string ProfilePath(string uei) => $"/api/v1/vendors/{Uri.EscapeDataString(uei)}";
}
