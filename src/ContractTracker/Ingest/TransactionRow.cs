using System.Text;
using ContractTracker.Ingest.Format;
using CsvHelper;
using Npgsql;
using NpgsqlTypes;

namespace ContractTracker.Ingest;

/// <summary>Writes the typed columns of a validated record, in <see cref="TypedColumns.All"/> order, to a binary COPY.</summary>
internal static class TransactionRow
{
    private static readonly int ActionDateColumn = TypedColumns.IndexOf(TypedColumns.ActionDate.Name);

    public static void Write(NpgsqlBinaryImporter copy, CsvReader reader, FileLayout layout)
    {
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
                    copy.Write(FieldParsers.FiscalYearOf(actionDate), NpgsqlDbType.Integer);
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
                    copy.Write(Encoding.UTF8.GetString(value).ToUpperInvariant(), NpgsqlDbType.Text);
                    break;
                case ColumnKind.Amount:
                    FieldParsers.TryParseAmount(value, out var amount);
                    copy.Write(amount, NpgsqlDbType.Numeric);
                    break;
                case ColumnKind.Date:
                    FieldParsers.TryParseDate(value, out var date);
                    copy.Write(date, NpgsqlDbType.Date);
                    break;
                case ColumnKind.DateWithOptionalTime:
                    FieldParsers.TryParseDateWithOptionalTime(value, out var day);
                    copy.Write(day, NpgsqlDbType.Date);
                    break;
                case ColumnKind.Timestamp:
                    FieldParsers.TryParseTimestamp(value, allowDateOnly: false, out var timestamp);
                    copy.Write(timestamp.UtcDateTime, NpgsqlDbType.TimestampTz);
                    break;
                case ColumnKind.FiscalYear:
                    FieldParsers.TryParseFiscalYear(value, out var year);
                    copy.Write(year, NpgsqlDbType.Integer);
                    break;
                case ColumnKind.Flag:
                    FieldParsers.TryParseFlag(value, out var flag);
                    copy.Write(flag, NpgsqlDbType.Boolean);
                    break;
                default:
                    copy.Write(Encoding.UTF8.GetString(value), NpgsqlDbType.Text);
                    break;
            }
        }
    }

    private static ReadOnlySpan<byte> ValueOf(CsvReader reader, FileLayout layout, int typedColumn)
    {
        var index = layout.TypedIndex[typedColumn];
        return index >= 0 && index < reader.FieldCount ? reader.GetSpan(index) : default;
    }
}
