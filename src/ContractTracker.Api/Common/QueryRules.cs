using System.Globalization;
using System.Text.RegularExpressions;
using FluentValidation;

namespace ContractTracker.Api.Common;

/// <summary>
/// FluentValidation rules for query parameters, which arrive as text: each says what it expected, and the property
/// names are the parameters' own (snake_case), so a 400 names what the caller wrote.
/// </summary>
internal static partial class QueryRules
{
    public const int MaxPageSize = 500;

    public static IRuleBuilderOptions<T, string?> IsDate<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(v => v is null || TryDate(v, out _)).WithMessage("'{PropertyValue}' is not a date (yyyy-MM-dd).");

    public static IRuleBuilderOptions<T, string?> IsOneOf<T>(this IRuleBuilder<T, string?> rule, params string[] allowed) =>
        rule.Must(v => v is null || allowed.Contains(v, StringComparer.OrdinalIgnoreCase))
            .WithMessage($"'{{PropertyValue}}' is not one of: {string.Join(", ", allowed)}.");

    public static IRuleBuilderOptions<T, string?> IsUei<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(v => v is null || Uei().IsMatch(v.Trim())).WithMessage("'{PropertyValue}' is not a UEI (12 letters and digits).");

    public static IRuleBuilderOptions<T, string?> IsPageSize<T>(this IRuleBuilder<T, string?> rule, int max = MaxPageSize) =>
        rule.Must(v => v is null || (int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= max))
            .WithMessage($"'{{PropertyValue}}' is not a page size from 1 to {max}.");

    public static IRuleBuilderOptions<T, string?> IsCursor<T>(this IRuleBuilder<T, string?> rule, int values) =>
        rule.Must(v => v is null || Cursor.TryDecode(v, values, out _))
            .WithMessage("is not a cursor this endpoint gave out; use the 'next' link of the previous page.");

    public static IRuleBuilderOptions<T, string?> IsFiscalYear<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(v => v is null || (int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1980 and <= 2100))
            .WithMessage("'{PropertyValue}' is not a fiscal year (e.g. 2025).");

    public static IRuleBuilderOptions<T, string?> IsAmount<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(v => v is null || decimal.TryParse(v, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
            .WithMessage("'{PropertyValue}' is not an amount (e.g. -2500.00).");

    public static bool TryDate(string? value, out DateOnly date) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static DateOnly? Date(string? value) => TryDate(value, out var date) ? date : null;

    public static int PageSize(string? value, int fallback) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : fallback;

    [GeneratedRegex("^[A-Za-z0-9]{12}$")]
    private static partial Regex Uei();
}
