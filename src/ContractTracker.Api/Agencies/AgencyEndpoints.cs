using System.Globalization;
using ContractTracker.Agencies;
using ContractTracker.Api.Common;
using ContractTracker.Api.Exports;
using ContractTracker.Exports;
using ContractTracker.Provenance;
using ContractTracker.Vendors;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ContractTracker.Api.Agencies;

internal static class AgencyEndpoints
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;

    public static RouteGroupBuilder MapAgencies(this RouteGroupBuilder api)
    {
        api.MapGet("/agencies", SearchAsync)
            .Validate<AgencySearchRequest>()
            .Exportable("hits")
            .InQuerySlot()
            .WithName("SearchAgencies")
            .WithSummary("Find agencies by code, common abbreviation (ICE, CBP, DHS) or part of a name.")
            .WithDescription("Toptier agencies, sub-tiers and offices whose code starts with `q`, whose abbreviation is `q`, or whose name "
                + "contains it; exact code and abbreviation matches first. Each hit links to its page.");

        api.MapGet("/agencies/{code}", GetAsync)
            .Validate<AgencyPageRequest>()
            .Exportable(AgencyTables.PageTables)
            .InQuerySlot()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetAgency")
            .WithSummary("An agency's page: its sub-tiers or offices, obligations by fiscal year and top vendor families.")
            .WithDescription("`code` is a code (070, 7012, 70CDCR) or a common abbreviation (DHS, ICE); an abbreviation several agencies "
                + "share is a 400 listing them, and `level` picks one. Amounts are sums of federal_action_obligation under the lens "
                + "(the awarding or the funding agency of each action). Top vendors are families (parent UEIs, grouped as reported on "
                + "each action or under each member's latest parent); sole proprietors are never listed. With format=csv, xlsx or zip, "
                + "table=top_vendors, by_fiscal_year or components as a file.");
        return api;
    }

    private static async Task<Results<Ok<AgencySearchResponse>, ExportResult>> SearchAsync(
        [AsParameters] AgencySearchRequest query, AgencyDirectory agencies, Citations citations, HttpRequest request, TimeProvider clock,
        CancellationToken ct)
    {
        var limit = QueryRules.PageSize(query.Limit, DefaultLimit);
        var hits = await agencies.SearchAsync(query.Q!, limit, ct);
        var parents = await agencies.NameAsync(
            hits.Where(h => h.Level == AgencyLevel.Subtier && h.ToptierCode is not null).Select(h => h.ToptierCode!),
            hits.Where(h => h.Level == AgencyLevel.Office && h.SubtierCode is not null).Select(h => h.SubtierCode!),
            [], ct);

        (string, string?)[] parameters = [("q", query.Q), ("limit", limit.ToString(CultureInfo.InvariantCulture))];
        var items = hits.Select(h => new AgencyHit(h.Level.Name(), h.Code, h.Name, h.Abbreviation, ParentOf(request, h, parents), PageLink(request, h.Level, h.Code)))
            .ToList();
        if (request.Export() is { } export)
        {
            return ExportResult.Of(Table.Of("agency-search", AgencyTables.Hits, items), export, await citations.ForFilesAsync([], ct),
                request.Query(export, parameters), clock);
        }

        var citation = await request.CiteAsync(citations, [], parameters, ct);
        return TypedResults.Ok(new AgencySearchResponse(query.Q!, items, request.Downloads(request.Path, parameters, "hits"), citation));
    }

    private static async Task<Results<Ok<AgencyPageResponse>, ExportResult, ValidationProblem, ProblemHttpResult>> GetAsync(
        string code, [AsParameters] AgencyPageRequest query, AgencyDirectory agencies, AgencyProfiles profiles, Citations citations,
        HttpRequest request, TimeProvider clock, CancellationToken ct)
    {
        AgencyRef agency;
        switch (await agencies.ResolveAsync(code, AgencyParameter.Level(query.Level), ct))
        {
            case AgencyResolution.Found found:
                agency = found.Agency;
                break;
            case AgencyResolution.Ambiguous ambiguous:
                return Problems.AmbiguousAgency("code", code, ambiguous.Candidates);
            default:
                return Problems.NotFound($"No agency with code or abbreviation '{code}' is known here"
                    + (query.Level is null ? "." : $" at level {query.Level.ToLowerInvariant()}."));
        }

        var lens = AgencyParameter.Lens(query.Lens);
        var view = VendorParameter.View(query.View);
        var limit = QueryRules.PageSize(query.Limit, DefaultLimit);
        int? fiscalYear = query.FiscalYear is null ? null : int.Parse(query.FiscalYear, CultureInfo.InvariantCulture);
        var profile = await profiles.GetAsync(new AgencyScope(agency, lens), fiscalYear, view, limit, ct);

        // The parent's name, and names for components only the totals know (codes no reference row or transaction named).
        List<string> toptiers = [], subtiers = [], offices = [];
        if (agency.Level == AgencyLevel.Subtier && agency.ToptierCode is { } toptier)
        {
            toptiers.Add(toptier);
        }

        if (agency.Level == AgencyLevel.Office && agency.SubtierCode is { } subtier)
        {
            subtiers.Add(subtier);
        }

        (profile.ComponentLevel == AgencyLevel.Subtier ? subtiers : offices).AddRange(profile.Components.Where(c => c.Name is null).Select(c => c.Code));
        var names = await agencies.NameAsync(toptiers, subtiers, offices, ct);

        var components = profile.ComponentLevel is { } componentLevel
            ? profile.Components.Select(c =>
                {
                    var named = c.Name is null ? names.GetValueOrDefault((componentLevel, c.Code)) : null;
                    return new AgencyComponentTotal(componentLevel.Name(), c.Code, c.Name ?? named?.Name, c.Abbreviation ?? named?.Abbreviation,
                        c.ObligatedAmount, c.TransactionCount, PageLink(request, componentLevel, c.Code, lens));
                }).ToList()
            : null;

        (string, string?)[] parameters =
        [
            ("level", agency.Level.Name()),
            ("lens", lens.Name()),
            ("fiscal_year", fiscalYear?.ToString(CultureInfo.InvariantCulture)),
            ("view", view.Name()),
            ("limit", limit.ToString(CultureInfo.InvariantCulture)),
        ];
        var topVendors = profile.TopVendors.Select(v => new AgencyTopVendor(
                v.ParentUei, v.Name, v.ObligatedAmount, v.TransactionCount,
                request.LinkTo("/api/v1/relationships", [("vendor", v.ParentUei), ("agency", agency.Code), ("lens", lens.Name()), ("view", view.Name())])))
            .ToList();
        if (request.Export() is { } export)
        {
            var cited = await citations.ForFilesAsync(profile.ImportFileIds, ct);
            var stem = $"agency-{agency.Code}";
            var link = request.Query(export, parameters, named: true);
            return export.Table switch
            {
                "top_vendors" => ExportResult.Of(Table.Of($"{stem}-top-vendors", AgencyTables.TopVendors, topVendors), export, cited, link, clock),
                "by_fiscal_year" => ExportResult.Of(Table.Of($"{stem}-by-fiscal-year", AgencyTables.ByFiscalYear, profile.ByFiscalYear), export, cited, link, clock),
                _ => ExportResult.Of(Table.Of($"{stem}-components", AgencyTables.Components, components ?? []), export, cited, link, clock),
            };
        }

        var citation = await request.CiteAsync(citations, profile.ImportFileIds, parameters, ct);

        return TypedResults.Ok(new AgencyPageResponse(
            new AgencyDetail(
                agency.Level.Name(), agency.Code, agency.Name, agency.Abbreviation, ParentOf(request, agency, names),
                agency.Level == AgencyLevel.Toptier ? components : null,
                agency.Level == AgencyLevel.Subtier ? components : null),
            lens.Name(),
            view.Name(),
            new AgencyTotals(profile.ByFiscalYear.Sum(y => y.ObligatedAmount), profile.ByFiscalYear.Sum(y => y.TransactionCount)),
            profile.ByFiscalYear,
            fiscalYear,
            topVendors,
            AgencyTables.PageTables.Select(t => request.Downloads(request.Path, parameters, t, named: true)).ToList(),
            citation));
    }

    /// <summary>The toptier above a sub-tier, or the sub-tier above an office.</summary>
    private static AgencyLink? ParentOf(HttpRequest request, AgencyRef agency, IReadOnlyDictionary<(AgencyLevel, string), AgencyRef> names)
    {
        var (level, code) = agency.Level switch
        {
            AgencyLevel.Subtier => (AgencyLevel.Toptier, agency.ToptierCode),
            AgencyLevel.Office => (AgencyLevel.Subtier, agency.SubtierCode),
            _ => (AgencyLevel.Toptier, null),
        };
        if (code is null)
        {
            return null;
        }

        var parent = names.GetValueOrDefault((level, code));
        return new AgencyLink(level.Name(), code, parent?.Name, parent?.Abbreviation, PageLink(request, level, code));
    }

    private static string PageLink(HttpRequest request, AgencyLevel level, string code, AgencyLens? lens = null) =>
        request.LinkTo($"/api/v1/agencies/{Uri.EscapeDataString(code)}", [("level", level.Name()), ("lens", lens?.Name())]);
}

