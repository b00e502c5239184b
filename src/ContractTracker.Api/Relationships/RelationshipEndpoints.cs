using System.Globalization;
using ContractTracker.Agencies;
using ContractTracker.Api.Common;
using ContractTracker.Api.Exports;
using ContractTracker.Exports;
using ContractTracker.Provenance;
using ContractTracker.Relationships;
using ContractTracker.Vendors;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ContractTracker.Api.Relationships;

internal static class RelationshipEndpoints
{
    public static RouteGroupBuilder MapRelationships(this RouteGroupBuilder api)
    {
        api.MapGet("/relationships", GetRelationshipAsync)
            .Validate<RelationshipParameters>()
            .Exportable(RelationshipTables.Names)
            .InQuerySlot()
            .WithName("GetRelationship")
            .WithSummary("A vendor with an agency over time: summary, obligations per period, awards and every modification.")
            .WithDescription("""
                The vendor is a UEI: with members=family (the default) the UEI and the family it heads, with members=self the UEI
                alone. view=as_reported counts an action under the parent it reported at the time; view=latest_parent counts all
                actions of the recipients whose latest parent is the UEI. The agency is a code or a common abbreviation at
                toptier (070, DHS), sub-tier (7012, ICE) or office (70CDCR) level, seen through the awarding or the funding lens.
                Obligated amounts are sums of federal_action_obligation (de-obligations are negative); current and potential
                values are each award's figures as of its latest action, and IDV ceilings are reported apart from them.
                Awards and events are paged with the cursors of their 'next' links. With format=csv, xlsx or zip, table=series,
                awards or events is written whole (no paging, no row cap).
                """)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Ok<RelationshipResponse>, ExportResult, ValidationProblem, ProblemHttpResult>> GetRelationshipAsync(
        [AsParameters] RelationshipParameters query, HttpRequest request, VendorDirectory vendors, AgencyDirectory agencies,
        RelationshipQuery relationships, Citations citations, TimeProvider clock, CancellationToken ct)
    {
        var export = request.Export();
        var level = AgencyParameter.Level(query.AgencyLevel);
        // An answer takes its agency from what the directory keeps and checks it against the version its own query reads
        // (below); a file resolves it afresh.
        var resolved = export is null ? await agencies.ResolveLatestAsync(query.Agency!, level, ct) : null;
        var (agency, agencyProblem) = resolved is not null
            ? AgencyParameter.Of("agency", query.Agency!, resolved.Resolution)
            : await AgencyParameter.ResolveAsync(agencies, "agency", query.Agency!, level, ct);
        if (agencyProblem is not null)
        {
            return agencyProblem;
        }

        var (vendor, vendorProblem) = await VendorParameter.ResolveAsync(vendors, query.Vendor!, query.Members, query.View, ct);
        if (vendorProblem is not null)
        {
            return vendorProblem;
        }

        var lens = AgencyParameter.Lens(query.Lens);
        var interval = Interval(query.Interval);
        var from = QueryRules.Date(query.From);
        var to = QueryRules.Date(query.To);
        var awardsLimit = QueryRules.PageSize(query.AwardsLimit, 50);
        var eventsLimit = QueryRules.PageSize(query.EventsLimit, 50);
        var asked = new RelationshipRequest(
            vendor!, new AgencyScope(agency!, lens), from, to, interval,
            awardsLimit, AwardsAfter(query.AwardsCursor), eventsLimit, EventsAfter(query.EventsCursor));
        // A file holds a whole table: every award and every event, not a page.
        var result = await relationships.RunAsync(
            export is null ? asked : asked with { AwardsLimit = int.MaxValue, AwardsAfter = null, EventsLimit = 1, EventsAfter = null }, ct);
        if (resolved is not null)
        {
            (agency, result, var problem) = await AgencyParameter.AsOfAnswerAsync(
                agencies, "agency", query.Agency!, level, resolved, agency!, result, r => r.DataAsOf,
                again => relationships.RunAsync(asked = asked with { Agency = new AgencyScope(again, lens) }, ct), ct);
            if (problem is not null)
            {
                return problem;
            }
        }

        var parameters = new List<(string, string?)>
        {
            ("vendor", vendor!.Uei), ("members", vendor.WholeFamily ? "family" : "self"), ("view", vendor.View.Name()),
            ("agency", agency!.Code), ("agency_level", agency.Level.Name()), ("lens", lens.Name()),
            ("from", query.From), ("to", query.To), ("interval", IntervalName(interval)),
            ("awards_limit", Text(awardsLimit)), ("events_limit", Text(eventsLimit)),
        };
        if (export is not null)
        {
            var stem = $"relationship-{vendor.Uei}-{agency.Code}";
            var citation = await citations.ForFilesAsync(result.ImportFileIds, ct);
            var exported = parameters.Where(p => p.Item1 is not ("awards_limit" or "events_limit"));
            var file = request.Query(export, exported, named: true);
            return export.Table switch
            {
                "series" => ExportResult.Of(Table.Of($"{stem}-series", RelationshipTables.Series, result.Series), export, citation, file, clock),
                "awards" => ExportResult.Of(Table.Of($"{stem}-awards", RelationshipTables.Awards, RelationshipTables.Flatten(result.Awards)), export, citation, file, clock),
                _ => ExportResult.Of(new Table<RelationshipEvent>($"{stem}-events", RelationshipTables.Events,
                    relationships.EventsAsync(asked with { EventsAfter = null }, ct)), export, citation, file, clock),
            };
        }

        string? Next(string name, string? cursor) =>
            cursor is null ? null : request.LinkTo(request.Path, parameters.Concat([(name, cursor), name == "awards_cursor" ? ("events_cursor", query.EventsCursor) : ("awards_cursor", query.AwardsCursor)]));

        var nextAwards = result.NextAwards is { } a ? Cursor.Encode(Text(a.Obligated), a.Key) : null;
        var nextEvents = result.NextEvent is { } e ? Cursor.Encode(e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), e.Key) : null;
        var cited = parameters.Concat([("awards_cursor", query.AwardsCursor), ("events_cursor", query.EventsCursor)]);
        return TypedResults.Ok(new RelationshipResponse(
            new VendorPart(vendor.Uei, vendor.WholeFamily ? "family" : "self", vendor.View.Name(), request.LinkTo($"/api/v1/vendors/{vendor.Uei}", [])),
            new AgencyPart(agency.Level.Name(), agency.Code, agency.Name, agency.Abbreviation, agency.ToptierCode, lens.Name(),
                request.LinkTo($"/api/v1/agencies/{agency.Code}", [("level", agency.Level.Name())])),
            new PeriodPart(from, to, IntervalName(interval)),
            result.Summary,
            result.Series,
            new AwardsPart(result.Awards.Select(award => Item(award, request)).ToList(), result.TopLevelAwardCount, Next("awards_cursor", nextAwards)),
            new EventsPart(result.Events.Select(ev => Item(ev, request)).ToList(), Next("events_cursor", nextEvents),
                request.LinkTo("/api/v1/transactions", [
                    ("vendor", vendor.Uei), ("members", vendor.WholeFamily ? "family" : "self"), ("view", vendor.View.Name()),
                    ("agency", agency.Code), ("agency_level", agency.Level.Name()), ("lens", lens.Name()), ("from", query.From), ("to", query.To),
                ])),
            RelationshipTables.Names.Select(table => request.Downloads(request.Path,
                parameters.Where(p => p.Item1 is not ("awards_limit" or "events_limit")), table, named: true)).ToList(),
            await request.CiteAsync(citations, result.ImportFileIds, result.DataAsOf, cited, ct)));
    }

