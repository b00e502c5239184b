using System.Text;
using System.Text.Json;
using ContractTracker.Database;

namespace ContractTracker.Sources;

/// <summary>
/// The sources a fresh database starts with, disabled: this machine has no internet access, so an admin enables them
/// where USAspending can be reached. A source an admin deletes stays deleted (the migration inserts them once).
/// </summary>
public static class SourceSeeds
{
    /// <summary>Contract and IDV award types (USAspending's <c>procurement_type_mapping</c>).</summary>
    public static readonly IReadOnlyList<string> ContractAwardTypes =
        ["A", "B", "C", "D", "IDV_A", "IDV_B", "IDV_B_A", "IDV_B_B", "IDV_B_C", "IDV_C", "IDV_D", "IDV_E"];

    public static IReadOnlyList<(string Name, SourceKind Kind, string Schedule, SourceDefinition Definition)> All { get; } =
    [
        ("USAspending: ICE contracts from FY2019 (Custom Award Data)", SourceKind.CustomAwardData, "0 7 * * *", new SourceDefinition
        {
            Custom = new CustomAwardDefinition(
                new AgencyFilter("awarding", "subtier", "U.S. Immigration and Customs Enforcement", "Department of Homeland Security"),
                ContractAwardTypes, "action_date", new DateOnly(2018, 10, 1), EndDate: null, Incremental: true),
        }),
        ("USAspending: DHS Award Data Archive (Full and Delta files)", SourceKind.AwardDataArchive, "0 8 * * 1", new SourceDefinition
        {
            Archive = new ArchiveDefinition("070", FromFiscalYear: 2019, ToFiscalYear: null, Full: true, Delta: true),
        }),
    ];

    /// <summary>SQL that inserts the seed sources, disabled, unless a source of the same name exists.</summary>
    public static string InsertSql()
    {
        var sql = new StringBuilder("INSERT INTO sources (name, kind, definition, schedule, is_enabled, created_at, updated_at) VALUES\n");
        sql.AppendJoin(",\n", All.Select(s =>
            $"({Quote(s.Name)}, {Quote(SnakeCaseEnumConverter<SourceKind>.ToDb(s.Kind))}, {Quote(JsonSerializer.Serialize(s.Definition, SourceDefinitionJson.Options))}::jsonb, {Quote(s.Schedule)}, false, now(), now())"));
        sql.Append("\nON CONFLICT (name) DO NOTHING;");
        return sql.ToString();
    }

    private static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
