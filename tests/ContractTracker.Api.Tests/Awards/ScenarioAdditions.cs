using ContractTracker.Api.Tests.Scenario;
using ContractTracker.Ingest;
using ContractTracker.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ContractTracker.Api.Tests.Awards;

/// <summary>
/// Additions to the newsroom scenario, each a file of its own imported only by the tests that need it, so the scenario's
/// figures hold everywhere else.
/// </summary>
public static class ScenarioAdditions
{
    /// <summary>A CBP order held by <see cref="NewsroomScenario.Northwind"/> under an IDV whose own records were never imported.</summary>
    public const string OrphanOrder = "CONT_AWD_70B02C24F00000077_7014_70B02C20D00000009_7014";
    public const string MissingIdv = "CONT_IDV_70B02C20D00000009_7014";

    public static Task<ImportRunSummary> ImportOrphanOrderAsync(ApiDatabase database, string directory) => ImportAsync(database,
        SourceFileBuilder.Transactions()
            .Add(r => r.Award("70B02C24F00000077", "7014", "0", "70B02C20D00000009", "7014")
                .Awarding("070", "Department of Homeland Security", "7014", "U.S. Customs and Border Protection", "70B02C", "AIR AND MARINE CONTRACTING DIVISION")
                .Funding("070", "Department of Homeland Security", "7014", "U.S. Customs and Border Protection", "70B02C", "AIR AND MARINE CONTRACTING DIVISION")
                .Recipient(NewsroomScenario.Northwind, NewsroomScenario.NorthwindName).On("2024-04-01").Obligation(10_000m)
                .Set("award_type_code", "C").Set("award_type", "DELIVERY ORDER").Set("transaction_description", "HANGAR SUPPORT")
                .Modified("2024-04-02 10:00:00+00"))
            .WriteTo(directory, "FY2024_7014_Contracts_Full_20261101_1.csv"),
        "orphan order");

    /// <summary>A second option year on <see cref="NewsroomScenario.IceOrder"/> (+300,000.00, FY2025), from a later file.</summary>
    public static Task<ImportRunSummary> ImportIceOrderOptionAsync(ApiDatabase database, string directory) => ImportAsync(database,
        SourceFileBuilder.Transactions()
            .Add(r => r.Award("70CDCR22F00000011", "7012", "P00002", "70CDCR22D00000001", "7012")
                .Awarding("070", "Department of Homeland Security", "7012", "U.S. Immigration and Customs Enforcement", "70CDCR", "DETENTION COMPLIANCE AND REMOVALS")
                .Funding("070", "Department of Homeland Security", "7012", "U.S. Immigration and Customs Enforcement", "70CDCR", "DETENTION COMPLIANCE AND REMOVALS")
                .Recipient(NewsroomScenario.Subsidiary, NewsroomScenario.SubsidiaryName, NewsroomScenario.Parent, NewsroomScenario.ParentName)
                .On("2025-01-15").Obligation(300_000m).Set("current_total_value_of_award", "2550000.00").Set("potential_total_value_of_award", "2500000.00")
                .Set("action_type_code", "G").Set("action_type", "EXERCISE AN OPTION").Set("transaction_description", "OPTION YEAR 2")
                .Set("award_type_code", "C").Set("award_type", "DELIVERY ORDER").Modified("2025-01-16 10:00:00+00"))
            .WriteTo(directory, "FY2025_070_Contracts_Full_20261201_1.csv"),
        "ice order option");

    /// <summary>What <see cref="ImportRenamedOfficeAsync"/> names ICE's office 70CDCR (the scenario's files call it otherwise).</summary>
    public const string RenamedOffice = "DETENTION AND REMOVAL CONTRACTING DIVISION";

    /// <summary>An ICE office that only <see cref="ImportRenamedOfficeAsync"/> names, as the funding office.</summary>
    public const string NewOffice = "70CDNF";

    /// <summary>
    /// An administrative modification of <see cref="NewsroomScenario.ParentContract"/> (no money, FY2025), from a later file that
    /// names ICE's office 70CDCR <see cref="RenamedOffice"/> (the newest name, so it becomes the office's name) and moves its
    /// funding to an office no other file names, <see cref="NewOffice"/>.
    /// </summary>
    public static Task<ImportRunSummary> ImportRenamedOfficeAsync(ApiDatabase database, string directory) => ImportAsync(database,
        SourceFileBuilder.Transactions()
            .Add(r => r.Award("70CDCR21C00000001", "7012", "P00003")
                .Awarding("070", "Department of Homeland Security", "7012", "U.S. Immigration and Customs Enforcement", "70CDCR", RenamedOffice)
                .Funding("070", "Department of Homeland Security", "7012", "U.S. Immigration and Customs Enforcement", NewOffice, "DETENTION FUNDS OFFICE")
                .Recipient(NewsroomScenario.Parent, NewsroomScenario.ParentName, NewsroomScenario.Parent, NewsroomScenario.ParentName)
                .On("2025-02-03").Obligation(0m).Set("current_total_value_of_award", "1300000.00").Set("potential_total_value_of_award", "3000000.00")
                .Set("action_type_code", "M").Set("action_type", "OTHER ADMINISTRATIVE ACTION").Set("transaction_description", "OFFICE RENAMED")
                .Modified("2025-02-04 10:00:00+00"))
            .WriteTo(directory, "FY2025_070_Contracts_Full_20261215_1.csv"),
        "renamed office");

    private static async Task<ImportRunSummary> ImportAsync(ApiDatabase database, string path, string source)
    {
        var importer = database.Factory.Services.GetRequiredService<Importer>();
        var summary = await importer.ImportAsync(new ImportRequest([path], source), null, CancellationToken.None);
        Assert.Equal(ImportStatus.Succeeded, summary.Status);
        return summary;
    }
}
