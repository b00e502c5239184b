using System.Globalization;
using ContractTracker.Agencies;
using ContractTracker.Api.Common;
using ContractTracker.Api.Exports;
using ContractTracker.Exports;
using ContractTracker.Provenance;
using ContractTracker.Transactions;
using ContractTracker.Vendors;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace ContractTracker.Api.Transactions;

internal static class TransactionEndpoints
{
    public static RouteGroupBuilder MapTransactions(this RouteGroupBuilder api)
    {
        api.MapGet("/transactions/raw", RawTransactionsAsync)
            .Validate<TransactionListRequest>()
            .Exportable("raw")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ExportRawTransactions")
            .WithSummary("Every source column of the matching actions, as USAspending wrote them: a file that can be imported again.")
            .WithDescription("""
                Takes the filters and sort of /api/v1/transactions and answers with a file (csv by default, or zip with
                citation.txt, or xlsx): the 297 columns of USAspending's current Contracts Prime Transactions header, in its
                order, every value exactly as the source file wrote it (records from delta files and older header versions come
                out in the current layout). Importing it into an empty ContractTracker reproduces the same transactions.
                Officer names (highly_compensated_officer_N_name) are withheld, as everywhere in this API. Text is not
                neutralised for spreadsheets unless spreadsheet_safe=true (which would change values that start with - or =).
                """);

        api.MapGet("/transactions", ListTransactionsAsync)
            .Validate<TransactionListRequest>()
            .Exportable("transactions")
            .InQuerySlot()
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

                With format=csv, xlsx or zip (or Accept: text/csv), the answer is every matching action, not a page: `limit` and
                `cursor` do not apply and there is no row cap.
                """);
        return api;
    }

    private static async Task<Results<Ok<TransactionListResponse>, ExportResult, ValidationProblem, ProblemHttpResult>> ListTransactionsAsync(
        [AsParameters] TransactionListRequest query, HttpRequest request, TransactionSearch search, AgencyDirectory agencies,
        VendorDirectory vendors, Citations citations, TimeProvider clock, CancellationToken ct)
    {
        var export = request.Export();
        // A page takes its agency from what the directory keeps for the version the previous request saw, and checks it
        // against the version its own query reads (below); a file resolves it afresh, as it cites the whole data set.
        AgencyResolutionAsOf? resolved = null;
        var (filter, invalid, notFound) = await FilterAsync(query,
            export is null
                ? async (input, level) => (resolved = await agencies.ResolveLatestAsync(input, level, ct)).Resolution
                : (input, level) => agencies.ResolveAsync(input, level, ct),
            vendors, ct);
        if (invalid is not null)
        {
            return invalid;
        }

        if (notFound is not null)
        {
            return notFound;
        }

        if (export is not null)
        {
            var whole = CanonicalParameters(query, filter!).Where(p => p.Name is not "limit").ToList();
            var table = new Table<TransactionListRow>("transactions", TransactionTables.Columns, search.ExportAsync(filter!, query.SortOrder, ct))
            {
                SourceFileOf = r => r.ImportFileId,
            };
            return ExportResult.Of(table, export, await citations.ForDataSetAsync(ct), request.Query(export, whole), clock,
                citations.ForFilesAsync, citesDataSet: true);
        }

        var page = await search.ListAsync(filter!, query.SortOrder, query.Position(), query.PageSize, ct);
        if (resolved is not null)
        {
            var lens = AgencyParameter.Lens(query.Lens);
            var (_, checkedPage, problem) = await AgencyParameter.AsOfAnswerAsync(
                agencies, "agency", query.Agency!, AgencyParameter.Level(query.AgencyLevel), resolved, filter!.Agency!.Agency, page,
                p => p.DataAsOf,
                again =>
                {
                    filter = filter with { Agency = new AgencyScope(again, lens) };
                    return search.ListAsync(filter, query.SortOrder, query.Position(), query.PageSize, ct);
                }, ct);
            if (problem is not null)
            {
                return problem;
            }

            page = checkedPage;
        }

        var parameters = CanonicalParameters(query, filter!);
        var wholeAnswer = parameters.Where(p => p.Name is not "limit").ToList();
        var next = page.Next is { } position
            ? request.LinkTo(request.Path, [.. parameters, ("cursor", TransactionListRequest.WriteCursor(query.SortName, position, query.SortOrder))])
            : null;
        var citation = await request.CiteAsync(citations, page.Rows.Select(r => r.ImportFileId), page.DataAsOf, parameters, ct);
        return TypedResults.Ok(new TransactionListResponse(
            page.Rows.Select(r => TransactionItem.From(r, request)).ToList(), next, TransactionListFilters.Of(query, filter!),
            request.Downloads(request.Path, wholeAnswer, "transactions"),
            request.LinkTo("/api/v1/transactions/raw", wholeAnswer),
            citation));
    }

    private static async Task<Results<ExportResult, ValidationProblem, ProblemHttpResult>> RawTransactionsAsync(
        [AsParameters] TransactionListRequest query, HttpRequest request, TransactionSearch search, AgencyDirectory agencies,
        VendorDirectory vendors, RawExport raw, Citations citations, TimeProvider clock, CancellationToken ct)
    {
        var asked = request.Export();
        if (asked is null && request.Query.ContainsKey("format"))
        {
            return Problems.Parameter("format", "The raw export is a file: csv (default), zip or xlsx.");
        }

        var (filter, invalid, notFound) = await FilterAsync(query, (input, level) => agencies.ResolveAsync(input, level, ct), vendors, ct);
        if (invalid is not null)
        {
            return invalid;
        }

        if (notFound is not null)
        {
            return notFound;
        }

        // Exact values by default: this file is for importing again, and neutralising formulas would change values.
        var export = new ExportChoice(asked?.Format ?? ExportFormat.Csv,
            string.Equals(request.Query["spreadsheet_safe"], "true", StringComparison.OrdinalIgnoreCase), "raw");
        var records = await search.RawRecordsAsync(filter!, query.SortOrder, ct)
            ?? new NpgsqlBatchCommand("SELECT 0::bigint, ''::text WHERE false");
        var table = await raw.TableAsync("transactions-raw", records, export.SpreadsheetSafe, ct);
        var parameters = CanonicalParameters(query, filter!).Where(p => p.Name is not "limit");
        var link = request.LinkTo(request.Path, [.. parameters, ("format", Exporting.Name(export.Format)), ("spreadsheet_safe", export.SpreadsheetSafe ? "true" : null)]);
        return ExportResult.Of(table, export, await citations.ForDataSetAsync(ct), link, clock, citesDataSet: true);
    }

    /// <summary>
    /// The filter the parameters ask for, its agency resolved by <paramref name="resolveAgency"/>, or the 400/404 for an agency
    /// or vendor that cannot be used.
    /// </summary>
    private static async Task<(TransactionFilter? Filter, ValidationProblem? Invalid, ProblemHttpResult? NotFound)> FilterAsync(
        TransactionListRequest query, Func<string, AgencyLevel?, Task<AgencyResolution>> resolveAgency, VendorDirectory vendors, CancellationToken ct)
    {
        AgencyScope? agency = null;
        if (query.Agency is { } agencyInput)
        {
            var (found, problem) = AgencyParameter.Of("agency", agencyInput, await resolveAgency(agencyInput, AgencyParameter.Level(query.AgencyLevel)));
            if (problem is not null)
            {
                return (null, problem, null);
            }

            agency = new AgencyScope(found!, AgencyParameter.Lens(query.Lens));
        }

        VendorScope? vendor = null;
        if (query.Vendor is { } uei)
        {
            var (scope, problem) = await VendorParameter.ResolveAsync(vendors, uei, query.Members, query.View, withRanges: true, ct);
            if (problem is not null)
            {
                return (null, null, problem);
            }

            vendor = scope;
        }

        return (new TransactionFilter
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
        }, null, null);
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
