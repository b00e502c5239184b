using System.Text;
using ContractTracker.Ingest.Format;
using CsvHelper;
using FluentValidation;

namespace ContractTracker.Ingest;

/// <summary>
/// The rules a record must meet to be loaded. A record that breaks one is rejected with its line number, the column
/// and the reason, and the rest of the file loads. Values are never repaired or guessed.
/// </summary>
public sealed class SourceRecordValidator : AbstractValidator<SourceRecord>
{
    public const string WholeRecord = "(record)";

    public SourceRecordValidator()
    {
        RuleFor(r => r.Malformed)
            .Null()
            .OverridePropertyName(WholeRecord)
            .WithMessage(r => DescribeMalformed(r.Malformed));

        RuleFor(r => r.FieldCount)
            .Equal(r => r.Layout.Header.Length)
            .When(r => r.Malformed is null)
            .OverridePropertyName(WholeRecord)
            .WithMessage(r => $"the record has {r.FieldCount} fields but the header has {r.Layout.Header.Length}");

        When(r => r.HasExpectedShape, () =>
        {
            RuleFor(r => r.DeleteIndicator)
                .Must(v => v is null or "C" or "D" or "c" or "d")
                .When(r => r.Layout.Kind == SourceFileKind.Delta)
                .OverridePropertyName(TransactionColumns.CorrectionDeleteIndicator)
                .WithMessage((_, v) => $"'{Shorten(v)}' is not a delta indicator (blank, C or D)");

            var key = TypedColumns.IndexOf(TypedColumns.TransactionKey.Name);
            RuleFor(r => r.Text(key))
                .NotEmpty()
                .OverridePropertyName(TypedColumns.TransactionKey.Name)
                .WithMessage("is empty; every record needs its transaction key");

            var modified = TypedColumns.IndexOf(TypedColumns.LastModifiedDate.Name);
            RuleFor(r => r.Text(modified))
                .NotEmpty()
                .WithMessage("is empty; every record needs it")
                .Must(v => Parses(v, t => FieldParsers.TryParseTimestamp(t, allowDateOnly: true, out _)))
                .When(r => r.IsDelete)
                .OverridePropertyName(TypedColumns.LastModifiedDate.Name)
                .WithMessage((_, v) => $"'{Shorten(v)}' is not an ISO date or timestamp (yyyy-MM-dd or yyyy-MM-dd HH:mm:ss+00)");

            When(r => !r.IsDelete, () =>
            {
                for (var i = 0; i < TypedColumns.All.Count; i++)
                {
                    AddColumnRules(i);
                }
            });
        });
    }

    private void AddColumnRules(int index)
    {
        var column = TypedColumns.All[index];
        if (column.Kind == ColumnKind.Text || ReferenceEquals(column, TypedColumns.TransactionKey))
        {
            return;
        }

        if (column.Required)
        {
            RuleFor(r => r.Text(index)).NotEmpty().WithMessage("is empty; every record needs it").OverridePropertyName(column.Name);
        }

        var (check, expected) = column.Kind switch
        {
            ColumnKind.Key => (null, null),
            ColumnKind.Amount => (Check(t => FieldParsers.TryParseAmount(t, out _)),
                "an amount (digits, an optional leading minus and '.', at most two decimals, no thousands separators)"),
            ColumnKind.Date => (Check(t => FieldParsers.TryParseDate(t, out _)),
                "an ISO date (yyyy-MM-dd); dates such as 07/16/2026 come from a file saved by a spreadsheet and are never guessed"),
            ColumnKind.DateWithOptionalTime => (Check(t => FieldParsers.TryParseDateWithOptionalTime(t, out _)),
                "an ISO date (yyyy-MM-dd or yyyy-MM-dd 00:00:00)"),
            ColumnKind.Timestamp => (Check(t => FieldParsers.TryParseTimestamp(t, allowDateOnly: false, out _)),
                "an ISO timestamp (yyyy-MM-dd HH:mm:ss+00)"),
            ColumnKind.FiscalYear => (Check(t => FieldParsers.TryParseFiscalYear(t, out _)), "a four-digit fiscal year"),
            ColumnKind.Flag => (Check(t => FieldParsers.TryParseFlag(t, out _)), "a flag (t, f, true or false)"),
            ColumnKind.ToptierCode => (Check(t => FieldParsers.IsCode(t, 3, 4)),
                "a 3- or 4-character agency code (a spreadsheet turns 070 into 70)"),
            ColumnKind.SubtierCode => (Check(t => FieldParsers.IsCode(t, 4, 4)),
                "a 4-character sub-tier agency code (a spreadsheet turns 0559 into 559)"),
            _ => throw new InvalidOperationException($"no rule for {column.Kind}"),
        };

        if (check is not null)
        {
            RuleFor(r => r.Text(index))
                .Must(v => v is null || check(v))
                .WithMessage((_, v) => $"'{Shorten(v)}' is not {expected}")
                .OverridePropertyName(column.Name);
        }
    }

    private delegate bool Utf8Check(ReadOnlySpan<byte> text);

    private static Func<string, bool> Check(Utf8Check check) => value => Parses(value, check);

    private static bool Parses(string? value, Utf8Check check)
    {
        if (value is null)
        {
            return true;
        }

        Span<byte> buffer = stackalloc byte[128];
        var bytes = Encoding.UTF8.GetMaxByteCount(value.Length) <= buffer.Length ? buffer : new byte[Encoding.UTF8.GetMaxByteCount(value.Length)];
        var length = Encoding.UTF8.GetBytes(value, bytes);
        return check(bytes[..length]);
    }

    private static string DescribeMalformed(CsvMalformedReason? reason) => reason switch
    {
        CsvMalformedReason.UnterminatedQuote =>
            "a quoted field is never closed: the file ends inside this record (was it cut off?)",
        CsvMalformedReason.StrayQuote => "a quote inside an unquoted field breaks the CSV quoting",
        CsvMalformedReason.TextAfterClosingQuote => "text follows the closing quote of a field, which breaks the CSV quoting",
        _ => $"the record's CSV is malformed ({reason})",
    };

    private static string Shorten(string? value) =>
        value is null ? "" : value.Length <= 60 ? value : string.Concat(value.AsSpan(0, 57), "...");
}
