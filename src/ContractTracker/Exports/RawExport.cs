using System.Globalization;
using ContractTracker.Database;
using ContractTracker.Ingest.Format;
using Npgsql;

namespace ContractTracker.Exports;

/// <summary>
/// The raw export: every source column of the chosen transactions, in USAspending's current header order, with the
/// values exactly as the source wrote them, so the file can be imported again (into an empty database it reproduces the
/// same transactions). Each record is rebuilt from its stored raw record and its file's header, so records from delta
/// files and older header versions come out in the current layout; columns the current header no longer has are left
/// out. Officer names are withheld, as everywhere in ContractTracker; their amounts are kept.
/// </summary>
public sealed class RawExport(NpgsqlDataSource dataSource)
{
    /// <summary>The columns whose values are never given out: names of individual people.</summary>
    public static readonly IReadOnlySet<string> WithheldColumns = new HashSet<string>(
        Enumerable.Range(1, 5).Select(i => $"highly_compensated_officer_{i}_name"), StringComparer.Ordinal);

    /// <summary>
    /// The table for the rows of <paramref name="command"/>, which must select <c>import_file_id</c> and <c>raw_record</c>,
    /// in the order they should be written. With <paramref name="spreadsheetSafe"/>, the source's dollar columns are written
    /// as numbers so that formula neutralisation leaves negative amounts alone.
    /// </summary>
    public async Task<Table<string?[]>> TableAsync(string name, NpgsqlBatchCommand command, bool spreadsheetSafe, CancellationToken ct)
    {
        var layouts = await LayoutsAsync(ct);
        var current = TransactionColumns.Current;
        var amounts = TypedColumns.All.Where(c => c.Kind == Ingest.Format.ColumnKind.Amount).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var columns = current.Select((column, i) => spreadsheetSafe && amounts.Contains(column)
                ? Column.Amount<string?[]>(column, "As the source wrote it.", r => ParseAmount(r[i]))
                : Column.Text<string?[]>(column, WithheldColumns.Contains(column) ? "Withheld: ContractTracker gives out no officer names." : "As the source wrote it.", r => r[i]))
            .ToList();
        var withheld = current.Select((c, i) => (c, i)).Where(p => WithheldColumns.Contains(p.c)).Select(p => p.i).ToArray();

        string?[] Map(NpgsqlDataReader reader)
        {
            var fileId = reader.GetInt64(0);
            if (!layouts.TryGetValue(fileId, out var canonical))
            {
                throw new InvalidOperationException($"Import file {fileId} has no recorded header.");
            }

            var fields = CsvRecord.Split(reader.GetString(1));
            var row = new string?[canonical.Length];
            for (var i = 0; i < canonical.Length; i++)
            {
                var index = canonical[i];
                row[i] = index >= 0 && index < fields.Count ? fields[index] : null;
            }

            foreach (var i in withheld)
            {
                row[i] = null;
            }

            return row;
        }

        return new Table<string?[]>(name, columns, RowStream.ReadAsync(dataSource, command, Map, ct));
    }

    /// <summary>For each import file with a header, where each current column sits in its records.</summary>
    private async Task<Dictionary<long, int[]>> LayoutsAsync(CancellationToken ct)
    {
        var layouts = new Dictionary<long, int[]>();
        await using var command = dataSource.CreateCommand("SELECT id, header FROM import_files WHERE header IS NOT NULL");
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var verdict = FileLayout.Inspect(reader.GetFieldValue<string[]>(1));
            if (verdict.Layout is { } layout)
            {
                layouts[reader.GetInt64(0)] = layout.CanonicalIndex;
            }
        }

        return layouts;
    }

    private static decimal? ParseAmount(string? value) =>
        decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) ? amount : null;
}

/// <summary>Splits one RFC 4180 record (as stored: without its line ending) into its field values.</summary>
public static class CsvRecord
{
    public static List<string> Split(string record)
    {
        var fields = new List<string>(300);
        var field = new System.Text.StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            if (i < record.Length && record[i] == '"')
            {
                i++;
                while (i < record.Length)
                {
                    if (record[i] == '"')
                    {
                        if (i + 1 < record.Length && record[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(record[i++]);
                }

                // Anything between a closing quote and the next comma is kept, as lenient readers do.
                while (i < record.Length && record[i] != ',')
                {
                    field.Append(record[i++]);
                }
            }
            else
            {
                var end = record.IndexOf(',', i);
                var stop = end < 0 ? record.Length : end;
                field.Append(record, i, stop - i);
                i = stop;
            }

            fields.Add(field.ToString());
            if (i >= record.Length)
            {
                return fields;
            }

            i++; // the comma
            if (i == record.Length)
            {
                fields.Add("");
                return fields;
            }
        }
    }
}
