using System.Globalization;
using System.Text.RegularExpressions;
using ContractTracker.Api.Common;
using ContractTracker.Transactions;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace ContractTracker.Api.Transactions;

/// <summary>The query parameters of <c>GET /api/v1/transactions</c>, as the caller wrote them (named for the OpenAPI document too).</summary>
internal sealed record TransactionListRequest(
    [FromQuery(Name = "vendor")] string? Vendor,
    [FromQuery(Name = "members")] string? Members,
    [FromQuery(Name = "view")] string? View,
    [FromQuery(Name = "agency")] string? Agency,
    [FromQuery(Name = "lens")] string? Lens,
    [FromQuery(Name = "agency_level")] string? AgencyLevel,
    [FromQuery(Name = "from")] string? From,
    [FromQuery(Name = "to")] string? To,
    [FromQuery(Name = "fiscal_year")] string? FiscalYear,
    [FromQuery(Name = "naics")] string? Naics,
    [FromQuery(Name = "psc")] string? Psc,
    [FromQuery(Name = "award_type")] string? AwardType,
    [FromQuery(Name = "action_type")] string? ActionType,
    [FromQuery(Name = "min_amount")] string? MinAmount,
    [FromQuery(Name = "max_amount")] string? MaxAmount,
    [FromQuery(Name = "q")] string? Q,
    [FromQuery(Name = "sort")] string? Sort,
    [FromQuery(Name = "limit")] string? Limit,
    [FromQuery(Name = "cursor")] string? Cursor)
{
    public const int DefaultLimit = 50;
    public const int MaxKeywords = 8;
    public const string BaseAction = "base";

    public static readonly string[] Sorts = ["action_date", "-action_date", "amount", "-amount"];
    public static readonly string[] AwardTypes = ["A", "B", "C", "D", "IDV_A", "IDV_B", "IDV_C", "IDV_D", "IDV_E"];

    public string SortName => Sort?.ToLowerInvariant() ?? Sorts[0];

    public TransactionSort SortOrder => SortName switch
    {
        "-action_date" => TransactionSort.ActionDateDescending,
        "amount" => TransactionSort.Amount,
        "-amount" => TransactionSort.AmountDescending,
        _ => TransactionSort.ActionDate,
    };

    public int PageSize => QueryRules.PageSize(Limit, DefaultLimit);

    public int? FiscalYearValue => FiscalYear is null ? null : int.Parse(FiscalYear, CultureInfo.InvariantCulture);

    public decimal? MinAmountValue => Amount(MinAmount);

    public decimal? MaxAmountValue => Amount(MaxAmount);

    public IReadOnlyList<string> Keywords => TransactionSearch.KeywordsIn(Q);

    public AwardTypeFilter? AwardTypeValue => AwardType?.ToUpperInvariant() switch
    {
        null => null,
        var idv when idv.StartsWith("IDV_", StringComparison.Ordinal) => new AwardTypeFilter(idv[4..], IsIdv: true),
        var code => new AwardTypeFilter(code, IsIdv: false),
    };

    /// <summary><c>action_type_code</c> to match: a letter, or the empty code of base actions.</summary>
    public string? ActionTypeCode => ActionType is null ? null
        : ActionType.Equals(BaseAction, StringComparison.OrdinalIgnoreCase) ? "" : ActionType.ToUpperInvariant();

    public bool HasVendorOrAgency => !string.IsNullOrWhiteSpace(Vendor) || !string.IsNullOrWhiteSpace(Agency);

    /// <summary>The position a cursor gives for this request's sort, or null when there is none or it is not one of ours for this sort.</summary>
    public TransactionPosition? Position() => TryReadCursor(SortName, Cursor, out var position) ? position : null;

    public static string WriteCursor(string sort, TransactionPosition position, TransactionSort order) =>
        Common.Cursor.Encode(sort, position.SortValue(order), position.Key);

    /// <summary>Reads a cursor written by <see cref="WriteCursor"/> for the same sort.</summary>
    public static bool TryReadCursor(string sort, string? cursor, out TransactionPosition? position)
    {
        position = null;
        if (!Common.Cursor.TryDecode(cursor, 3, out var values) || values[0] != sort || string.IsNullOrEmpty(values[2]))
        {
            return false;
        }

        if (sort.EndsWith("action_date", StringComparison.Ordinal))
        {
            if (!QueryRules.TryDate(values[1], out var date))
            {
                return false;
            }

            position = new TransactionPosition(date, null, values[2]!);
            return true;
        }

        if (!decimal.TryParse(values[1], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        position = new TransactionPosition(null, amount, values[2]!);
        return true;
    }

    private static decimal? Amount(string? value) =>
        value is null ? null : decimal.Parse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
}

internal sealed partial class TransactionListRequestValidator : AbstractValidator<TransactionListRequest>
{
    public TransactionListRequestValidator()
    {
        RuleFor(r => r.Vendor).IsUei();
        RuleFor(r => r.Members).IsOneOf("family", "self");
        RuleFor(r => r.View).IsOneOf("as_reported", "latest_parent");
        RuleFor(r => r.Agency).Must(a => a is null || a.Trim().Length > 0).WithMessage("is empty; give an agency code or abbreviation.");
        RuleFor(r => r.Lens).IsOneOf("awarding", "funding");
        RuleFor(r => r.AgencyLevel).IsOneOf("toptier", "subtier", "office");
        RuleFor(r => r.From).Cascade(CascadeMode.Stop).IsDate()
            .Must((r, from) => !QueryRules.TryDate(from, out var first) || !QueryRules.TryDate(r.To, out var last) || first <= last)
            .WithMessage(r => $"'{r.From}' is after to ('{r.To}').");
        RuleFor(r => r.To).IsDate();
        RuleFor(r => r.FiscalYear).IsFiscalYear();
        RuleFor(r => r.Naics).Must(v => v is null || Naics().IsMatch(v))
            .WithMessage("'{PropertyValue}' is not a NAICS code or its first digits (2 to 6 digits, e.g. 5415).");
        RuleFor(r => r.Psc).Must(v => v is null || Psc().IsMatch(v))
            .WithMessage("'{PropertyValue}' is not a product or service code or its first characters (1 to 4 letters and digits, e.g. R4).");
        RuleFor(r => r.AwardType).IsOneOf(TransactionListRequest.AwardTypes);
        RuleFor(r => r.ActionType).Must(v => v is null || v.Equals(TransactionListRequest.BaseAction, StringComparison.OrdinalIgnoreCase) || ActionType().IsMatch(v))
            .WithMessage("'{PropertyValue}' is not an action type code (one letter, e.g. C) or 'base' (the base award, whose code is empty).");
        RuleFor(r => r.MinAmount).Cascade(CascadeMode.Stop).IsAmount()
            .Must((r, min) => r.MinAmount is null || r.MaxAmount is null || !IsAmount(r.MinAmount) || !IsAmount(r.MaxAmount)
                              || r.MinAmountValue <= r.MaxAmountValue)
            .WithMessage(r => $"'{r.MinAmount}' is more than max_amount ('{r.MaxAmount}').");
        RuleFor(r => r.MaxAmount).IsAmount();
        RuleFor(r => r.Q)
            .Must(q => q is null || TransactionSearch.KeywordsIn(q).Count is > 0 and <= TransactionListRequest.MaxKeywords)
            .WithMessage($"'{{PropertyValue}}' has no words or more than {TransactionListRequest.MaxKeywords}; give a few words of letters and digits.");
        RuleFor(r => r.Sort).Cascade(CascadeMode.Stop).IsOneOf(TransactionListRequest.Sorts)
            .Must((r, sort) => r.SortOrder is TransactionSort.ActionDate or TransactionSort.ActionDateDescending || r.HasVendorOrAgency)
            .WithMessage("sorting by amount needs a vendor or agency filter: sorting every transaction by amount would read them all.");
        RuleFor(r => r.Limit).IsPageSize();
        RuleFor(r => r.Cursor).Cascade(CascadeMode.Stop).IsCursor(3)
            .Must((r, cursor) => cursor is null || !TransactionListRequest.Sorts.Contains(r.SortName) || TransactionListRequest.TryReadCursor(r.SortName, cursor, out _))
            .WithMessage(r => $"is not a cursor for sort={r.SortName}; use the 'next' link of the previous page of the same query.");
    }

    private static bool IsAmount(string value) =>
        decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);

    [GeneratedRegex("^[0-9]{2,6}$")]
    private static partial Regex Naics();

    [GeneratedRegex("^[A-Za-z0-9]{1,4}$")]
    private static partial Regex Psc();

    [GeneratedRegex("^[A-Za-z]$")]
    private static partial Regex ActionType();
}
