using System.Globalization;
using ContractTracker.Agencies;
using ContractTracker.Api.Common;
using ContractTracker.Api.Exports;
using ContractTracker.Awards;
using ContractTracker.Exports;
using ContractTracker.Provenance;
using ContractTracker.Relationships;
using ContractTracker.Vendors;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ContractTracker.Api.Reports;

/// <summary>
/// Ready-made reports for the common asks, as JSON (rows streamed) or as files: a vendor-agency ledger, an agency's top
/// vendors by fiscal year, an award's modification history, and the new awards of a period.
/// </summary>
internal static class ReportEndpoints
{
    public const string Ledger = "vendor-agency-ledger";
    public const string TopVendors = "agency-top-vendors";
    public const string AwardHistory = "award-history";
    public const string NewAwards = "new-awards";
    public static readonly string[] Names = [Ledger, TopVendors, AwardHistory, NewAwards];

    public static RouteGroupBuilder MapReports(this RouteGroupBuilder api)
    {
        api.MapGet("/reports", ListReports)
            .WithName("ListReports")
            .WithSummary("The ready-made reports and the parameters each takes.");

        api.MapGet("/reports/{name}", GetReportAsync)
            .Validate<ReportParameters>()
            .Exportable("rows")
            .Produces<ReportResponse<LedgerRow>>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetReport")
            .WithSummary("A ready-made report: JSON with its rows, or format=csv, xlsx or zip.")
            .WithDescription($"""
                - `{Ledger}`: every transaction of a vendor (`vendor`, a UEI; `members`, `view`) with an agency (`agency`,
                  `agency_level`, `lens`), optionally between `from` and `to`, in date order with the running obligated total.
                - `{TopVendors}`: an agency's (`agency`, `agency_level`, `lens`) top vendor families (`view`) in each fiscal year
                  from `from_fiscal_year` to `to_fiscal_year` (default: every year with actions), `limit` per year (default 25, at most 100).
                - `{AwardHistory}`: every modification of an award (`award`, its contract_award_unique_key) with the running
                  obligated total; the cumulative columns as each action reported them, never summed.
                - `{NewAwards}`: the awards whose first action falls between `from` and `to` (both required), optionally of one
                  agency (as of each award's latest action).
                Rows are never paged: JSON streams them all, and the files hold them all.
                """);
        return api;
    }

    private static Ok<IReadOnlyList<ReportDescription>> ListReports(HttpRequest request) => TypedResults.Ok<IReadOnlyList<ReportDescription>>(
    [
        new(Ledger, "Every transaction of a vendor family with an agency, in date order, with running totals.",
            ["vendor", "members", "view", "agency", "agency_level", "lens", "from", "to"], request.LinkTo($"/api/v1/reports/{Ledger}", [])),
        new(TopVendors, "An agency's top vendor families in each fiscal year.",
            ["agency", "agency_level", "lens", "view", "from_fiscal_year", "to_fiscal_year", "limit"], request.LinkTo($"/api/v1/reports/{TopVendors}", [])),
        new(AwardHistory, "Every modification of an award, with the running obligated total.", ["award"], request.LinkTo($"/api/v1/reports/{AwardHistory}", [])),
        new(NewAwards, "The awards whose first action falls in a period, optionally of one agency.",
            ["from", "to", "agency", "agency_level", "lens"], request.LinkTo($"/api/v1/reports/{NewAwards}", [])),
    ]);

