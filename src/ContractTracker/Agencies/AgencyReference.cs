using System.Text;
using CsvHelper;

namespace ContractTracker.Agencies;

/// <summary>
/// The federal agency code list (toptier and sub-tier codes, names and abbreviations) that ships with the engine; see
/// <c>Agencies/Reference/README.md</c> for its source. It names agencies and resolves abbreviations such as ICE;
/// codes in transaction files stay authoritative and names seen in them win.
/// </summary>
public static class AgencyReference
{
    public sealed record Row(string ToptierCode, string ToptierName, string? ToptierAbbreviation, string SubtierCode, string SubtierName, string? SubtierAbbreviation);

    public static IReadOnlyList<Row> Load()
    {
        using var stream = typeof(AgencyReference).Assembly.GetManifestResourceStream("ContractTracker.Agencies.agency_codes.csv")
            ?? throw new InvalidOperationException("The agency reference list is not embedded.");
        using var reader = CsvReader.Create(stream, CsvReaderOptions.Default with { Separator = ',' });
        var rows = new List<Row>();
        while (reader.Read())
        {
            rows.Add(new Row(reader.GetString(0)!, reader.GetString(1)!, reader.GetString(2), reader.GetString(3)!, reader.GetString(4)!, reader.GetString(5)));
        }

        return rows;
    }

    /// <summary>
    /// SQL that adds the list to <c>toptier_agencies</c> and <c>sub_agencies</c>: abbreviations always, names only where no
    /// transaction has named the agency yet.
    /// </summary>
    public static string UpsertSql()
    {
        var rows = Load();
        var sql = new StringBuilder();
        sql.AppendLine("INSERT INTO toptier_agencies AS a (code, name, abbreviation) VALUES");
        sql.AppendJoin(",\n", rows.DistinctBy(r => r.ToptierCode).Select(r => $"({Quote(r.ToptierCode)}, {Quote(r.ToptierName)}, {Quote(r.ToptierAbbreviation)})"));
        sql.AppendLine();
        sql.AppendLine("ON CONFLICT (code) DO UPDATE SET abbreviation = excluded.abbreviation, name = CASE WHEN a.name_as_of IS NULL THEN excluded.name ELSE a.name END;");
        sql.AppendLine("INSERT INTO sub_agencies AS s (code, toptier_code, name, abbreviation) VALUES");
        sql.AppendJoin(",\n", rows.Select(r => $"({Quote(r.SubtierCode)}, {Quote(r.ToptierCode)}, {Quote(r.SubtierName)}, {Quote(r.SubtierAbbreviation)})"));
        sql.AppendLine();
        sql.AppendLine("""
            ON CONFLICT (code) DO UPDATE SET abbreviation = excluded.abbreviation,
                name = CASE WHEN s.name_as_of IS NULL THEN excluded.name ELSE s.name END,
                toptier_code = coalesce(s.toptier_code, excluded.toptier_code);
            """);
        return sql.ToString();
    }

    private static string Quote(string? value) =>
        string.IsNullOrWhiteSpace(value) ? "NULL" : "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
