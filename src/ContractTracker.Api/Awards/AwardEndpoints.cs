using System.Globalization;
using ContractTracker.Agencies;
using ContractTracker.Api.Common;
using ContractTracker.Api.Exports;
using ContractTracker.Exports;
using ContractTracker.Awards;
using ContractTracker.Provenance;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ContractTracker.Api.Awards;

internal static class AwardEndpoints
{
    public const int DefaultOrdersLimit = 100;

    /// <summary>Orders an IDV export holds at most (the largest schedules have tens of thousands).</summary>
    private const int ExportedOrdersLimit = 1_000_000;

    public static RouteGroupBuilder MapAwards(this RouteGroupBuilder api)
    {
        api.MapGet("/awards/{key}", GetAsync)
            .Validate<AwardRequest>()
            .Exportable(AwardTables.Names)
            .InQuerySlot()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetAward")
            .WithSummary("An award or IDV: its figures, its parent IDV or its orders, and every action with the file and line it came from.")
            .WithDescription("`key` is the contract_award_unique_key (any case). obligatedAmount is the sum of federal_action_obligation; "
                + "the current and potential values are the source's cumulative figures as of the latest action, never summed. An IDV "
                + "lists its orders a page at a time (`orders_limit`, `orders_cursor`) and its ceiling (its potential value) apart from "
                + "them. A sole proprietor's award names the recipient but links to no vendor profile. With format=csv, xlsx or zip, "
                + "table=transactions (the modification history) or orders (every order of an IDV, not a page) as a file.");
        return api;
    }

    private static async Task<Results<Ok<AwardResponse>, ExportResult, ProblemHttpResult>> GetAsync(
        string key, [AsParameters] AwardRequest query, AwardProfiles awards, AgencyDirectory agencies, Citations citations,
        HttpRequest request, TimeProvider clock, CancellationToken ct)
    {
        var export = request.Export();
        // A file holds every order of an IDV, not a page.
        var ordersLimit = export is null ? QueryRules.PageSize(query.OrdersLimit, DefaultOrdersLimit) : ExportedOrdersLimit;
        AwardRequestValidator.TryReadCursor(export is null ? query.OrdersCursor : null, out var after);
        var profile = await awards.GetAsync(key, ordersLimit, after, ct);
        if (profile is null)
        {
            return Problems.NotFound($"No award with key {key.Trim().ToUpperInvariant()} is known here.");
        }

        var award = profile.Award;
        var related = new[] { award }.Concat(profile.Orders).Concat(profile.ParentIdv is null ? [] : [profile.ParentIdv]).ToList();
        var names = await agencies.NameAsync(
            related.SelectMany(a => new[] { a.AwardingAgencyCode, a.FundingAgencyCode }).OfType<string>(),
            related.SelectMany(a => new[] { a.AwardingSubAgencyCode, a.FundingSubAgencyCode }).OfType<string>(),
            new[] { award.AwardingOfficeCode, award.FundingOfficeCode }.OfType<string>(), profile.DataAsOf, ct);
        var labels = new AgencyLabels(names);

        var isIdv = string.Equals(award.AwardOrIdvFlag, "IDV", StringComparison.OrdinalIgnoreCase);
        IdvOrders? orders = null;
        if (isIdv)
        {
            var next = profile.NextOrders is { } position
                ? request.LinkTo(request.Path, [("orders_limit", ordersLimit.ToString(CultureInfo.InvariantCulture)), ("orders_cursor", AwardRequestValidator.Cursor(position))])
                : null;
            orders = new IdvOrders(profile.OrderCount, profile.Orders.Select(o => Summary(request, o, labels)).ToList(), next);
        }

        if (export is not null)
        {
            var cited = await citations.ForFilesAsync(profile.ImportFileIds, ct);
            var stem = $"award-{award.ContractAwardUniqueKey}";
            var link = request.Query(export, [], named: true);
            return export.Table == "orders"
                ? ExportResult.Of(Table.Of($"{stem}-orders", AwardTables.Orders, orders?.Items ?? []), export, cited, link, clock)
                : ExportResult.Of(Table.Of($"{stem}-transactions", AwardTables.History, profile.History), export, cited, link, clock);
        }

        var citation = await request.CiteAsync(citations, profile.ImportFileIds, profile.DataAsOf,
            [("orders_limit", ordersLimit.ToString(CultureInfo.InvariantCulture)), ("orders_cursor", query.OrdersCursor)], ct);
        return TypedResults.Ok(new AwardResponse(
            new AwardDetail(
                award.ContractAwardUniqueKey, award.AwardOrIdvFlag, isIdv,
                new CodeAndText(isIdv ? award.IdvTypeCode : award.AwardTypeCode, isIdv ? award.IdvType : award.AwardType),
                award.AwardIdPiid, award.ParentAwardIdPiid,
                new AgencyChain(labels.Toptier(award.AwardingAgencyCode), labels.Subtier(award.AwardingSubAgencyCode), labels.Office(award.AwardingOfficeCode)),
                new AgencyChain(labels.Toptier(award.FundingAgencyCode), labels.Subtier(award.FundingSubAgencyCode), labels.Office(award.FundingOfficeCode)),
                RecipientOf(request, award),
                award.FirstActionDate, award.LastActionDate, award.TransactionCount,
                award.ObligatedAmount, award.CurrentTotalValueOfAward, award.PotentialTotalValueOfAward,
                award.Description,
                new CodeAndText(award.NaicsCode, profile.NaicsDescription),
                new CodeAndText(award.ProductOrServiceCode, profile.ProductOrServiceCodeDescription),
                award.LatestTransactionKey,
                award.UsaspendingPermalink),
            ParentOf(request, profile, labels),
            isIdv ? award.PotentialTotalValueOfAward : null,
            orders,
            profile.History,
            AwardTables.Names.Select(t => request.Downloads(request.Path, [], t, named: true)).ToList(),
            citation));
    }