    private static async Task<IResult> GetReportAsync(
        [AsParameters] ReportParameters query, HttpRequest request, AgencyDirectory agencies, VendorDirectory vendors,
        RelationshipQuery relationships, AgencyProfiles agencyProfiles, AwardProfiles awards, Citations citations, TimeProvider clock,
        CancellationToken ct)
    {
        AgencyScope? agency = null;
        if (query.Agency is { } code)
        {
            var (found, problem) = await AgencyParameter.ResolveAsync(agencies, "agency", code, AgencyParameter.Level(query.AgencyLevel), ct);
            if (problem is not null)
            {
                return problem;
            }

            agency = new AgencyScope(found!, AgencyParameter.Lens(query.Lens));
        }

        var export = request.Export();
        var agencyParameters = agency is null
            ? new List<(string, string?)>()
            : [("agency", agency.Agency.Code), ("agency_level", agency.Agency.Level.Name()), ("lens", agency.Lens.Name())];
        var name = query.Name!;
        switch (name.ToLowerInvariant())
        {
            case Ledger:
            {
                var (vendor, notFound) = await VendorParameter.ResolveAsync(vendors, query.Vendor!, query.Members, query.View, ct);
                if (notFound is not null)
                {
                    return notFound;
                }

                var from = QueryRules.Date(query.From);
                var to = QueryRules.Date(query.To);
                var summary = await relationships.RunAsync(
                    new RelationshipRequest(vendor!, agency!, from, to, SeriesInterval.FiscalYear, 1, null, 1, null), ct);
                var rows = RunningTotal(relationships.EventsAsync(
                    new RelationshipRequest(vendor!, agency!, from, to, SeriesInterval.FiscalYear, 1, null, int.MaxValue - 1, null), ct));
                List<(string, string?)> parameters =
                [
                    ("vendor", vendor!.Uei), ("members", vendor.WholeFamily ? "family" : "self"), ("view", vendor.View.Name()),
                    .. agencyParameters, ("from", query.From), ("to", query.To),
                ];
                var citation = await citations.ForFilesAsync(summary.ImportFileIds, ct);
                return Answer(request, Ledger, $"ledger-{vendor.Uei}-{agency!.Agency.Code}", LedgerColumns, rows, parameters, citation, export, clock);
            }

            case TopVendors:
            {
                var view = VendorParameter.View(query.View);
                var limit = QueryRules.PageSize(query.Limit, 25);
                var overall = await agencyProfiles.GetAsync(agency!, null, view, 1, ct);
                var years = overall.ByFiscalYear.Select(y => y.FiscalYear)
                    .Where(y => (query.FromFiscalYear is null || y >= int.Parse(query.FromFiscalYear, CultureInfo.InvariantCulture))
                        && (query.ToFiscalYear is null || y <= int.Parse(query.ToFiscalYear, CultureInfo.InvariantCulture)))
                    .Order().ToList();
                var rows = new List<TopVendorRow>();
                var files = new HashSet<long>();
                foreach (var year in years)
                {
                    var profile = await agencyProfiles.GetAsync(agency!, year, view, limit, ct);
                    files.UnionWith(profile.ImportFileIds);
                    rows.AddRange(profile.TopVendors.Select((v, i) => new TopVendorRow(year, i + 1, v.ParentUei, v.Name, v.ObligatedAmount, v.TransactionCount)));
                }

                List<(string, string?)> parameters =
                [
                    .. agencyParameters, ("view", view.Name()), ("from_fiscal_year", query.FromFiscalYear), ("to_fiscal_year", query.ToFiscalYear),
                    ("limit", limit.ToString(CultureInfo.InvariantCulture)),
                ];
                return Answer(request, TopVendors, $"top-vendors-{agency!.Agency.Code}", TopVendorColumns, rows.ToAsyncEnumerable(), parameters,
                    await citations.ForFilesAsync(files, ct), export, clock);
            }

            case AwardHistory:
            {
                var profile = await awards.GetAsync(query.Award!, 1, null, ct);
                if (profile is null)
                {
                    return Problems.NotFound($"No award with key {query.Award!.Trim().ToUpperInvariant()} is known here.");
                }

                decimal running = 0;
                var rows = profile.History.Select(a => new HistoryRow(a, running += a.FederalActionObligation)).ToList();
                return Answer(request, AwardHistory, $"award-history-{profile.Award.ContractAwardUniqueKey}", HistoryColumns, rows.ToAsyncEnumerable(),
                    [("award", profile.Award.ContractAwardUniqueKey)], await citations.ForFilesAsync(profile.ImportFileIds, ct), export, clock);
            }

            case NewAwards:
            {
                var from = QueryRules.Date(query.From)!.Value;
                var to = QueryRules.Date(query.To)!.Value;
                var rows = awards.NewAwardsAsync(agency, from, to, ct).Select(a => new NewAwardRow(a));
                return Answer(request, NewAwards, $"new-awards-{agency?.Agency.Code ?? "all"}-{from:yyyy-MM-dd}-{to:yyyy-MM-dd}", NewAwardColumns, rows,
                    [.. agencyParameters, ("from", query.From), ("to", query.To)], await citations.ForDataSetAsync(ct), export, clock, citesDataSet: true);
            }

            default:
                return Problems.NotFound($"There is no report '{name}'; the reports are {string.Join(", ", Names)}.");
        }
    }

