namespace ContractTracker.Testing;

/// <summary>The checked-in files of <c>tests/ContractTracker.Tests/Fixtures</c>, copied beside the test assembly.</summary>
public static class FixtureFiles
{
    public const string RealFull = "FY2026_012_Contracts_Full_20260909_1.csv";
    public const string RealDelta = "FY(All)_012_Contracts_Delta_20260908_1.csv";
    public const string SplitZip = "FY2026_012_Contracts_Full_20260909.zip";
    public const string BomCrlfMultiline = "FY2026_012_Contracts_Full_bom_crlf_multiline_1.csv";
    public const string BadRows = "FY2026_012_Contracts_Full_bad_rows_1.csv";
    public const string SavedBySpreadsheet = "FY2026_012_Contracts_Full_saved_by_spreadsheet.csv";
    public const string Truncated = "FY2026_012_Contracts_Full_truncated_1.csv";
    public const string HeaderOnly = "Contracts_PrimeTransactions_header_only_1.csv";
    public const string AwardSummaries = "Contracts_PrimeAwardSummaries_2026-09-10_H10M00S00_1.csv";
    public const string Before2019 = "Contracts_PrimeTransactions_2019-05-01_1.csv";
    public const string Header2021 = "FY2022_012_Contracts_Full_20211015_1.csv";

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
}