    private static ParentIdv? ParentOf(HttpRequest request, AwardProfile profile, AgencyLabels labels)
    {
        if (profile.ParentIdvKey is not { } key)
        {
            return null;
        }

        return profile.ParentIdv is { } parent
            ? new ParentIdv(key, InDatabase: true, null, Summary(request, parent, labels), parent.PotentialTotalValueOfAward, UsaspendingLinks.AwardPermalink(key))
            : new ParentIdv(key, InDatabase: false,
                "The parent IDV's records have not been imported here; its USAspending page has them.", null, null, UsaspendingLinks.AwardPermalink(key));
    }

    private static AwardSummary Summary(HttpRequest request, Award award, AgencyLabels labels) => new(
        award.ContractAwardUniqueKey, award.AwardIdPiid,
        new CodeAndText(award.AwardTypeCode ?? award.IdvTypeCode, award.AwardType ?? award.IdvType),
        labels.Subtier(award.AwardingSubAgencyCode), labels.Subtier(award.FundingSubAgencyCode),
        RecipientOf(request, award),
        award.FirstActionDate, award.LastActionDate, award.TransactionCount, award.ObligatedAmount,
        award.CurrentTotalValueOfAward, award.PotentialTotalValueOfAward, award.Description,
        AwardLink(request, award.ContractAwardUniqueKey));

    /// <summary>The recipient as the award names it; a sole proprietor (a person) gets no link to a vendor profile.</summary>
    private static AwardRecipient RecipientOf(HttpRequest request, Award award)
    {
        var person = award.RecipientIsSoleProprietorship;
        string? VendorLink(string? uei) => person || uei is null ? null : request.LinkTo($"/api/v1/vendors/{Uri.EscapeDataString(uei)}", []);
        return new AwardRecipient(award.RecipientUei, award.RecipientName, award.RecipientParentUei, person,
            VendorLink(award.RecipientUei), VendorLink(award.RecipientParentUei));
    }

    public static string AwardLink(HttpRequest request, string key) => request.LinkTo($"/api/v1/awards/{Uri.EscapeDataString(key)}", []);

    /// <summary>Agency codes with the names and abbreviations the directory knows.</summary>
    private sealed class AgencyLabels(IReadOnlyDictionary<(AgencyLevel, string), AgencyRef> names)
    {
        public AgencyLabel? Toptier(string? code) => Label(AgencyLevel.Toptier, code);

        public AgencyLabel? Subtier(string? code) => Label(AgencyLevel.Subtier, code);

        public AgencyLabel? Office(string? code) => Label(AgencyLevel.Office, code);

        private AgencyLabel? Label(AgencyLevel level, string? code)
        {
            if (code is null)
            {
                return null;
            }

            var known = names.GetValueOrDefault((level, code));
            return new AgencyLabel(code, known?.Name, known?.Abbreviation);
        }
    }
}

