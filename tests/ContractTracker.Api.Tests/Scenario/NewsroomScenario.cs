using ContractTracker.Ingest;
using ContractTracker.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ContractTracker.Api.Tests.Scenario;

/// <summary>
/// A small newsroom story in the real USAspending layout (every vendor fictional), with the facts the API must get right:
/// <list type="bullet">
/// <item>a vendor family: parent <see cref="Parent"/> (three spellings of its name) and subsidiary <see cref="Subsidiary"/>;</item>
/// <item><see cref="Acquired"/>, a stand-alone company whose actions report <see cref="Parent"/> as their parent from June 2022;</item>
/// <item>an ICE IDV (<see cref="Idv"/>) held by the subsidiary with two orders, one of them awarded by the DHS Office of
/// Procurement Operations (7001) with ICE (7012) money: the awarding and funding lenses differ;</item>
/// <item>a de-obligation (-200,000.00) on <see cref="ParentContract"/>;</item>
/// <item>a sole proprietor (<see cref="SoleProprietor"/>), a person: rows only, never a vendor; its record names a
/// highly compensated officer, which is never returned;</item>
/// <item>an unrelated vendor, <see cref="Northwind"/>.</item>
/// </list>
/// Expected figures (worked out in the comments of <see cref="Records"/>):
/// <list type="bullet">
/// <item>family <see cref="Parent"/>, as reported: 4,800,000.00 over 9 actions; under the latest parent: 5,100,000.00 (adds
/// the acquired company's 300,000.00 from before the acquisition);</item>
/// <item><see cref="Parent"/> with ICE (7012), awarding lens, as reported: 3,950,000.00, 4 awards (the IDV counted), by fiscal year
/// 2021 1,000,000.00 / 2022 2,500,000.00 / 2023 200,000.00 (de-obligations -200,000.00) / 2024 250,000.00, running total
/// ending 3,950,000.00; current value of its awards 3,950,000.00, potential 5,900,000.00, IDV ceiling 50,000,000.00;</item>
/// <item>the same with the funding lens: 4,700,000.00, 5 awards (adds the OPO-awarded order, 750,000.00);</item>
/// <item><see cref="Parent"/> with DHS (070), awarding, as reported: 4,800,000.00; <see cref="Parent"/> with CBP (7014) under
/// the latest parent: 400,000.00.</item>
/// </list>
/// </summary>
public static class NewsroomScenario
{
    public const string Parent = "LNTRNPARENT1";
    public const string ParentName = "FICTIONAL LANTERN ANALYTICS INC";
    public const string Subsidiary = "LNTRNUSGSUB2";
    public const string SubsidiaryName = "FICTIONAL LANTERN ANALYTICS USG INC";
    public const string Acquired = "HRBRSIGNAL03";
    public const string AcquiredName = "FICTIONAL HARBOR SIGNAL LLC";
    public const string SoleProprietor = "SOLEPROP0001";
    public const string SoleProprietorName = "FICTIONAL PERSON ALEX RIVERA";
    public const string OfficerName = "FICTIONAL OFFICER DANA MORGAN";
    public const string Northwind = "NRTHWND00005";
    public const string NorthwindName = "DEMO NORTHWIND DETENTION SERVICES LLC";

    public const string ParentContract = "CONT_AWD_70CDCR21C00000001_7012_-NONE-_-NONE-";
    public const string Idv = "CONT_IDV_70CDCR22D00000001_7012";
    public const string IceOrder = "CONT_AWD_70CDCR22F00000011_7012_70CDCR22D00000001_7012";
    public const string OpoOrder = "CONT_AWD_70RTAC23F00000012_7001_70CDCR22D00000001_7012";
    public const string AcquiredContract = "CONT_AWD_70B02C21P00000101_7014_-NONE-_-NONE-";
    public const string AcquiredIceContract = "CONT_AWD_70CDCR23C00000002_7012_-NONE-_-NONE-";
    public const string SoleProprietorOrder = "CONT_AWD_70CDCR24P00000200_7012_-NONE-_-NONE-";

    private static SourceRecordValues Ice(this SourceRecordValues r) =>
        r.Awarding("070", "Department of Homeland Security", "7012", "U.S. Immigration and Customs Enforcement", "70CDCR", "DETENTION COMPLIANCE AND REMOVALS")
         .Funding("070", "Department of Homeland Security", "7012", "U.S. Immigration and Customs Enforcement", "70CDCR", "DETENTION COMPLIANCE AND REMOVALS");

