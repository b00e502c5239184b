using System.Text;
using ContractTracker.Ingest.Format;

namespace ContractTracker.Tests.Ingest;

public sealed class FieldParsersTests
{
    [Theory]
    [InlineData("27500.00", "27500.00")]
    [InlineData("-27500.00", "-27500.00")]
    [InlineData("0.00", "0")]
    [InlineData("613317.12", "613317.12")]
    [InlineData("7500000", "7500000")]
    [InlineData("123456789012345678901.99", "123456789012345678901.99")]
    public void Amounts_in_the_source_format_parse_exactly(string text, string expected)
    {
        Assert.True(FieldParsers.TryParseAmount(Encoding.UTF8.GetBytes(text), out var value));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("27,500.00")]
    [InlineData("$27500.00")]
    [InlineData("1.2E+07")]
    [InlineData("27500.001")]
    [InlineData(" 27500.00")]
    [InlineData("(27500.00)")]
    [InlineData("-")]
    [InlineData("1000000000000000000000.00")]
    public void Amounts_a_spreadsheet_or_a_person_formatted_are_refused(string text) =>
        Assert.False(FieldParsers.TryParseAmount(Encoding.UTF8.GetBytes(text), out _));

    [Theory]
    [InlineData("2026-07-16", true)]
    [InlineData("2024-02-29", true)]
    [InlineData("2026-02-30", false)]
    [InlineData("07/16/2026", false)]
    [InlineData("7/16/2026", false)]
    [InlineData("16/07/2026", false)]
    [InlineData("2026-7-16", false)]
    [InlineData("2026-07-16 00:00:00", false)]
    public void Dates_must_be_iso(string text, bool ok) =>
        Assert.Equal(ok, FieldParsers.TryParseDate(Encoding.UTF8.GetBytes(text), out _));

    [Theory]
    [InlineData("2026-08-06 00:00:00", "2026-08-06")]
    [InlineData("2026-08-06", "2026-08-06")]
    public void Fpds_text_dates_keep_their_date(string text, string expected)
    {
        Assert.True(FieldParsers.TryParseDateWithOptionalTime(Encoding.UTF8.GetBytes(text), out var value));
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("2026-08-17 23:02:10+00", "2026-08-17T23:02:10Z")]
    [InlineData("2026-08-17 23:02:10.123456+00", "2026-08-17T23:02:10.123456Z")]
    [InlineData("2026-08-17T23:02:10Z", "2026-08-17T23:02:10Z")]
    [InlineData("2026-08-17 23:02:10-05:00", "2026-08-18T04:02:10Z")]
    [InlineData("2026-08-17 23:02:10", "2026-08-17T23:02:10Z")]
    public void Timestamps_parse_to_utc(string text, string expected)
    {
        Assert.True(FieldParsers.TryParseTimestamp(Encoding.UTF8.GetBytes(text), allowDateOnly: false, out var value));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Fact]
    public void A_bare_date_is_a_timestamp_only_where_delete_rows_allow_it()
    {
        Assert.False(FieldParsers.TryParseTimestamp("2026-08-06"u8, allowDateOnly: false, out _));
        Assert.True(FieldParsers.TryParseTimestamp("2026-08-06"u8, allowDateOnly: true, out var value));
        Assert.Equal(new DateTimeOffset(2026, 8, 6, 0, 0, 0, TimeSpan.Zero), value);
    }

    [Theory]
    [InlineData("8/17/2026 23:02")]
    [InlineData("2026-08-17 23:02")]
    [InlineData("2026-08-17 23:02:10+25")]
    public void Timestamps_in_other_shapes_are_refused(string text) =>
        Assert.False(FieldParsers.TryParseTimestamp(Encoding.UTF8.GetBytes(text), allowDateOnly: true, out _));

    [Theory]
    [InlineData("t", true, true)]
    [InlineData("f", true, false)]
    [InlineData("true", true, true)]
    [InlineData("FALSE", true, false)]
    [InlineData("yes", false, false)]
    [InlineData("1", false, false)]
    public void Flags_accept_both_generators_spellings(string text, bool ok, bool expected)
    {
        Assert.Equal(ok, FieldParsers.TryParseFlag(Encoding.UTF8.GetBytes(text), out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("2026-10-01", 2027)]
    [InlineData("2026-09-30", 2026)]
    [InlineData("2025-12-31", 2026)]
    public void Fiscal_years_start_in_october(string date, int year) =>
        Assert.Equal(year, FieldParsers.FiscalYearOf(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
}