    private static IResult Answer<T>(
        HttpRequest request, string report, string file, Column<T>[] columns, IAsyncEnumerable<T> rows, List<(string, string?)> parameters,
        Citation citation, ExportChoice? export, TimeProvider clock, bool citesDataSet = false)
    {
        if (export is not null)
        {
            return ExportResult.Of(new Table<T>(file, columns, rows), export, citation, request.Query(export, parameters), clock, citesDataSet: citesDataSet);
        }

        return TypedResults.Ok(new ReportResponse<T>(
            report, request.Downloads(request.Path, parameters, "rows"),
            new CitationBlock(citation.DataAsOf, citation.SourceFiles, citation.IncludesSyntheticData, request.LinkTo(request.Path, parameters)),
            rows));
    }

    private static async IAsyncEnumerable<LedgerRow> RunningTotal(IAsyncEnumerable<RelationshipEvent> events)
    {
        decimal running = 0;
        await foreach (var e in events)
        {
            running += e.FederalActionObligation;
            yield return new LedgerRow(e, running);
        }
    }

    private static readonly Column<LedgerRow>[] LedgerColumns =
    [
        Column.Date<LedgerRow>("action_date", "The action's date.", r => r.Event.ActionDate),
        Column.Identifier<LedgerRow>("contract_transaction_unique_key", "The transaction's key.", r => r.Event.TransactionKey),
        Column.Identifier<LedgerRow>("contract_award_unique_key", "The award's key.", r => r.Event.AwardKey),
        Column.Identifier<LedgerRow>("modification_number", "The modification number.", r => r.Event.ModificationNumber),
        Column.Identifier<LedgerRow>("action_type_code", "The action type code.", r => r.Event.ActionTypeCode),
        Column.Text<LedgerRow>("action_type", "The action type.", r => r.Event.ActionType),
        Column.Identifier<LedgerRow>("recipient_uei", "The recipient's UEI.", r => r.Event.RecipientUei),
        Column.Text<LedgerRow>("recipient_name", "The recipient's name as reported.", r => r.Event.RecipientName),
        Column.Text<LedgerRow>("transaction_description", "The action's description.", r => r.Event.Description),
        Column.Amount<LedgerRow>("federal_action_obligation", "The action's obligation; negative for a de-obligation.", r => r.Event.FederalActionObligation),
        Column.Amount<LedgerRow>("running_obligated_amount", "Sum of federal_action_obligation from the first row through this one.", r => r.RunningObligatedAmount),
        Column.Integer<LedgerRow>("import_file_id", "The source file the record was loaded from.", r => r.Event.Source.ImportFileId),
        Column.Integer<LedgerRow>("record_number", "The record's number in that file.", r => r.Event.Source.RecordNumber),
        Column.Integer<LedgerRow>("line_number", "The physical line of that file the record starts on.", r => r.Event.Source.LineNumber),
    ];