    private static SourceRecordValues Values(this SourceRecordValues r, decimal? current, decimal potential) =>
        r.Set("current_total_value_of_award", current?.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) ?? "")
         .Set("potential_total_value_of_award", potential.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));

    private static SourceRecordValues Action(this SourceRecordValues r, string code, string text, string description) =>
        r.Set("action_type_code", code).Set("action_type", text).Set("transaction_description", description);

    /// <summary>The scenario as one Contracts Prime Transactions file.</summary>
    public static SourceFileBuilder Records() => SourceFileBuilder.Transactions()
        // R1-R3: the parent's contract with ICE: +1,000,000 (FY2021), +500,000 (FY2022), -200,000 (FY2023): 1,300,000 net.
        .Add(r => r.Award("70CDCR21C00000001", "7012").Ice().Recipient(Parent, ParentName).On("2021-03-15").Obligation(1_000_000m)
            .Values(1_000_000m, 3_000_000m).Action("", "", "DETENTION DATA ANALYTICS PLATFORM").Modified("2021-03-16 10:00:00+00"))
        .Add(r => r.Award("70CDCR21C00000001", "7012", "P00001").Ice().Recipient(Parent, "FICTIONAL LANTERN ANALYTICS, INC.", Parent, ParentName)
            .On("2022-02-10").Obligation(500_000m).Values(1_500_000m, 3_000_000m).Action("C", "FUNDING ONLY ACTION", "INCREMENTAL FUNDING")
            .Modified("2022-02-11 10:00:00+00"))
        .Add(r => r.Award("70CDCR21C00000001", "7012", "P00002").Ice().Recipient(Parent, "Fictional Lantern Analytics Inc", Parent, ParentName)
            .On("2023-05-20").Obligation(-200_000m).Values(1_300_000m, 3_000_000m).Action("M", "OTHER ADMINISTRATIVE ACTION", "DE-OBLIGATE UNUSED FUNDS")
            .Modified("2023-05-21 10:00:00+00"))
        // R4: the subsidiary's IDV with ICE: obligates nothing; 50,000,000 ceiling.
        .Add(r => r.Award("70CDCR22D00000001", "7012", isIdv: true).Ice().Recipient(Subsidiary, SubsidiaryName, Parent, ParentName)
            .On("2022-01-05").Obligation(0m).Values(null, 50_000_000m).Action("", "", "ANALYTICS IDIQ").Modified("2022-01-06 10:00:00+00"))
        // R5-R6: an ICE order under the IDV: +2,000,000 (FY2022), +250,000 (FY2024).
        .Add(r => r.Award("70CDCR22F00000011", "7012", "0", "70CDCR22D00000001", "7012").Ice().Recipient(Subsidiary, SubsidiaryName, Parent, ParentName)
            .On("2022-03-01").Obligation(2_000_000m).Values(2_000_000m, 2_500_000m).Action("", "", "CASE MANAGEMENT ANALYTICS")
            .Set("award_type_code", "C").Set("award_type", "DELIVERY ORDER").Modified("2022-03-02 10:00:00+00"))
        .Add(r => r.Award("70CDCR22F00000011", "7012", "P00001", "70CDCR22D00000001", "7012").Ice().Recipient(Subsidiary, SubsidiaryName, Parent, ParentName)
            .On("2024-01-15").Obligation(250_000m).Values(2_250_000m, 2_500_000m).Action("G", "EXERCISE AN OPTION", "OPTION YEAR 1")
            .Set("award_type_code", "C").Set("award_type", "DELIVERY ORDER").Modified("2024-01-16 10:00:00+00"))
        // R7: an order under the same IDV awarded by DHS's Office of Procurement Operations with ICE money: 750,000 (FY2024).
        .Add(r => r.Award("70RTAC23F00000012", "7001", "0", "70CDCR22D00000001", "7012")
            .Awarding("070", "Department of Homeland Security", "7001", "Office of Procurement Operations", "70RTAC", "OPO ICE SUPPORT DIVISION")
            .Funding("070", "Department of Homeland Security", "7012", "U.S. Immigration and Customs Enforcement", "70CDCR", "DETENTION COMPLIANCE AND REMOVALS")
            .Recipient(Subsidiary, SubsidiaryName, Parent, ParentName).On("2023-11-20").Obligation(750_000m).Values(750_000m, 900_000m)
            .Action("", "", "BIOMETRIC DATA INTEGRATION").Set("award_type_code", "C").Set("award_type", "DELIVERY ORDER").Modified("2023-11-21 10:00:00+00"))
        // R8: the acquired company before the acquisition, with CBP, reporting itself: 300,000 (FY2021).
        .Add(r => r.Award("70B02C21P00000101", "7014")
            .Awarding("070", "Department of Homeland Security", "7014", "U.S. Customs and Border Protection", "70B02C", "AIR AND MARINE CONTRACTING DIVISION")
            .Funding("070", "Department of Homeland Security", "7014", "U.S. Customs and Border Protection", "70B02C", "AIR AND MARINE CONTRACTING DIVISION")
            .Recipient(Acquired, AcquiredName).On("2021-06-01").Obligation(300_000m).Values(300_000m, 300_000m).Action("", "", "SENSOR MAINTENANCE")
            .Modified("2021-06-02 10:00:00+00"))
        // R9: the same contract after the acquisition, now reporting the parent: +100,000 (FY2022).
        .Add(r => r.Award("70B02C21P00000101", "7014", "P00001")
            .Awarding("070", "Department of Homeland Security", "7014", "U.S. Customs and Border Protection", "70B02C", "AIR AND MARINE CONTRACTING DIVISION")
            .Funding("070", "Department of Homeland Security", "7014", "U.S. Customs and Border Protection", "70B02C", "AIR AND MARINE CONTRACTING DIVISION")
            .Recipient(Acquired, AcquiredName, Parent, ParentName).On("2022-08-01").Obligation(100_000m).Values(400_000m, 400_000m)
            .Action("B", "SUPPLEMENTAL AGREEMENT FOR WORK WITHIN SCOPE", "ADDITIONAL SENSORS").Modified("2022-08-02 10:00:00+00"))
        // R10: the acquired company with ICE, reporting the parent: 400,000 (FY2023).
        .Add(r => r.Award("70CDCR23C00000002", "7012").Ice().Recipient(Acquired, AcquiredName, Parent, ParentName).On("2023-02-01")
            .Obligation(400_000m).Values(400_000m, 400_000m).Action("", "", "SIGNAL ANALYSIS SUPPORT").Modified("2023-02-02 10:00:00+00"))
        // R11: a sole proprietor's purchase order with ICE; the record names a highly compensated officer.
        .Add(r => r.Award("70CDCR24P00000200", "7012").Ice().Recipient(SoleProprietor, SoleProprietorName, soleProprietor: true).On("2024-02-01")
            .Obligation(9_500m).Values(9_500m, 9_500m).Action("", "", "INTERPRETATION SERVICES")
            .Set("highly_compensated_officer_1_name", OfficerName).Set("highly_compensated_officer_1_amount", "180000.00")
            .Set("award_type_code", "B").Set("award_type", "PURCHASE ORDER").Modified("2024-02-02 10:00:00+00"))
        // R12: an unrelated vendor with ICE: 1,234,567.89 (FY2024).
        .Add(r => r.Award("70CDCR24C00000003", "7012").Ice().Recipient(Northwind, NorthwindName).On("2024-03-01").Obligation(1_234_567.89m)
            .Values(1_234_567.89m, 2_000_000m).Action("", "", "DETENTION FACILITY SERVICES").Modified("2024-03-02 10:00:00+00"));

    /// <summary>Writes the scenario to <paramref name="directory"/> and imports it through the host's importer.</summary>
    public static async Task<ImportRunSummary> ImportAsync(ApiDatabase database, string directory)
    {
        var path = Records().WriteTo(directory, "FY2024_070_Contracts_Full_20261001_1.csv");
        var importer = database.Factory.Services.GetRequiredService<Importer>();
        var summary = await importer.ImportAsync(new ImportRequest([path], "newsroom scenario"), null, CancellationToken.None);
        Assert.Equal(ImportStatus.Succeeded, summary.Status);
        Assert.Equal(12, summary.Files[0].Counts.Inserted);
        return summary;
    }
}