/// <param name="Q">A code (070, 7012, 70CDCR), an abbreviation (ICE) or part of a name (immigration).</param>
/// <param name="Limit">Hits to return, 1 to 100 (default 25).</param>
internal sealed record AgencySearchRequest([FromQuery(Name = "q")] string? Q, [FromQuery(Name = "limit")] string? Limit);

internal sealed class AgencySearchRequestValidator : AbstractValidator<AgencySearchRequest>
{
    public AgencySearchRequestValidator()
    {
        RuleFor(r => r.Q)
            .Must(q => !string.IsNullOrWhiteSpace(q)).WithMessage("is required: a code, an abbreviation or part of a name.")
            .MaximumLength(200).WithMessage("is longer than 200 characters.");
        RuleFor(r => r.Limit).IsPageSize(AgencyEndpoints.MaxLimit);
    }
}

/// <param name="Level">toptier, subtier or office: which agency an abbreviation several share means.</param>
/// <param name="Lens">awarding (default): the agency that awarded each action; funding: the agency whose money paid for it.</param>
/// <param name="FiscalYear">Limits the top vendors to one fiscal year (the yearly series always covers every year).</param>
/// <param name="View">as_reported (default): actions count in the family of the parent they reported; latest_parent: in the
/// family of each recipient's latest parent.</param>
/// <param name="Limit">Top vendors to return, 1 to 100 (default 25).</param>
internal sealed record AgencyPageRequest(
    [FromQuery(Name = "level")] string? Level,
    [FromQuery(Name = "lens")] string? Lens,
    [FromQuery(Name = "fiscal_year")] string? FiscalYear,
    [FromQuery(Name = "view")] string? View,
    [FromQuery(Name = "limit")] string? Limit);

