namespace ContractTracker.Ingest.Format;

/// <summary>
/// Columns USAspending renamed without changing their meaning, old name to current name (from the history of
/// <c>download_column_historical_lookups.py</c>). Renames whose meaning changed are deliberately absent:
/// <c>award_description</c> became two columns in 2022 and <c>*_congressional_district</c> became
/// <c>*_cd_original</c>/<c>*_cd_current</c> in 2023; those stay only in the raw record.
/// </summary>
public static class HeaderAliases
{
    public static readonly IReadOnlyDictionary<string, string> OldToCurrent = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["parent_award_id"] = "parent_award_id_piid",
        ["gfe_gfp_code"] = "government_furnished_property_code",
        ["gfe_gfp"] = "government_furnished_property",
        ["alaskan_native_owned_corporation_or_firm"] = "alaskan_native_corporation_owned_firm",
        ["native_hawaiian_owned_business"] = "native_hawaiian_organization_owned_firm",
        ["tribally_owned_business"] = "tribally_owned_firm",
        ["receives_grants"] = "receives_financial_assistance",
        ["receives_contracts_and_grants"] = "receives_contracts_and_financial_assistance",
        ["foreign_owned_and_located"] = "foreign_owned",
        ["outlayed_amount_funded_by_COVID-19_supplementals_for_overall_award"] = "outlayed_amount_from_COVID-19_supplementals_for_overall_award",
        ["obligated_amount_funded_by_COVID-19_supplementals_for_overall_award"] = "obligated_amount_from_COVID-19_supplementals_for_overall_award",
    };
}
