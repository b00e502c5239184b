using System.Globalization;
using ContractTracker.Agencies;
using ContractTracker.Api.Common;
using ContractTracker.Provenance;
using ContractTracker.Transactions;
using ContractTracker.Vendors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContractTracker.Api.Transactions;

internal static class TransactionEndpoints
{
    public static RouteGroupBuilder MapTransactions(this RouteGroupBuilder api)
    {
        api.MapGet("/transactions", ListTransactionsAsync)
            .Validate<TransactionListRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ListTransactions")
            .WithSummary("Contract actions matching filters, one page at a time, each with the source file and line it came from.")
            .WithDescription("""
                Filters (all optional, all applied): `vendor` (a UEI; `members` = family (default) or self, `view` = as_reported
                (default) or latest_parent), `agency` (a code or abbreviation at any level, `agency_level` to choose one; `lens` =
                awarding (default) or funding), `from` and `to` (action dates, inclusive), `fiscal_year`, `naics` (a code or its
                first 2 to 5 digits), `psc` (a code or its first characters), `award_type` (A, B, C, D, or IDV_A to IDV_E for
                IDVs), `action_type` (an action type code, or `base` for base awards), `min_amount` and `max_amount`
                (federal_action_obligation, inclusive), and `q` (words that must each start a word of the transaction or base
                award description, case ignored).

                `sort` = action_date (default), -action_date, amount or -amount (federal_action_obligation; de-obligations are
                negative); ties are broken by the transaction key in the same direction. The amount sorts need a `vendor` or
                `agency`. `limit` is 1 to 500 (default 50). No total is counted.

                Follow `next` until it is null. A page reads a bounded number of actions: when filters match few of them, a page
                can hold fewer rows than `limit`, or none, and still have a `next` link that carries on from where it stopped.

                A sole proprietor (a person) appears in rows with no vendor link. Officer names are never returned.
                """);
        return api;
    }

    private static async Task<Results<Ok<TransactionListResponse>, ValidationProblem, ProblemHttpResult>> ListTransactionsAsync(
        [AsParameters] TransactionListRequest query, HttpRequest request, TransactionSearch search, AgencyDirectory agencies,
        VendorDirectory vendors, Citations citations, CancellationToken ct)
    {
        AgencyScope? agency = null;
        if (query.Agency is { } agencyInput)
        {
            var (found, problem) = await AgencyParameter.ResolveAsync(agencies, "agency", agencyInput, AgencyParameter.Level(query.AgencyLevel), ct);
            if (problem is not null)
            {
                return problem;
            }

            agency = new AgencyScope(found!, AgencyParameter.Lens(query.Lens));
        }

        VendorScope? vendor = null;
        if (query.Vendor is { } uei)
        {
            var (scope, problem) = await VendorParameter.ResolveAsync(vendors, uei, query.Members, query.View, ct);
            if (problem is not null)
            {
                return problem;
            }

            vendor = scope;
        }

        var filter = new TransactionFilter
        {
            Vendor = vendor,
            Agency = agency,
            From = QueryRules.Date(query.From),
            To = QueryRules.Date(query.To),
            FiscalYear = query.FiscalYearValue,
            NaicsPrefix = query.Naics,
            PscPrefix = query.Psc?.ToUpperInvariant(),
            AwardType = query.AwardTypeValue,
            ActionTypeCode = query.ActionTypeCode,
            MinAmount = query.MinAmountValue,
            MaxAmount = query.MaxAmountValue,
            Keywords = query.Keywords,
        };

        var page = await search.ListAsync(filter, query.SortOrder, query.Position(), query.PageSize, ct);
        var parameters = CanonicalParameters(query, filter);
        var next = page.Next is { } position
            ? request.LinkTo(request.Path, [.. parameters, ("cursor", TransactionListRequest.WriteCursor(query.SortName, position, query.SortOrder))])
            : null;
        var citation = await request.CiteAsync(citations, page.Rows.Select(r => r.ImportFileId), parameters, ct);
        return TypedResults.Ok(new TransactionListResponse(
            page.Rows.Select(r => TransactionItem.From(r, request)).ToList(), next, TransactionListFilters.Of(query, filter), citation));
    }

    /// <summary>Every parameter with its effective value, in a fixed order: the question the page answers, without a cursor.</summary>
    private static List<(string Name, string? Value)> CanonicalParameters(TransactionListRequest query, TransactionFilter filter) =>
    [
        ("vendor", filter.Vendor?.Uei),
        ("members", filter.Vendor is null ? null : filter.Vendor.WholeFamily ? "family" : "self"),
        ("view", filter.Vendor?.View.Name()),
        ("agency", filter.Agency?.Agency.Code),
        ("agency_level", filter.Agency?.Agency.Level.Name()),
        ("lens", filter.Agency?.Lens.Name()),
        ("from", filter.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        ("to", filter.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        ("fiscal_year", filter.FiscalYear?.ToString(CultureInfo.InvariantCulture)),
        ("naics", filter.NaicsPrefix),
        ("psc", filter.PscPrefix),
        ("award_type", query.AwardType?.ToUpperInvariant()),
        ("action_type", filter.ActionTypeCode is "" ? TransactionListRequest.BaseAction : filter.ActionTypeCode),
        ("min_amount", filter.MinAmount?.ToString(CultureInfo.InvariantCulture)),
        ("max_amount", filter.MaxAmount?.ToString(CultureInfo.InvariantCulture)),
        ("q", filter.Keywords.Count == 0 ? null : string.Join(' ', filter.Keywords)),
        ("sort", query.SortName),
        ("limit", query.PageSize.ToString(CultureInfo.InvariantCulture)),
    ];
}
