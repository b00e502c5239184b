using System.IO.Compression;
using System.Xml.Linq;

namespace ContractTracker.Testing;

/// <summary>Reads the cells of an exported workbook's sheets straight from its XML, to check cell types and formulas.</summary>
public sealed record Workbook(IReadOnlyList<IReadOnlyList<Workbook.Cell>> Rows, IReadOnlyList<string> Formulas)
{
    public sealed record Cell(string? Type, string? Style, string Value);

    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    public static Workbook FirstSheet(byte[] bytes) => Sheets(bytes)[0];

    public static List<Workbook> Sheets(byte[] bytes)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        return zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal))
            .OrderBy(e => e.FullName.Length).ThenBy(e => e.FullName, StringComparer.Ordinal)
            .Select(e =>
            {
                using var stream = e.Open();
                var sheet = XDocument.Load(stream);
                var rows = sheet.Descendants(Main + "row")
                    .Select(r => (IReadOnlyList<Cell>)r.Elements(Main + "c")
                        .Select(c => new Cell((string?)c.Attribute("t"), (string?)c.Attribute("s"), c.Value)).ToList())
                    .ToList();
                return new Workbook(rows, sheet.Descendants(Main + "f").Select(f => f.Value).ToList());
            })
            .ToList();
    }
}