    private static readonly Column<TopVendorRow>[] TopVendorColumns =
    [
        Column.Integer<TopVendorRow>("fiscal_year", "The federal fiscal year.", r => r.FiscalYear),
        Column.Integer<TopVendorRow>("rank", "The family's rank in that year, 1 = most obligated.", r => r.Rank),
        Column.Identifier<TopVendorRow>("parent_uei", "The vendor family's parent UEI.", r => r.ParentUei),
        Column.Text<TopVendorRow>("name", "The parent's name, as last reported.", r => r.Name),
        Column.Amount<TopVendorRow>("obligated_amount", "Sum of federal_action_obligation with the agency in that year.", r => r.ObligatedAmount),
        Column.Integer<TopVendorRow>("transaction_count", "Actions in that sum.", r => r.TransactionCount),
    ];

    private static readonly Column<HistoryRow>[] HistoryColumns =
    [
        .. Awards.AwardTables.History.Select(c => Column.Wrap<HistoryRow, AwardAction>(c, r => r.Action)),
        Column.Amount<HistoryRow>("running_obligated_amount", "Sum of federal_action_obligation from the first action through this one.", r => r.RunningObligatedAmount),
    ];

    private static readonly Column<NewAwardRow>[] NewAwardColumns =
    [
        Column.Date<NewAwardRow>("first_action_date", "The award's first action.", r => r.Award.FirstActionDate),
        Column.Identifier<NewAwardRow>("contract_award_unique_key", "The award's key.", r => r.Award.ContractAwardUniqueKey),
        Column.Identifier<NewAwardRow>("award_id_piid", "The award's PIID.", r => r.Award.AwardIdPiid),
        Column.Identifier<NewAwardRow>("award_or_idv_flag", "AWARD or IDV.", r => r.Award.AwardOrIdvFlag),
        Column.Identifier<NewAwardRow>("award_type_code", "The award (or IDV) type code.", r => r.Award.AwardTypeCode ?? r.Award.IdvTypeCode),
        Column.Text<NewAwardRow>("award_type", "The award (or IDV) type.", r => r.Award.AwardType ?? r.Award.IdvType),
        Column.Identifier<NewAwardRow>("awarding_sub_agency_code", "The awarding sub-tier as of the latest action.", r => r.Award.AwardingSubAgencyCode),
        Column.Identifier<NewAwardRow>("funding_sub_agency_code", "The funding sub-tier as of the latest action.", r => r.Award.FundingSubAgencyCode),
        Column.Identifier<NewAwardRow>("recipient_uei", "The recipient's UEI.", r => r.Award.RecipientUei),
        Column.Text<NewAwardRow>("recipient_name", "The recipient's name.", r => r.Award.RecipientName),
        Column.Identifier<NewAwardRow>("recipient_parent_uei", "The parent UEI reported on the latest action.", r => r.Award.RecipientParentUei),
        Column.Date<NewAwardRow>("last_action_date", "The award's latest action.", r => r.Award.LastActionDate),
        Column.Integer<NewAwardRow>("transaction_count", "The award's actions.", r => r.Award.TransactionCount),
        Column.Amount<NewAwardRow>("obligated_amount", "Sum of federal_action_obligation over the award's actions.", r => r.Award.ObligatedAmount),
        Column.Amount<NewAwardRow>("current_total_value_of_award", "As of the latest action.", r => r.Award.CurrentTotalValueOfAward),
        Column.Amount<NewAwardRow>("potential_total_value_of_award", "As of the latest action (an IDV's ceiling).", r => r.Award.PotentialTotalValueOfAward),
        Column.Text<NewAwardRow>("description", "The award's description.", r => r.Award.Description),
        Column.Identifier<NewAwardRow>("naics_code", "NAICS code.", r => r.Award.NaicsCode),
        Column.Identifier<NewAwardRow>("product_or_service_code", "PSC.", r => r.Award.ProductOrServiceCode),
    ];
}

/// <summary>A report: its name, its rows (all of them), links to it as files, and what it stands on.</summary>
public sealed record ReportResponse<T>(string Report, DownloadLinks Downloads, CitationBlock Citation, IAsyncEnumerable<T> Rows);

