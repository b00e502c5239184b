using System.Text;
using ContractTracker.Ingest.Format;
using CsvHelper;

namespace ContractTracker.Ingest;

/// <summary>
/// The record a reader is positioned on, as the validator sees it: its shape, and the text of its typed columns
/// read by name through the file's <see cref="FileLayout"/>. Valid only while the reader stays on the record.
/// </summary>
public sealed class SourceRecord
{
    private CsvReader? _reader;

    public FileLayout Layout { get; private set; } = null!;
    public long RecordNumber { get; private set; }
    public long LineNumber { get; private set; }
    public int FieldCount { get; private set; }
    /// <summary>Set when the record's quoting is broken, e.g. a file cut off inside a quoted field.</summary>
    public CsvHelper.CsvMalformedReason? Malformed { get; private set; }
    /// <summary>A delta row with <c>correction_delete_ind = D</c>: a deletion by transaction key.</summary>
    public bool IsDelete { get; private set; }

    public bool HasExpectedShape => Malformed is null && FieldCount == Layout.Header.Length;

    /// <summary>False when the record's bytes are not UTF-8: PostgreSQL would refuse them, and guessing an encoding would alter them.</summary>
    public bool IsValidUtf8 { get; private set; }

    public void MoveTo(CsvReader reader, FileLayout layout, CsvHelper.CsvMalformedReason? malformed)
    {
        _reader = reader;
        Layout = layout;
        RecordNumber = reader.RowNumber;
        LineNumber = reader.LineNumber;
        FieldCount = reader.FieldCount;
        Malformed = malformed;
        IsValidUtf8 = System.Text.Unicode.Utf8.IsValid(reader.RawRecord);
        IsDelete = false;
        if (layout.DeleteIndicatorIndex >= 0 && layout.DeleteIndicatorIndex < FieldCount)
        {
            var indicator = reader.GetSpan(layout.DeleteIndicatorIndex);
            IsDelete = indicator.Length == 1 && (indicator[0] | 0x20) == 'd';
        }
    }

    /// <summary>The value of <c>correction_delete_ind</c> (delta files only).</summary>
    public string? DeleteIndicator => Layout.DeleteIndicatorIndex < 0 ? null : TextAt(Layout.DeleteIndicatorIndex);

    /// <summary>The UTF-8 bytes of a typed column; empty when the value is empty or the file lacks the column.</summary>
    public ReadOnlySpan<byte> Span(int typedColumn)
    {
        var index = Layout.TypedIndex[typedColumn];
        return index >= 0 && index < FieldCount ? Reader.GetSpan(index) : default;
    }

    /// <summary>The text of a typed column; null when it is empty or the file lacks it (the source has no other null).</summary>
    public string? Text(int typedColumn)
    {
        var index = Layout.TypedIndex[typedColumn];
        return index >= 0 ? TextAt(index) : null;
    }

    public string RawText() => Encoding.UTF8.GetString(Reader.RawRecord);

    private string? TextAt(int index) =>
        index < FieldCount && !Reader.IsEmpty(index) ? Reader.GetString(index) : null;

    private CsvReader Reader => _reader ?? throw new InvalidOperationException("The record is not positioned.");
}
