using System.Globalization;
using System.IO.Compression;
using ContractTracker.Ingest.Format;
using CsvHelper;

namespace ContractTracker.Testing;

/// <summary>
/// Writes files in the exact USAspending layout for a test: every record starts as a copy of a real row (the Forest
/// Service base award in the real Full fixture), and the test changes the columns it is about, by name.
/// </summary>
public sealed class SourceFileBuilder
{
    private static readonly Lazy<Dictionary<string, string>> RealRow = new(ReadRealRow);
    private readonly List<Dictionary<string, string>> _records = [];
    private readonly bool _delta;

    private SourceFileBuilder(bool delta) => _delta = delta;

    public static SourceFileBuilder Transactions() => new(delta: false);

    /// <summary>A delta file: <c>correction_delete_ind</c> and <c>agency_id</c> in front of the transaction columns.</summary>
    public static SourceFileBuilder Delta() => new(delta: true);

    public IReadOnlyList<string> Header =>
        _delta ? [TransactionColumns.CorrectionDeleteIndicator, TransactionColumns.DeltaAgencyId, .. TransactionColumns.Current] : TransactionColumns.Current;

    /// <summary>Adds a record: the real row with <paramref name="edit"/> applied.</summary>
    public SourceFileBuilder Add(Action<SourceRecordValues> edit)
    {
        var values = new SourceRecordValues(new Dictionary<string, string>(RealRow.Value));
        edit(values);
        _records.Add(values.Values);
        return this;
    }

    /// <summary>Adds a delta delete row: only the key parts and a date-only <c>last_modified_date</c>, as USAspending writes them.</summary>
    public SourceFileBuilder AddDelete(string transactionKey, string deletedOn)
    {
        var parts = transactionKey.Split('_');
        string Part(int i) => i < parts.Length && !parts[i].Equals("-NONE-", StringComparison.OrdinalIgnoreCase) ? parts[i] : "";
        _records.Add(new Dictionary<string, string>
        {
            [TransactionColumns.CorrectionDeleteIndicator] = "D",
            [TransactionColumns.DeltaAgencyId] = Part(0),
            ["contract_transaction_unique_key"] = transactionKey,
            ["parent_award_agency_id"] = Part(1),
            ["award_id_piid"] = Part(2),
            ["modification_number"] = Part(3),
            ["parent_award_id_piid"] = Part(4),
            ["transaction_number"] = Part(5),
            ["last_modified_date"] = deletedOn,
        });
        return this;
    }

    public string WriteTo(string directory, string fileName)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, fileName);
        File.WriteAllText(path, ToCsv());
        return path;
    }

    /// <summary>Writes the records as a zip of parts of <paramref name="recordsPerPart"/> records, the header repeated in each.</summary>
    public string WriteZip(string directory, string zipName, int recordsPerPart)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, zipName);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        var stem = Path.GetFileNameWithoutExtension(zipName);
        for (int part = 0, start = 0; start < _records.Count || part == 0; part++, start += recordsPerPart)
        {
            var entry = zip.CreateEntry($"{stem}_{part + 1}.csv");
            using var writer = new StreamWriter(entry.Open());
            writer.Write(ToCsv(_records.Skip(start).Take(recordsPerPart)));
        }

        return path;
    }

    public string ToCsv() => ToCsv(_records);

    private string ToCsv(IEnumerable<Dictionary<string, string>> records)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, CsvWriterOptions.Default with { NewLine = "\n" }))
        {
            csv.WriteHeader(Header.ToArray());
            foreach (var record in records)
            {
                csv.WriteRecord(Header.Select(h => record.GetValueOrDefault(h, "")).ToArray());
            }
        }

        return text.ToString();
    }

    private static Dictionary<string, string> ReadRealRow()
    {
        using var reader = CsvReader.FromFile(FixtureFiles.PathOf(FixtureFiles.RealFull), CsvReaderOptions.Default with { Separator = ',' });
        reader.Read();
        return reader.Headers.Select((h, i) => (h, v: reader.GetString(i) ?? "")).ToDictionary(p => p.h, p => p.v);
    }
}

