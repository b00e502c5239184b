using CsvHelper;

namespace ContractTracker.Testing;

/// <summary>Reads an exported CSV back into rows of fields (the header first), the way a strict RFC 4180 reader does.</summary>
public static class CsvText
{
    public static List<string[]> Parse(byte[] bytes)
    {
        using var reader = CsvReader.Create(bytes, CsvReaderOptions.Default with { HasHeader = false });
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        }

        return rows;
    }

    /// <summary>The rows as dictionaries keyed by the header's column names.</summary>
    public static List<Dictionary<string, string>> Records(byte[] bytes)
    {
        var rows = Parse(bytes);
        var header = rows[0];
        return rows.Skip(1).Select(r => header.Select((name, i) => (name, value: r[i])).ToDictionary(p => p.name, p => p.value)).ToList();
    }
}
