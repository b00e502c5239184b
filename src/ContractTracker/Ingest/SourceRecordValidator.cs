using System.Text;
using ContractTracker.Ingest.Format;
using CsvHelper;
using FluentValidation;

namespace ContractTracker.Ingest;

/// <summary>
/// The rules a record must meet to be loaded. A record that breaks one is rejected with its line number, the column
/// and the reason, and the rest of the file loads. Values are never repaired or guessed.
/// </summary>
/// <remarks>
/// The typed columns are checked by one rule that walks them on the record's UTF-8 bytes (<see cref="ColumnChecks"/>):
/// a rule per column cost more than reading the file, for a million records.
/// </remarks>
public sealed class SourceRecordValidator : AbstractValidator<SourceRecord>
{
    public const string WholeRecord = "(record)";

    public SourceRecordValidator()
    {
        RuleFor(r => r.Malformed)
            .Null()
            .OverridePropertyName(WholeRecord)
            .WithMessage(r => DescribeMalformed(r.Malformed));

        RuleFor(r => r.IsValidUtf8)
            .Equal(true)
            .When(r => r.Malformed is null)
            .OverridePropertyName(WholeRecord)
            .WithMessage("the record is not valid UTF-8 text (a file saved in another encoding?); the raw text kept here has the invalid bytes replaced by U+FFFD");

        RuleFor(r => r.FieldCount)
            .Equal(r => r.Layout.Header.Length)
            .When(r => r.Malformed is null && r.IsValidUtf8)
            .OverridePropertyName(WholeRecord)
            .WithMessage(r => $"the record has {r.FieldCount} fields but the header has {r.Layout.Header.Length}");

        When(r => r.HasExpectedShape && r.IsValidUtf8, () =>
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
                .Must(v => v is null || FieldParsers.TryParseTimestamp(Encoding.UTF8.GetBytes(v), allowDateOnly: true, out _))
                .When(r => r.IsDelete)
                .OverridePropertyName(TypedColumns.LastModifiedDate.Name)
                .WithMessage((_, v) => $"'{Shorten(v)}' is not an ISO date or timestamp (yyyy-MM-dd or yyyy-MM-dd HH:mm:ss+00)");

            RuleFor(r => r)
                .Custom((record, context) =>
                {
                    foreach (var check in ColumnChecks)
                    {
                        var value = record.Span(check.Index);
                        if (value.IsEmpty ? check.Required : !check.Accepts(value))
                        {
                            context.AddFailure(check.Name, value.IsEmpty
                                ? "is empty; every record needs it"
                                : $"'{Shorten(Encoding.UTF8.GetString(value))}' is not {check.Expected}");
                        }
                    }
                })
                .When(r => !r.IsDelete);
        });
    }

    private delegate bool Utf8Check(ReadOnlySpan<byte> text);

    private sealed record ColumnCheck(int Index, string Name, bool Required, Utf8Check Accepts, string Expected);

    /// <summary>What each typed column (other than free text and the transaction key) must look like, in column order.</summary>
    private static readonly ColumnCheck[] ColumnChecks = TypedColumns.All
        .Select((column, index) => (column, index))
        .Where(c => c.column.Kind != ColumnKind.Text && !ReferenceEquals(c.column, TypedColumns.TransactionKey))
        .Select(c => ToCheck(c.index, c.column))
        .ToArray();

    private static ColumnCheck ToCheck(int index, TypedColumn column)
    {
        var (accepts, expected) = column.Kind switch
        {
            ColumnKind.Key => ((Utf8Check)(_ => true), "a key"),
            ColumnKind.Amount => (t => FieldParsers.TryParseAmount(t, out _),
                "an amount (digits, an optional leading minus and '.', at most two decimals, no thousands separators)"),
            ColumnKind.Date => (t => FieldParsers.TryParseDate(t, out _),
                "an ISO date (yyyy-MM-dd); dates such as 07/16/2026 come from a file saved by a spreadsheet and are never guessed"),
            ColumnKind.DateWithOptionalTime => (t => FieldParsers.TryParseDateWithOptionalTime(t, out _),
                "an ISO date (yyyy-MM-dd or yyyy-MM-dd 00:00:00)"),
            ColumnKind.Timestamp => (t => FieldParsers.TryParseTimestamp(t, allowDateOnly: false, out _),
                "an ISO timestamp (yyyy-MM-dd HH:mm:ss+00)"),
            ColumnKind.FiscalYear => (t => FieldParsers.TryParseFiscalYear(t, out _), "a four-digit fiscal year"),
            ColumnKind.Flag => (t => FieldParsers.TryParseFlag(t, out _), "a flag (t, f, true or false)"),
            ColumnKind.ToptierCode => (t => FieldParsers.IsCode(t, 3, 4),
                "a 3- or 4-character agency code (a spreadsheet turns 070 into 70)"),
            ColumnKind.SubtierCode => (t => FieldParsers.IsCode(t, 4, 4),
                "a 4-character sub-tier agency code (a spreadsheet turns 0559 into 559)"),
            _ => throw new InvalidOperationException($"no check for {column.Kind}"),
        };
        return new ColumnCheck(index, column.Name, column.Required, accepts, expected);
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