public sealed record ReportDescription(string Name, string Description, IReadOnlyList<string> Parameters, string Link);

/// <param name="RunningObligatedAmount">Sum of federal_action_obligation from the first row through this one.</param>
public sealed record LedgerRow(RelationshipEvent Event, decimal RunningObligatedAmount);

public sealed record TopVendorRow(int FiscalYear, int Rank, string ParentUei, string? Name, decimal ObligatedAmount, long TransactionCount);

/// <param name="RunningObligatedAmount">Sum of federal_action_obligation from the award's first action through this one.</param>
public sealed record HistoryRow(AwardAction Action, decimal RunningObligatedAmount);

public sealed record NewAwardRow(Award Award);

/// <summary>The parameters of every report, as written; each report says which it needs.</summary>
internal sealed record ReportParameters(
    [FromRoute(Name = "name")] string? Name,
    [FromQuery(Name = "vendor")] string? Vendor,
    [FromQuery(Name = "members")] string? Members,
    [FromQuery(Name = "view")] string? View,
    [FromQuery(Name = "agency")] string? Agency,
    [FromQuery(Name = "agency_level")] string? AgencyLevel,
    [FromQuery(Name = "lens")] string? Lens,
    [FromQuery(Name = "from")] string? From,
    [FromQuery(Name = "to")] string? To,
    [FromQuery(Name = "from_fiscal_year")] string? FromFiscalYear,
    [FromQuery(Name = "to_fiscal_year")] string? ToFiscalYear,
    [FromQuery(Name = "award")] string? Award,
    [FromQuery(Name = "limit")] string? Limit);

internal sealed class ReportParametersValidator : AbstractValidator<ReportParameters>
{
    public ReportParametersValidator()
    {
        bool Is(ReportParameters p, string report) => string.Equals(p.Name, report, StringComparison.OrdinalIgnoreCase);

        RuleFor(p => p.Vendor).NotEmpty().When(p => Is(p, ReportEndpoints.Ledger)).WithMessage("is required: the vendor's UEI.").IsUei();
        RuleFor(p => p.Agency).NotEmpty().When(p => Is(p, ReportEndpoints.Ledger) || Is(p, ReportEndpoints.TopVendors))
            .WithMessage("is required: an agency code or abbreviation (e.g. ICE, 7012, DHS).");
        RuleFor(p => p.Award).NotEmpty().When(p => Is(p, ReportEndpoints.AwardHistory)).WithMessage("is required: the award's contract_award_unique_key.");
        RuleFor(p => p.From).NotEmpty().When(p => Is(p, ReportEndpoints.NewAwards)).WithMessage("is required: the first day of the period (yyyy-MM-dd).");
        RuleFor(p => p.To).NotEmpty().When(p => Is(p, ReportEndpoints.NewAwards)).WithMessage("is required: the last day of the period (yyyy-MM-dd).");
        RuleFor(p => p.Members).IsOneOf("family", "self");
        RuleFor(p => p.View).IsOneOf("as_reported", "latest_parent");
        RuleFor(p => p.AgencyLevel).IsOneOf("toptier", "subtier", "office");
        RuleFor(p => p.Lens).IsOneOf("awarding", "funding");
        RuleFor(p => p.From).IsDate();
        RuleFor(p => p.To).IsDate();
        RuleFor(p => p.From)
            .Must((p, from) => QueryRules.Date(from) is not { } f || QueryRules.Date(p.To) is not { } t || f <= t)
            .WithMessage("is after 'to'.");
        RuleFor(p => p.FromFiscalYear).IsFiscalYear();
        RuleFor(p => p.ToFiscalYear).IsFiscalYear();
        RuleFor(p => p.FromFiscalYear)
            .Must((p, from) => !int.TryParse(from, out var f) || !int.TryParse(p.ToFiscalYear, out var t) || f <= t)
            .WithMessage("is after 'to_fiscal_year'.");
        RuleFor(p => p.Limit).IsPageSize(100);
    }
}
