using ContractTracker.Api.Tests.Scenario;
using ContractTracker.Ingest;
using ContractTracker.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ContractTracker.Api.Tests.Vendors;

/// <summary>
/// Records the vendor tests add to <see cref="NewsroomScenario"/>, in a second file so the scenario's own figures stay as
/// they are:
/// <list type="bullet">
/// <item><see cref="Quarry"/>, a vendor whose record carries a DUNS (<see cref="QuarryDuns"/>), for DUNS search;</item>
/// <item><see cref="TradingSoleProprietor"/>, a person trading as "Lantern Analytics Consulting" whose action reports
/// <see cref="NewsroomScenario.Parent"/> as its parent: a person is never a family member, so the family's figures do
/// not change and the name never shows.</item>
/// </list>
/// </summary>
public static class VendorScenarioExtras
{
    public const string Quarry = "QRRYOPTICS07";
    public const string QuarryName = "FICTIONAL QUARRY OPTICS CORP";
    public const string QuarryDuns = "080123456";
    public const string TradingSoleProprietor = "SOLEPROP0002";
    public const string TradingSoleProprietorName = "LANTERN ANALYTICS CONSULTING OF FICTIONAL PERSON JORDAN LEE";

    public static SourceFileBuilder Records() => SourceFileBuilder.Transactions()
        // X1: Quarry Optics with CBP, DUNS on the record: 75,000.00 (FY2024).
        .Add(r => r.Award("70B02C24P00000301", "7014")
            .Awarding("070", "Department of Homeland Security", "7014", "U.S. Customs and Border Protection", "70B02C", "AIR AND MARINE CONTRACTING DIVISION")
            .Funding("070", "Department of Homeland Security", "7014", "U.S. Customs and Border Protection", "70B02C", "AIR AND MARINE CONTRACTING DIVISION")
            .Recipient(Quarry, QuarryName).Set("recipient_duns", QuarryDuns).On("2024-05-01").Obligation(75_000m)
            .Set("current_total_value_of_award", "75000.00").Set("potential_total_value_of_award", "75000.00")
            .Set("transaction_description", "LENS REPLACEMENT").Modified("2024-05-02 10:00:00+00"))
        // X2: a person trading under a name like the family's, reporting the family's parent: 12,000.00 (FY2024), never counted in the family.
        .Add(r => r.Award("70CDCR24P00000302", "7012")
            .Awarding("070", "Department of Homeland Security", "7012", "U.S. Immigration and Customs Enforcement", "70CDCR", "DETENTION COMPLIANCE AND REMOVALS")
            .Funding("070", "Department of Homeland Security", "7012", "U.S. Immigration and Customs Enforcement", "70CDCR", "DETENTION COMPLIANCE AND REMOVALS")
            .Recipient(TradingSoleProprietor, TradingSoleProprietorName, NewsroomScenario.Parent, NewsroomScenario.ParentName, soleProprietor: true)
            .On("2024-06-03").Obligation(12_000m).Set("current_total_value_of_award", "12000.00").Set("potential_total_value_of_award", "12000.00")
            .Set("highly_compensated_officer_1_name", NewsroomScenario.OfficerName).Set("highly_compensated_officer_1_amount", "150000.00")
            .Set("award_type_code", "B").Set("award_type", "PURCHASE ORDER").Set("transaction_description", "DATA CLEANING")
            .Modified("2024-06-04 10:00:00+00"));

    /// <summary>Imports the newsroom scenario, then these records as a second file; returns both files' summaries.</summary>
    public static async Task<(ImportFileSummary Scenario, ImportFileSummary Extras)> ImportWithScenarioAsync(ApiDatabase database, string directory)
    {
        var scenario = await NewsroomScenario.ImportAsync(database, directory);
        var path = Records().WriteTo(directory, "FY2024_070_Contracts_Full_20261101_1.csv");
        var importer = database.Factory.Services.GetRequiredService<Importer>();
        var extras = await importer.ImportAsync(new ImportRequest([path], "vendor test extras"), null, CancellationToken.None);
        Assert.Equal(ImportStatus.Succeeded, extras.Status);
        Assert.Equal(2, extras.Files[0].Counts.Inserted);
        return (scenario.Files[0], extras.Files[0]);
    }
}
