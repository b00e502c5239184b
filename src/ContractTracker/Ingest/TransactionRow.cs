using System.Text;
using ContractTracker.Ingest.Format;
using CsvHelper;
using Npgsql;
using NpgsqlTypes;

namespace ContractTracker.Ingest;

/// <summary>
/// The typed values of the record last written, kept for the derivation: the text of the columns <see cref="Kept"/> marks
/// (by typed column index), and the few typed values the aggregates use.
/// </summary>
internal sealed class LoadedRecord(bool[] kept)
{
    public bool[] Kept { get; } = kept;
    public string?[] Text { get; } = new string?[TypedColumns.All.Count];
    public DateOnly ActionDate { get; set; }
    public int FiscalYear { get; set; }
    public DateTimeOffset LastModifiedDate { get; set; }
    public decimal FederalActionObligation { get; set; }
    public bool SoleProprietorship { get; set; }
}

/// <summary>Writes the typed columns of a validated record, in <see cref="TypedColumns.All"/> order, to a binary COPY.</summary>
internal static class TransactionRow
{
    private static readonly int ActionDateColumn = TypedColumns.IndexOf(TypedColumns.ActionDate.Name);
    private static readonly int ObligationColumn = TypedColumns.IndexOf("federal_action_obligation");

    /// <summary>
    /// Writes the record's typed columns and fills <paramref name="loaded"/> with their values. Text goes to the server as the
    /// file's own UTF-8 bytes (validated when the record was checked), through <paramref name="scratch"/>; only the columns
    /// the derivation keeps become strings.
    /// </summary>
    public static void Write(NpgsqlBinaryImporter copy, CsvReader reader, FileLayout layout, LoadedRecord loaded, ref byte[] scratch)
    {
        Array.Clear(loaded.Text);
        loaded.SoleProprietorship = false;
        for (var i = 0; i < TypedColumns.All.Count; i++)
        {
            var column = TypedColumns.All[i];
            var index = layout.TypedIndex[i];
            var value = index >= 0 && index < reader.FieldCount ? reader.GetSpan(index) : default;
            if (value.IsEmpty)
            {
                if (column.Kind == ColumnKind.FiscalYear)
                {
                    // Headers before August 2019 lack the column; the source computes it the same way.
                    FieldParsers.TryParseDate(ValueOf(reader, layout, ActionDateColumn), out var actionDate);
                    loaded.FiscalYear = FieldParsers.FiscalYearOf(actionDate);
                    copy.Write(loaded.FiscalYear, NpgsqlDbType.Integer);
                }
                else
                {
                    copy.WriteNull();
                }

                continue;
            }

            switch (column.Kind)
            {
                case ColumnKind.Key:
                    loaded.Text[i] = Encoding.UTF8.GetString(value).ToUpperInvariant();
                    copy.Write(loaded.Text[i]!, NpgsqlDbType.Text);
                    break;
                case ColumnKind.Amount:
                    FieldParsers.TryParseAmount(value, out var amount);
                    if (i == ObligationColumn)
                    {
                        loaded.FederalActionObligation = amount;
                    }

                    copy.Write(amount, NpgsqlDbType.Numeric);
                    break;
                case ColumnKind.Date:
                    FieldParsers.TryParseDate(value, out var date);
                    if (i == ActionDateColumn)
                    {
                        loaded.ActionDate = date;
                    }

                    copy.Write(date, NpgsqlDbType.Date);
                    break;
                case ColumnKind.DateWithOptionalTime:
                    FieldParsers.TryParseDateWithOptionalTime(value, out var day);
                    copy.Write(day, NpgsqlDbType.Date);
                    break;
                case ColumnKind.Timestamp:
                    FieldParsers.TryParseTimestamp(value, allowDateOnly: false, out var timestamp);
                    if (ReferenceEquals(column, TypedColumns.LastModifiedDate))
                    {
                        loaded.LastModifiedDate = timestamp;
                    }

                    copy.Write(timestamp.UtcDateTime, NpgsqlDbType.TimestampTz);
                    break;
                case ColumnKind.FiscalYear:
                    FieldParsers.TryParseFiscalYear(value, out var year);
                    loaded.FiscalYear = year;
                    copy.Write(year, NpgsqlDbType.Integer);
                    break;
                case ColumnKind.Flag:
                    FieldParsers.TryParseFlag(value, out var flag);
                    loaded.SoleProprietorship = flag;
                    copy.Write(flag, NpgsqlDbType.Boolean);
                    break;
                default:
                    if (loaded.Kept[i])
                    {
                        loaded.Text[i] = Encoding.UTF8.GetString(value);
                        copy.Write(loaded.Text[i]!, NpgsqlDbType.Text);
                    }
                    else
                    {
                        WriteUtf8(copy, value, ref scratch);
                    }

                    break;
            }
        }
    }

    /// <summary>Writes UTF-8 bytes as a text value (the span is only valid until the reader moves, the buffer outlives it).</summary>
    public static void WriteUtf8(NpgsqlBinaryImporter copy, ReadOnlySpan<byte> value, ref byte[] scratch)
    {
        if (scratch.Length < value.Length)
        {
            scratch = new byte[Math.Max(value.Length, scratch.Length * 2)];
        }

        value.CopyTo(scratch);
        copy.Write(new ReadOnlyMemory<byte>(scratch, 0, value.Length), NpgsqlDbType.Text);
    }

    private static ReadOnlySpan<byte> ValueOf(CsvReader reader, FileLayout layout, int typedColumn)
    {
        var index = layout.TypedIndex[typedColumn];
        return index >= 0 && index < reader.FieldCount ? reader.GetSpan(index) : default;
    }
}