internal sealed class AgencyPageRequestValidator : AbstractValidator<AgencyPageRequest>
{
    public AgencyPageRequestValidator()
    {
        RuleFor(r => r.Level).IsOneOf("toptier", "subtier", "office");
        RuleFor(r => r.Lens).IsOneOf("awarding", "funding");
        RuleFor(r => r.FiscalYear).IsFiscalYear();
        RuleFor(r => r.View).IsOneOf("as_reported", "latest_parent");
        RuleFor(r => r.Limit).IsPageSize(AgencyEndpoints.MaxLimit);
    }
}

/// <param name="Query">The text searched for.</param>
/// <param name="Hits">Matching agencies, exact code and abbreviation matches first.</param>
/// <param name="Citation">What the answer stands on, and a link that asks again.</param>
internal sealed record AgencySearchResponse(string Query, IReadOnlyList<AgencyHit> Hits, DownloadLinks Downloads, CitationBlock Citation);

/// <param name="Level">toptier, subtier or office.</param>
/// <param name="Code">The agency's code: toptier CGAC/FREC (070), sub-tier (7012) or office (70CDCR).</param>
/// <param name="Name">The agency's name, as the latest action naming it wrote it (or the reference list's).</param>
/// <param name="Abbreviation">The common abbreviation (ICE), when it has one.</param>
/// <param name="Parent">The toptier of a sub-tier, the sub-tier of an office; null for a toptier.</param>
/// <param name="Link">The agency's page.</param>
internal sealed record AgencyHit(string Level, string Code, string? Name, string? Abbreviation, AgencyLink? Parent, string Link);

