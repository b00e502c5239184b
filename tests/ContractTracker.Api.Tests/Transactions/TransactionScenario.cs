using System.Net;
using System.Text.Json;
using ContractTracker.Api.Tests.Scenario;
using ContractTracker.Ingest;
using ContractTracker.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ContractTracker.Api.Tests.Transactions;

/// <summary>
/// The newsroom scenario plus a second file of two actions by a fictional translation company, both on 2024-02-01 for
/// 9,500.00 like the sole proprietor's order (ties on date and amount, broken by key), with NAICS and PSC codes of their
/// own (the scenario's records all carry 517810 and F003), one with ICE and one with the Army (outside DHS).
/// Actions are named <c>{piid}/{modification}</c>.
/// </summary>
public static class TransactionScenario
{
    public const string Quill = "QUILLXLATE07";
    public const string QuillName = "FICTIONAL QUILL LANGUAGE SERVICES LLC";
    public const string ExtraFileName = "FY2024_097_Contracts_Full_20261002_1.csv";

    // The newsroom scenario's actions, in its order (R1-R12).
    public const string ParentBase = "70CDCR21C00000001/0";            // 2021-03-15   1,000,000.00  parent, ICE
    public const string ParentFunding = "70CDCR21C00000001/P00001";    // 2022-02-10     500,000.00  parent, ICE, action C
    public const string ParentDeobligation = "70CDCR21C00000001/P00002"; // 2023-05-20  -200,000.00  parent, ICE, action M
    public const string IdvBase = "70CDCR22D00000001/0";               // 2022-01-05           0.00  subsidiary, ICE, IDV type B
    public const string IceOrderBase = "70CDCR22F00000011/0";          // 2022-03-01   2,000,000.00  subsidiary, ICE
    public const string IceOrderOption = "70CDCR22F00000011/P00001";   // 2024-01-15     250,000.00  subsidiary, ICE, action G
    public const string OpoOrderBase = "70RTAC23F00000012/0";          // 2023-11-20     750,000.00  subsidiary, OPO awarding, ICE funding
    public const string AcquiredBase = "70B02C21P00000101/0";          // 2021-06-01     300,000.00  acquired, CBP, reports itself
    public const string AcquiredMod = "70B02C21P00000101/P00001";      // 2022-08-01     100,000.00  acquired, CBP, reports the parent
    public const string AcquiredIce = "70CDCR23C00000002/0";           // 2023-02-01     400,000.00  acquired, ICE, reports the parent
    public const string SoleProprietorOrder = "70CDCR24P00000200/0";   // 2024-02-01       9,500.00  sole proprietor, ICE, type B
    public const string NorthwindContract = "70CDCR24C00000003/0";     // 2024-03-01   1,234,567.89  Northwind, ICE

    // The second file's actions.
    public const string QuillIceOrder = "70CDCR24P00000300/0";         // 2024-02-01       9,500.00  ICE, type B, NAICS 541930, PSC R608
    public const string QuillArmyContract = "W91CRB24C0001/0";         // 2024-02-01       9,500.00  Army, type D, NAICS 561210, PSC S206

    public static readonly string[] NewsroomActions =
    [
        ParentBase, ParentFunding, ParentDeobligation, IdvBase, IceOrderBase, IceOrderOption, OpoOrderBase,
        AcquiredBase, AcquiredMod, AcquiredIce, SoleProprietorOrder, NorthwindContract,
    ];

    public static SourceFileBuilder ExtraRecords() => SourceFileBuilder.Transactions()
        .Add(r => r.Award("70CDCR24P00000300", "7012")
            .Awarding("070", "Department of Homeland Security", "7012", "U.S. Immigration and Customs Enforcement", "70CDCR", "DETENTION COMPLIANCE AND REMOVALS")
            .Funding("070", "Department of Homeland Security", "7012", "U.S. Immigration and Customs Enforcement", "70CDCR", "DETENTION COMPLIANCE AND REMOVALS")
            .Recipient(Quill, QuillName).On("2024-02-01").Obligation(9_500m)
            .Set("transaction_description", "SPANISH INTERPRETATION AT DETENTION HEARINGS")
            .Set("prime_award_base_transaction_description", "LANGUAGE SERVICES BPA CALL")
            .Set("action_type_code", "").Set("action_type", "")
            .Set("award_type_code", "B").Set("award_type", "PURCHASE ORDER")
            .Set("naics_code", "541930").Set("naics_description", "TRANSLATION AND INTERPRETATION SERVICES")
            .Set("product_or_service_code", "R608").Set("product_or_service_code_description", "SUPPORT- ADMINISTRATIVE: TRANSLATION AND INTERPRETING")
            .Modified("2024-02-02 11:00:00+00"))
        .Add(r => r.Award("W91CRB24C0001", "2100")
            .Awarding("097", "Department of Defense", "2100", "Department of the Army", "W91CRB", "W6QK ACC-APG")
            .Funding("097", "Department of Defense", "2100", "Department of the Army", "W91CRB", "W6QK ACC-APG")
            .Recipient(Quill, QuillName).On("2024-02-01").Obligation(9_500m)
            .Set("transaction_description", "RANGE FACILITY SUPPORT")
            .Set("prime_award_base_transaction_description", "RANGE FACILITY SUPPORT")
            .Set("action_type_code", "").Set("action_type", "")
            .Set("award_type_code", "D").Set("award_type", "DEFINITIVE CONTRACT")
            .Set("naics_code", "561210").Set("naics_description", "FACILITIES SUPPORT SERVICES")
            .Set("product_or_service_code", "S206").Set("product_or_service_code_description", "HOUSEKEEPING- GUARDING")
            .Modified("2024-02-02 12:00:00+00"));

    /// <summary>Imports the newsroom scenario, then the second file; returns the path of the second file.</summary>
    public static async Task<string> ImportAsync(ApiDatabase database, string directory)
    {
        await NewsroomScenario.ImportAsync(database, directory);
        var path = ExtraRecords().WriteTo(directory, ExtraFileName);
        var importer = database.Factory.Services.GetRequiredService<Importer>();
        var summary = await importer.ImportAsync(new ImportRequest([path], "transactions scenario"), null, CancellationToken.None);
        Assert.Equal(ImportStatus.Succeeded, summary.Status);
        Assert.Equal(2, summary.Files[0].Counts.Inserted);
        return path;
    }

    /// <summary>GETs <paramref name="url"/>; every answer, whatever its status, must not name the officer in the scenario's record.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body, string Text)> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(NewsroomScenario.OfficerName, text, StringComparison.OrdinalIgnoreCase);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), text);
    }

    /// <summary>GETs a list that must succeed and returns its rows.</summary>
    public static async Task<(JsonElement Page, List<JsonElement> Rows)> ListAsync(HttpClient client, string url)
    {
        var (status, body, text) = await GetAsync(client, url);
        Assert.True(status == HttpStatusCode.OK, $"{url}: {(int)status} {text}");
        return (body, body.GetProperty("transactions").EnumerateArray().ToList());
    }

    /// <summary>The actions of a page as <c>{piid}/{modification}</c>, in order.</summary>
    public static List<string> Names(IEnumerable<JsonElement> rows) =>
        rows.Select(r => $"{r.GetProperty("piid").GetString()}/{r.GetProperty("modificationNumber").GetString()}").ToList();
}