/// <summary>The values of one record under construction, by source column name, with helpers for the common ones.</summary>
public sealed class SourceRecordValues(Dictionary<string, string> values)
{
    public Dictionary<string, string> Values { get; } = values;

    public SourceRecordValues Set(string column, string value)
    {
        Values[column] = value;
        return this;
    }

    /// <summary>
    /// Sets the keys and PIID parts the way USAspending builds them: an award <c>CONT_AWD_{piid}_{agency}_{idv piid}_{idv agency}</c>
    /// (an order under an IDV when <paramref name="idvPiid"/> is given), or an IDV <c>CONT_IDV_{piid}_{agency}</c>.
    /// </summary>
    public SourceRecordValues Award(string piid, string subtier, string modification = "0", string? idvPiid = null, string? idvSubtier = null, bool isIdv = false)
    {
        idvSubtier ??= idvPiid is null ? null : subtier;
        Set("award_id_piid", piid).Set("modification_number", modification);
        Set("parent_award_id_piid", idvPiid ?? "").Set("parent_award_agency_id", idvSubtier ?? "");
        if (isIdv)
        {
            Set("award_or_idv_flag", "IDV").Set("transaction_number", "").Set("award_type_code", "").Set("award_type", "");
            Set("idv_type_code", "B").Set("idv_type", "IDC");
            Set("contract_award_unique_key", $"CONT_IDV_{piid}_{subtier}");
            Set("contract_transaction_unique_key", $"{subtier}_-NONE-_{piid}_{modification}_-NONE-_-NONE-");
        }
        else
        {
            Set("award_or_idv_flag", "AWARD").Set("transaction_number", "0").Set("idv_type_code", "").Set("idv_type", "");
            Set("contract_award_unique_key", $"CONT_AWD_{piid}_{subtier}_{idvPiid ?? "-NONE-"}_{idvSubtier ?? "-NONE-"}");
            Set("contract_transaction_unique_key", $"{subtier}_{idvSubtier ?? "-NONE-"}_{piid}_{modification}_{idvPiid ?? "-NONE-"}_0");
        }

        Set("usaspending_permalink", $"https://www.usaspending.gov/award/{Values["contract_award_unique_key"]}/");
        return Set("awarding_sub_agency_code", subtier).Set("funding_sub_agency_code", subtier);
    }

    public SourceRecordValues Obligation(decimal amount) =>
        Set("federal_action_obligation", amount.ToString("0.00", CultureInfo.InvariantCulture));

    /// <summary>Sets <c>action_date</c> and its fiscal year.</summary>
    public SourceRecordValues On(string actionDate)
    {
        var date = DateOnly.ParseExact(actionDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return Set("action_date", actionDate).Set("action_date_fiscal_year", FieldParsers.FiscalYearOf(date).ToString(CultureInfo.InvariantCulture));
    }

    public SourceRecordValues Modified(string lastModified) => Set("last_modified_date", lastModified);

    public SourceRecordValues Recipient(string uei, string name, string? parentUei = null, string? parentName = null, bool soleProprietor = false) =>
        Set("recipient_uei", uei).Set("recipient_name", name).Set("recipient_name_raw", name)
            .Set("recipient_parent_uei", parentUei ?? uei).Set("recipient_parent_name", parentName ?? name)
            .Set("recipient_parent_name_raw", parentName ?? name)
            .Set("sole_proprietorship", soleProprietor ? "t" : "f");

    public SourceRecordValues Awarding(string toptier, string toptierName, string subtier, string subtierName, string office = "", string officeName = "") =>
        Set("awarding_agency_code", toptier).Set("awarding_agency_name", toptierName)
            .Set("awarding_sub_agency_code", subtier).Set("awarding_sub_agency_name", subtierName)
            .Set("awarding_office_code", office).Set("awarding_office_name", officeName);

    public SourceRecordValues Funding(string toptier, string toptierName, string subtier, string subtierName, string office = "", string officeName = "") =>
        Set("funding_agency_code", toptier).Set("funding_agency_name", toptierName)
            .Set("funding_sub_agency_code", subtier).Set("funding_sub_agency_name", subtierName)
            .Set("funding_office_code", office).Set("funding_office_name", officeName);
}
