using System.Globalization;
using System.Text;

namespace ContractTracker.Ingest.Format;

/// <summary>
/// Strict parsers for the values of USAspending files, working on the UTF-8 bytes of a field. Anything that is not
/// exactly the documented format fails: a value that went through a spreadsheet (<c>07/16/2026</c>, <c>27,500.00</c>,
/// <c>1.2E+07</c>) is never guessed at.
/// </summary>
public static class FieldParsers
{
    private const NumberStyles AmountStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;
    private static readonly decimal AmountLimit = 1e21m; // numeric(23,2)

    /// <summary><c>-27500.00</c>: optional minus, digits, optional point and at most two decimals.</summary>
    public static bool TryParseAmount(ReadOnlySpan<byte> text, out decimal value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 40)
        {
            return false;
        }

        var point = text.IndexOf((byte)'.');
        if (point >= 0 && text.Length - point - 1 > 2)
        {
            return false;
        }

        return decimal.TryParse(text, AmountStyle, CultureInfo.InvariantCulture, out value)
            && value > -AmountLimit && value < AmountLimit;
    }

    /// <summary><c>2026-07-16</c>, exactly.</summary>
    public static bool TryParseDate(ReadOnlySpan<byte> text, out DateOnly value)
    {
        value = default;
        return text.Length == 10 && TryParseDatePart(text, out value);
    }

    /// <summary><c>2026-08-06</c> or <c>2026-08-06 00:00:00</c> (FPDS text dates carry a time part); the date is kept.</summary>
    public static bool TryParseDateWithOptionalTime(ReadOnlySpan<byte> text, out DateOnly value)
    {
        value = default;
        if (text.Length == 10)
        {
            return TryParseDatePart(text, out value);
        }

        return text.Length == 19 && (text[10] == ' ' || text[10] == 'T')
            && TryParseTime(text[11..], out _, out _, out _)
            && TryParseDatePart(text[..10], out value);
    }

    /// <summary>
    /// <c>2026-08-17 23:02:10+00</c>, with optional fractional seconds and offset (<c>+00</c>, <c>+05:30</c>, <c>+0530</c>,
    /// <c>Z</c>; none means UTC). With <paramref name="allowDateOnly"/>, a bare date (delta delete rows) is midnight UTC.
    /// </summary>
    public static bool TryParseTimestamp(ReadOnlySpan<byte> text, bool allowDateOnly, out DateTimeOffset value)
    {
        value = default;
        if (text.Length < 10 || !TryParseDatePart(text[..10], out var date))
        {
            return false;
        }

        if (text.Length == 10)
        {
            value = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return allowDateOnly;
        }

        if (text.Length < 19 || (text[10] != ' ' && text[10] != 'T') || !TryParseTime(text.Slice(11, 8), out var h, out var m, out var s))
        {
            return false;
        }

        var rest = text[19..];
        long ticks = 0;
        if (!rest.IsEmpty && rest[0] == '.')
        {
            var digits = 0;
            var fraction = 0L;
            rest = rest[1..];
            while (!rest.IsEmpty && IsDigit(rest[0]) && digits < 7)
            {
                fraction = fraction * 10 + (rest[0] - '0');
                digits++;
                rest = rest[1..];
            }

            if (digits == 0 || (!rest.IsEmpty && IsDigit(rest[0])))
            {
                return false;
            }

            for (var i = digits; i < 7; i++)
            {
                fraction *= 10;
            }

            ticks = fraction;
        }

        if (!TryParseOffset(rest, out var offset))
        {
            return false;
        }

        var local = date.ToDateTime(new TimeOnly(h, m, s)).AddTicks(ticks);
        value = new DateTimeOffset(local, offset).ToUniversalTime();
        return true;
    }

    /// <summary><c>2026</c>: a four-digit year.</summary>
    public static bool TryParseFiscalYear(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        if (text.Length != 4)
        {
            return false;
        }

        foreach (var b in text)
        {
            if (!IsDigit(b))
            {
                return false;
            }

            value = value * 10 + (b - '0');
        }

        return value is >= 1900 and <= 2200;
    }

    /// <summary><c>t</c>/<c>f</c> (PostgreSQL output) or <c>true</c>/<c>false</c> (Spark output).</summary>
    public static bool TryParseFlag(ReadOnlySpan<byte> text, out bool value)
    {
        value = false;
        if (text.Length == 1)
        {
            value = (text[0] | 0x20) == 't';
            return value || (text[0] | 0x20) == 'f';
        }

        if (Ascii.EqualsIgnoreCase(text, "true"u8))
        {
            value = true;
            return true;
        }

        return Ascii.EqualsIgnoreCase(text, "false"u8);
    }

    /// <summary>Agency codes are fixed-width strings (<c>070</c>, <c>97AS</c>): a spreadsheet that drops leading zeros shortens them.</summary>
    public static bool IsCode(ReadOnlySpan<byte> text, int minLength, int maxLength)
    {
        if (text.Length < minLength || text.Length > maxLength)
        {
            return false;
        }

        foreach (var b in text)
        {
            if (!IsDigit(b) && !(b is >= (byte)'A' and <= (byte)'Z') && !(b is >= (byte)'a' and <= (byte)'z'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The federal fiscal year of a date: October starts the next year's.</summary>
    public static int FiscalYearOf(DateOnly date) => date.Month >= 10 ? date.Year + 1 : date.Year;

    private static bool TryParseDatePart(ReadOnlySpan<byte> t, out DateOnly value)
    {
        value = default;
        if (t[4] != '-' || t[7] != '-')
        {
            return false;
        }

        if (!TryDigits(t[..4], out var year) || !TryDigits(t.Slice(5, 2), out var month) || !TryDigits(t.Slice(8, 2), out var day))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        value = new DateOnly(year, month, day);
        return true;
    }

    private static bool TryParseTime(ReadOnlySpan<byte> t, out int hour, out int minute, out int second)
    {
        hour = minute = second = 0;
        return t.Length == 8 && t[2] == ':' && t[5] == ':'
            && TryDigits(t[..2], out hour) && TryDigits(t.Slice(3, 2), out minute) && TryDigits(t.Slice(6, 2), out second)
            && hour < 24 && minute < 60 && second < 60;
    }

    private static bool TryParseOffset(ReadOnlySpan<byte> t, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (t.IsEmpty || (t.Length == 1 && (t[0] == 'Z' || t[0] == 'z')))
        {
            return true;
        }

        if (t[0] != '+' && t[0] != '-')
        {
            return false;
        }

        var sign = t[0] == '-' ? -1 : 1;
        var rest = t[1..];
        int hours, minutes = 0;
        switch (rest.Length)
        {
            case 2 when TryDigits(rest, out hours):
                break;
            case 4 when TryDigits(rest[..2], out hours) && TryDigits(rest[2..], out minutes):
                break;
            case 5 when rest[2] == ':' && TryDigits(rest[..2], out hours) && TryDigits(rest[3..], out minutes):
                break;
            default:
                return false;
        }

        if (hours > 14 || minutes > 59)
        {
            return false;
        }

        offset = sign * new TimeSpan(hours, minutes, 0);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> t, out int value)
    {
        value = 0;
        foreach (var b in t)
        {
            if (!IsDigit(b))
            {
                return false;
            }

            value = value * 10 + (b - '0');
        }

        return true;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';
}