/// <param name="OrdersLimit">Orders of an IDV per page, 1 to 500 (default 100).</param>
/// <param name="OrdersCursor">The cursor of the next page of orders, from the previous page's `next` link.</param>
internal sealed record AwardRequest(
    [FromQuery(Name = "orders_limit")] string? OrdersLimit, [FromQuery(Name = "orders_cursor")] string? OrdersCursor);

internal sealed class AwardRequestValidator : AbstractValidator<AwardRequest>
{
    public AwardRequestValidator()
    {
        RuleFor(r => r.OrdersLimit).IsPageSize();
        RuleFor(r => r.OrdersCursor)
            .Must(c => c is null || TryReadCursor(c, out _))
            .WithMessage("is not a cursor this endpoint gave out; use the 'next' link of the previous page.");
    }

    /// <summary>An orders cursor is the last order's first action date and key.</summary>
    public static string Cursor(OrderPosition position) =>
        Common.Cursor.Encode(position.FirstActionDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), position.AwardKey);

    public static bool TryReadCursor(string? cursor, out OrderPosition? position)
    {
        position = null;
        if (!Common.Cursor.TryDecode(cursor, 2, out var values) || !QueryRules.TryDate(values[0], out var date) || values[1] is null)
        {
            return false;
        }

        position = new OrderPosition(date, values[1]!);
        return true;
    }
}

/// <param name="Award">The award or IDV.</param>
/// <param name="ParentIdv">For an order: the IDV it is placed under (null for an award that is not an order).</param>
/// <param name="Ceiling">For an IDV: its potential_total_value_of_award as of its latest action, the most it may reach. It is
/// never added to its orders' values. Null for an award that is not an IDV.</param>
/// <param name="Orders">For an IDV: the awards placed under it, a page at a time; null for an award that is not an IDV.</param>
/// <param name="Transactions">Every action of the award, by action date then key, each with its source file and line.</param>
/// <param name="Citation">What the answer stands on, and a link that asks again.</param>
/// <param name="Downloads">The modification history and (for an IDV) every order as CSV, workbook or cited zip.</param>
internal sealed record AwardResponse(
    AwardDetail Award, ParentIdv? ParentIdv, decimal? Ceiling, IdvOrders? Orders, IReadOnlyList<AwardAction> Transactions,
    IReadOnlyList<DownloadLinks> Downloads, CitationBlock Citation);

/// <param name="ContractAwardUniqueKey">The award's key.</param>
/// <param name="AwardOrIdvFlag">AWARD or IDV, as the source writes it.</param>
/// <param name="IsIdv">True for an indefinite delivery vehicle (a contract that orders are placed under).</param>
/// <param name="Type">award_type_code and award_type, or idv_type_code and idv_type for an IDV.</param>
/// <param name="Piid">award_id_piid.</param>
/// <param name="ParentAwardPiid">parent_award_id_piid: the PIID of the IDV an order is under.</param>
/// <param name="Awarding">The awarding toptier, sub-tier and office as of the latest action.</param>
/// <param name="Funding">The funding toptier, sub-tier and office as of the latest action.</param>
/// <param name="Recipient">The recipient as of the latest action.</param>
/// <param name="FirstActionDate">The date of the award's first action.</param>
/// <param name="LatestActionDate">The date of the award's latest action.</param>
/// <param name="TransactionCount">How many actions the award has.</param>
/// <param name="ObligatedAmount">Sum of federal_action_obligation over every action, de-obligations included.</param>
/// <param name="CurrentTotalValueOfAwardAsOfLatestAction">current_total_value_of_award as the latest action reported it.</param>
/// <param name="PotentialTotalValueOfAwardAsOfLatestAction">potential_total_value_of_award as the latest action reported it.</param>
/// <param name="Description">The base transaction's description (the latest action's when the source gives none).</param>
/// <param name="Naics">NAICS code and description as of the latest action.</param>
/// <param name="ProductOrService">Product or service code (PSC) and description as of the latest action.</param>
/// <param name="LatestTransactionKey">The key of the latest action, which the current and potential values come from.</param>
/// <param name="UsaspendingPermalink">The award's page on USAspending.</param>
internal sealed record AwardDetail(
    string ContractAwardUniqueKey, string? AwardOrIdvFlag, bool IsIdv, CodeAndText Type, string? Piid, string? ParentAwardPiid,
    AgencyChain Awarding, AgencyChain Funding, AwardRecipient Recipient, DateOnly FirstActionDate, DateOnly LatestActionDate,
    int TransactionCount, decimal ObligatedAmount, decimal? CurrentTotalValueOfAwardAsOfLatestAction,
    decimal? PotentialTotalValueOfAwardAsOfLatestAction, string? Description, CodeAndText Naics, CodeAndText ProductOrService,
    string LatestTransactionKey, string UsaspendingPermalink);