    private static AwardItem Item(RelationshipAward a, HttpRequest request) => new(
        a.Key, a.IsIdv, a.Piid, a.Type, a.Description, a.RecipientUei, a.RecipientName,
        a.ObligatedInRelationship, a.TransactionsInRelationship, a.FirstActionDate, a.LastActionDate,
        a.ObligatedAmount, a.CurrentTotalValueOfAward, a.PotentialTotalValueOfAward,
        a.ParentAwardKey is null ? null : new ParentAwardItem(
            a.ParentAwardKey, a.ParentAward?.Piid, a.ParentAward?.RecipientName, a.ParentAward?.CeilingAmount, a.ParentAward is not null,
            request.LinkTo($"/api/v1/awards/{a.ParentAwardKey}", [])),
        request.LinkTo($"/api/v1/awards/{a.Key}", []),
        a.Orders.Select(o => Item(o, request)).ToList());

    private static EventItem Item(RelationshipEvent e, HttpRequest request) => new(
        e.TransactionKey, e.AwardKey, e.ActionDate, e.ModificationNumber, e.ActionTypeCode, e.ActionType, e.FederalActionObligation,
        e.Description, e.RecipientUei, e.RecipientName, e.Source, request.LinkTo($"/api/v1/awards/{e.AwardKey}", []));

