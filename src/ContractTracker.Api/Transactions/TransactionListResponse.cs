using ContractTracker.Provenance;
using ContractTracker.Agencies;
using ContractTracker.Api.Common;
using ContractTracker.Api.Exports;
using ContractTracker.Transactions;

namespace ContractTracker.Api.Transactions;

/// <summary>A page of actions, the link to the next page (null on the last), the filters as applied, and the citation.</summary>
/// <param name="Downloads">The whole answer (every matching action, not this page) as a CSV, workbook or cited zip.</param>
/// <param name="Raw">Every source column of the matching actions, as the source wrote them: a file that can be imported again.</param>
internal sealed record TransactionListResponse(
    IReadOnlyList<TransactionItem> Transactions, string? Next, TransactionListFilters Filters, DownloadLinks Downloads, string Raw,
    CitationBlock Citation);

/// <summary>
/// One contract action, with a link to its award in this API. <see cref="FederalActionObligation"/> is the action's own
/// obligation (negative for a de-obligation).
/// </summary>
internal sealed record TransactionItem(
    string Key, string AwardKey, string Award, string? Piid, string? ModificationNumber, DateOnly ActionDate, int FiscalYear,
    string? ActionTypeCode, string? ActionType, decimal FederalActionObligation,
    string? AwardTypeCode, string? AwardType, string? IdvTypeCode, string? IdvType,
    TransactionRecipient Recipient, AgencyCodes Awarding, AgencyCodes Funding,
    string? NaicsCode, string? NaicsDescription, string? PscCode, string? PscDescription,
    string? TransactionDescription, string? PrimeAwardBaseTransactionDescription, SourceLine Source)
{
    public static TransactionItem From(TransactionListRow row, HttpRequest request) => new(
        row.Key, row.AwardKey, request.LinkTo($"/api/v1/awards/{Uri.EscapeDataString(row.AwardKey)}", []), row.Piid, row.ModificationNumber,
        row.ActionDate, row.FiscalYear, row.ActionTypeCode, row.ActionType, row.FederalActionObligation,
        row.AwardTypeCode, row.AwardType, row.IdvTypeCode, row.IdvType,
        new TransactionRecipient(
            row.RecipientUei, row.RecipientName, row.RecipientParentUei, row.RecipientParentName,
            row.RecipientIsVendor && row.RecipientUei is { } uei ? request.LinkTo($"/api/v1/vendors/{Uri.EscapeDataString(uei)}", []) : null),
        row.Awarding, row.Funding, row.NaicsCode, row.NaicsDescription, row.PscCode, row.PscDescription,
        row.TransactionDescription, row.PrimeAwardBaseTransactionDescription,
        new SourceLine(row.ImportFileId, row.RecordNumber, row.LineNumber));
}

/// <summary>The recipient as the action reported it, with its vendor page (null for a sole proprietor, a person, who has none).</summary>
internal sealed record TransactionRecipient(string? Uei, string? Name, string? ParentUei, string? ParentName, string? Vendor);


/// <summary>The filters the page applied, with defaults filled in and the agency as it was resolved.</summary>
internal sealed record TransactionListFilters(
    TransactionVendorFilter? Vendor, TransactionAgencyFilter? Agency, DateOnly? From, DateOnly? To, int? FiscalYear,
    string? Naics, string? Psc, string? AwardType, string? ActionType, decimal? MinAmount, decimal? MaxAmount,
    IReadOnlyList<string> Keywords, string Sort, int Limit)
{
    public static TransactionListFilters Of(TransactionListRequest query, TransactionFilter filter) => new(
        filter.Vendor is { } vendor ? new TransactionVendorFilter(vendor.Uei, vendor.WholeFamily ? "family" : "self", vendor.View.Name()) : null,
        filter.Agency is { } agency ? TransactionAgencyFilter.Of(agency) : null,
        filter.From, filter.To, filter.FiscalYear, filter.NaicsPrefix, filter.PscPrefix, query.AwardType?.ToUpperInvariant(),
        filter.ActionTypeCode is "" ? TransactionListRequest.BaseAction : filter.ActionTypeCode,
        filter.MinAmount, filter.MaxAmount, filter.Keywords, query.SortName, query.PageSize);
}

internal sealed record TransactionVendorFilter(string Uei, string Members, string View);

internal sealed record TransactionAgencyFilter(string Level, string Code, string? Name, string? Abbreviation, string? ToptierCode, string Lens)
{
    public static TransactionAgencyFilter Of(AgencyScope scope) => new(
        scope.Agency.Level.Name(), scope.Agency.Code, scope.Agency.Name, scope.Agency.Abbreviation, scope.Agency.ToptierCode, scope.Lens.Name());
}