/// <param name="Code">The code.</param>
/// <param name="Text">What the source says the code means.</param>
internal sealed record CodeAndText(string? Code, string? Text);

/// <param name="Toptier">The toptier agency.</param>
/// <param name="Subtier">The sub-tier agency.</param>
/// <param name="Office">The contracting or funding office.</param>
internal sealed record AgencyChain(AgencyLabel? Toptier, AgencyLabel? Subtier, AgencyLabel? Office);

/// <param name="Code">The agency's code.</param>
/// <param name="Name">The agency's name, when known.</param>
/// <param name="Abbreviation">The common abbreviation, when it has one.</param>
internal sealed record AgencyLabel(string Code, string? Name, string? Abbreviation);

/// <param name="Uei">recipient_uei.</param>
/// <param name="Name">recipient_name.</param>
/// <param name="ParentUei">recipient_parent_uei as reported.</param>
/// <param name="IsSoleProprietorship">True for a person trading under their own name: named here, never profiled.</param>
/// <param name="Vendor">The recipient's vendor profile; null for a sole proprietor.</param>
/// <param name="ParentVendor">The reported parent's vendor profile; null for a sole proprietor.</param>
internal sealed record AwardRecipient(string? Uei, string? Name, string? ParentUei, bool IsSoleProprietorship, string? Vendor, string? ParentVendor);

/// <param name="Key">The parent IDV's contract_award_unique_key.</param>
/// <param name="InDatabase">False when the IDV's own records have not been imported here.</param>
/// <param name="Note">Why there is no summary, when the IDV is not here.</param>
/// <param name="Summary">The IDV, when it is here.</param>
/// <param name="Ceiling">The IDV's potential_total_value_of_award as of its latest action, when it is here.</param>
/// <param name="UsaspendingPermalink">The IDV's page on USAspending.</param>
internal sealed record ParentIdv(string Key, bool InDatabase, string? Note, AwardSummary? Summary, decimal? Ceiling, string UsaspendingPermalink);

/// <param name="TotalCount">How many awards are under the IDV in all.</param>
/// <param name="Items">This page of them, by first action date then key.</param>
/// <param name="Next">The next page, or null on the last.</param>
internal sealed record IdvOrders(long TotalCount, IReadOnlyList<AwardSummary> Items, string? Next);

/// <param name="ContractAwardUniqueKey">The award's key.</param>
/// <param name="Piid">award_id_piid.</param>
/// <param name="Type">The award (or IDV) type code and text.</param>
/// <param name="AwardingSubtier">The awarding sub-tier as of the latest action.</param>
/// <param name="FundingSubtier">The funding sub-tier as of the latest action.</param>
/// <param name="Recipient">The recipient as of the latest action.</param>
/// <param name="FirstActionDate">The date of the first action.</param>
/// <param name="LatestActionDate">The date of the latest action.</param>
/// <param name="TransactionCount">How many actions it has.</param>
/// <param name="ObligatedAmount">Sum of federal_action_obligation over its actions.</param>
/// <param name="CurrentTotalValueOfAwardAsOfLatestAction">current_total_value_of_award as its latest action reported it.</param>
/// <param name="PotentialTotalValueOfAwardAsOfLatestAction">potential_total_value_of_award as its latest action reported it.</param>
/// <param name="Description">Its description.</param>
/// <param name="Link">Its page here.</param>
internal sealed record AwardSummary(
    string ContractAwardUniqueKey, string? Piid, CodeAndText Type, AgencyLabel? AwardingSubtier, AgencyLabel? FundingSubtier,
    AwardRecipient Recipient, DateOnly FirstActionDate, DateOnly LatestActionDate, int TransactionCount, decimal ObligatedAmount,
    decimal? CurrentTotalValueOfAwardAsOfLatestAction, decimal? PotentialTotalValueOfAwardAsOfLatestAction, string? Description, string Link);