    private static SeriesInterval Interval(string? value) => value?.ToLowerInvariant() switch
    {
        "month" => SeriesInterval.Month,
        "quarter" => SeriesInterval.Quarter,
        _ => SeriesInterval.FiscalYear,
    };

    private static string IntervalName(SeriesInterval interval) => interval switch
    {
        SeriesInterval.Month => "month",
        SeriesInterval.Quarter => "quarter",
        _ => "fiscal_year",
    };

    private static (decimal, string)? AwardsAfter(string? cursor) =>
        Cursor.TryDecode(cursor, 2, out var values) ? (decimal.Parse(values[0]!, CultureInfo.InvariantCulture), values[1]!) : null;

    private static (DateOnly, string)? EventsAfter(string? cursor) =>
        Cursor.TryDecode(cursor, 2, out var values) ? (DateOnly.ParseExact(values[0]!, "yyyy-MM-dd", CultureInfo.InvariantCulture), values[1]!) : null;

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The relationship endpoint's query parameters, as written (validated by <see cref="RelationshipParametersValidator"/>).</summary>
/// <param name="Vendor">The vendor's UEI (a family by its parent's UEI).</param>
/// <param name="Members">family (default): the UEI and the family it heads; self: the UEI alone.</param>
/// <param name="View">as_reported (default) or latest_parent: how family membership is decided.</param>
/// <param name="Agency">Agency code or common abbreviation (070, DHS, 7012, ICE, 70CDCR).</param>
/// <param name="AgencyLevel">toptier, subtier or office, when a code or abbreviation could mean several.</param>
/// <param name="Lens">awarding (default) or funding.</param>
/// <param name="From">First action date counted (yyyy-MM-dd).</param>
/// <param name="To">Last action date counted (yyyy-MM-dd).</param>
/// <param name="Interval">month, quarter (fiscal) or fiscal_year (default).</param>
/// <param name="AwardsLimit">Awards per page (default 50, at most 500).</param>
/// <param name="AwardsCursor">The awards page to return, from the previous page's next link.</param>
/// <param name="EventsLimit">Events per page (default 50, at most 500).</param>
/// <param name="EventsCursor">The events page to return, from the previous page's next link.</param>
internal sealed record RelationshipParameters(
    [property: FromQuery(Name = "vendor")] string? Vendor,
    [property: FromQuery(Name = "members")] string? Members,
    [property: FromQuery(Name = "view")] string? View,
    [property: FromQuery(Name = "agency")] string? Agency,
    [property: FromQuery(Name = "agency_level")] string? AgencyLevel,
    [property: FromQuery(Name = "lens")] string? Lens,
    [property: FromQuery(Name = "from")] string? From,
    [property: FromQuery(Name = "to")] string? To,
    [property: FromQuery(Name = "interval")] string? Interval,
    [property: FromQuery(Name = "awards_limit")] string? AwardsLimit,
    [property: FromQuery(Name = "awards_cursor")] string? AwardsCursor,
    [property: FromQuery(Name = "events_limit")] string? EventsLimit,
    [property: FromQuery(Name = "events_cursor")] string? EventsCursor);

internal sealed class RelationshipParametersValidator : AbstractValidator<RelationshipParameters>
{
    public RelationshipParametersValidator()
    {
        RuleFor(p => p.Vendor).NotEmpty().WithMessage("is required: the vendor's UEI.").IsUei();
        RuleFor(p => p.Agency).NotEmpty().WithMessage("is required: an agency code or abbreviation (e.g. ICE, 7012, DHS).");
        RuleFor(p => p.Members).IsOneOf("family", "self");
        RuleFor(p => p.View).IsOneOf("as_reported", "latest_parent");
        RuleFor(p => p.AgencyLevel).IsOneOf("toptier", "subtier", "office");
        RuleFor(p => p.Lens).IsOneOf("awarding", "funding");
        RuleFor(p => p.Interval).IsOneOf("month", "quarter", "fiscal_year");
        RuleFor(p => p.From).IsDate();
        RuleFor(p => p.To).IsDate();
        RuleFor(p => p.From)
            .Must((p, from) => QueryRules.Date(from) is not { } f || QueryRules.Date(p.To) is not { } t || f <= t)
            .WithMessage("is after 'to'.");
        RuleFor(p => p.AwardsLimit).IsPageSize();
        RuleFor(p => p.EventsLimit).IsPageSize();
        RuleFor(p => p.AwardsCursor).IsCursor(2);
        RuleFor(p => p.EventsCursor).IsCursor(2);
    }
}

public sealed record RelationshipResponse(
    VendorPart Vendor, AgencyPart Agency, PeriodPart Period, RelationshipSummary Summary, IReadOnlyList<SeriesPoint> Series,
    AwardsPart Awards, EventsPart Events, IReadOnlyList<DownloadLinks> Downloads, CitationBlock Citation);

public sealed record VendorPart(string Uei, string Members, string View, string Link);

public sealed record AgencyPart(string Level, string Code, string? Name, string? Abbreviation, string? ToptierCode, string Lens, string Link);

public sealed record PeriodPart(DateOnly? From, DateOnly? To, string Interval);

/// <param name="TopLevelCount">Awards at the top level of the list (orders under an IDV of the relationship are beneath it).</param>
public sealed record AwardsPart(IReadOnlyList<AwardItem> Items, int TopLevelCount, string? Next);

/// <param name="ObligatedInRelationship">Sum of <c>federal_action_obligation</c> of the award's actions in the relationship (an IDV adds its orders').</param>
/// <param name="ObligatedAmount">The award's whole obligated amount, whatever agency or period.</param>
/// <param name="CurrentTotalValueOfAward">As of the award's latest action.</param>
/// <param name="PotentialTotalValueOfAward">As of the award's latest action; for an IDV, its ceiling.</param>
public sealed record AwardItem(
    string Key, bool IsIdv, string? Piid, string? Type, string? Description, string? RecipientUei, string? RecipientName,
    decimal ObligatedInRelationship, int TransactionsInRelationship, DateOnly? FirstActionDate, DateOnly? LastActionDate,
    decimal ObligatedAmount, decimal? CurrentTotalValueOfAward, decimal? PotentialTotalValueOfAward,
    ParentAwardItem? ParentAward, string Link, IReadOnlyList<AwardItem> Orders);

/// <summary>The IDV an order was placed under, when that IDV is not itself in the relationship.</summary>
/// <param name="InDatabase">False when no file loaded here holds the IDV (e.g. a GSA schedule).</param>
public sealed record ParentAwardItem(string Key, string? Piid, string? RecipientName, decimal? CeilingAmount, bool InDatabase, string Link);

/// <param name="All">Every event of the relationship through the transactions endpoint (filters, sorting, CSV).</param>
public sealed record EventsPart(IReadOnlyList<EventItem> Items, string? Next, string All);

/// <summary>One modification: date, action type, amount (negative for a de-obligation), description, and its source line.</summary>
public sealed record EventItem(
    string TransactionKey, string AwardKey, DateOnly ActionDate, string? ModificationNumber, string? ActionTypeCode, string? ActionType,
    decimal FederalActionObligation, string? Description, string? RecipientUei, string? RecipientName, SourceLine Source, string AwardLink);