/// <param name="Level">toptier, subtier or office.</param>
/// <param name="Code">The agency's code.</param>
/// <param name="Name">The agency's name.</param>
/// <param name="Abbreviation">The common abbreviation, when it has one.</param>
/// <param name="Link">The agency's page.</param>
internal sealed record AgencyLink(string Level, string Code, string? Name, string? Abbreviation, string Link);

/// <param name="Agency">The agency, with its sub-tiers (a toptier) or offices (a sub-tier).</param>
/// <param name="Lens">awarding or funding: which agency of each action counts.</param>
/// <param name="View">as_reported or latest_parent: how vendors are grouped into families.</param>
/// <param name="Totals">Every action of the agency under the lens, all fiscal years.</param>
/// <param name="ObligationsByFiscalYear">Sums of federal_action_obligation by fiscal year, sole proprietors' actions included.</param>
/// <param name="TopVendorsFiscalYear">The fiscal year the top vendors cover; null for all years.</param>
/// <param name="TopVendors">Vendor families by obligations with the agency, biggest first; sole proprietors never appear.</param>
/// <param name="Downloads">The page's tables (top vendors, fiscal years, components) as CSV, workbook or cited zip.</param>
/// <param name="Citation">What the answer stands on, and a link that asks again.</param>
internal sealed record AgencyPageResponse(
    AgencyDetail Agency, string Lens, string View, AgencyTotals Totals, IReadOnlyList<AgencyFiscalYear> ObligationsByFiscalYear,
    int? TopVendorsFiscalYear, IReadOnlyList<AgencyTopVendor> TopVendors, IReadOnlyList<DownloadLinks> Downloads, CitationBlock Citation);

/// <param name="Level">toptier, subtier or office.</param>
/// <param name="Code">The agency's code.</param>
/// <param name="Name">The agency's name.</param>
/// <param name="Abbreviation">The common abbreviation, when it has one.</param>
/// <param name="Parent">The toptier of a sub-tier, the sub-tier of an office; null for a toptier.</param>
/// <param name="Subtiers">A toptier's sub-tiers with their totals under the lens (all years); null below toptier.</param>
/// <param name="Offices">A sub-tier's offices with their totals under the lens (all years); null for other levels.</param>
internal sealed record AgencyDetail(
    string Level, string Code, string? Name, string? Abbreviation, AgencyLink? Parent,
    IReadOnlyList<AgencyComponentTotal>? Subtiers, IReadOnlyList<AgencyComponentTotal>? Offices);

/// <param name="Level">subtier or office.</param>
/// <param name="Code">The component's code.</param>
/// <param name="Name">The component's name.</param>
/// <param name="Abbreviation">The common abbreviation, when it has one.</param>
/// <param name="ObligatedAmount">Sum of federal_action_obligation under the lens, all fiscal years.</param>
/// <param name="TransactionCount">Actions under the lens, all fiscal years.</param>
/// <param name="Link">The component's page, under the same lens.</param>
internal sealed record AgencyComponentTotal(
    string Level, string Code, string? Name, string? Abbreviation, decimal ObligatedAmount, long TransactionCount, string Link);

/// <param name="ObligatedAmount">Sum of federal_action_obligation, de-obligations included.</param>
/// <param name="TransactionCount">Actions counted.</param>
internal sealed record AgencyTotals(decimal ObligatedAmount, long TransactionCount);

/// <param name="ParentUei">The family's parent UEI.</param>
/// <param name="Name">The parent's name, as last reported.</param>
/// <param name="ObligatedAmount">Sum of federal_action_obligation over the family's actions with the agency.</param>
/// <param name="TransactionCount">The family's actions with the agency.</param>
/// <param name="Relationship">The family's relationship with the agency, action by action.</param>
internal sealed record AgencyTopVendor(string ParentUei, string? Name, decimal ObligatedAmount, long TransactionCount, string Relationship);
