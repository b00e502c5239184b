using System.Collections.Frozen;
using System.Globalization;
using ContractTracker.Benchmarks.Generator.Reference;
using ContractTracker.Ingest.Format;

namespace ContractTracker.Benchmarks.Generator;

/// <summary>
/// Turns an award's transactions into records of the Contracts Prime Transactions layout (297 columns, by name), in
/// USAspending's value formats: amounts with two decimals, <c>yyyy-MM-dd</c> dates, <c>t</c>/<c>f</c> flags, codes as
/// zero-padded text, timestamps as <c>yyyy-MM-dd HH:mm:ss+00</c>. What is the same for every transaction of an award is
/// filled once per award; a delta file's two leading columns are left to the caller.
/// </summary>
internal sealed class RecordLayout
{
    private static readonly FrozenDictionary<string, int> Positions =
        TransactionColumns.Current.Select((name, index) => (name, index)).ToFrozenDictionary(c => c.name, c => c.index);

    private static readonly FrozenDictionary<string, string> ActionTypes = new Dictionary<string, string>
    {
        ["B"] = "SUPPLEMENTAL AGREEMENT FOR WORK WITHIN SCOPE",
        ["C"] = "FUNDING ONLY ACTION",
        ["D"] = "CHANGE ORDER",
        ["G"] = "EXERCISE AN OPTION",
        ["K"] = "CLOSE OUT",
        ["M"] = "OTHER ADMINISTRATIVE ACTION",
    }.ToFrozenDictionary();

    private readonly int _offset;
    private readonly string?[] _template;
    private readonly string?[] _row;
    private readonly int _transactionKey, _modification, _transactionNumber, _obligation, _totalObligated, _exercised, _currentTotal,
        _allOptions, _potentialTotal, _actionDate, _fiscalYear, _currentEnd, _description, _actionTypeCode, _actionType, _parentUei,
        _parentName, _parentNameRaw, _reported, _modified;

    /// <param name="delta">Whether records start with the delta file's <c>correction_delete_ind</c> and <c>agency_id</c>.</param>
    public RecordLayout(bool delta)
    {
        _offset = delta ? 2 : 0;
        Header = delta
            ? [TransactionColumns.CorrectionDeleteIndicator, TransactionColumns.DeltaAgencyId, .. TransactionColumns.Current]
            : [.. TransactionColumns.Current];
        _template = new string?[Header.Count];
        _row = new string?[Header.Count];
        _transactionKey = IndexOf("contract_transaction_unique_key");
        _modification = IndexOf("modification_number");
        _transactionNumber = IndexOf("transaction_number");
        _obligation = IndexOf("federal_action_obligation");
        _totalObligated = IndexOf("total_dollars_obligated");
        _exercised = IndexOf("base_and_exercised_options_value");
        _currentTotal = IndexOf("current_total_value_of_award");
        _allOptions = IndexOf("base_and_all_options_value");
        _potentialTotal = IndexOf("potential_total_value_of_award");
        _actionDate = IndexOf("action_date");
        _fiscalYear = IndexOf("action_date_fiscal_year");
        _currentEnd = IndexOf("period_of_performance_current_end_date");
        _description = IndexOf("transaction_description");
        _actionTypeCode = IndexOf("action_type_code");
        _actionType = IndexOf("action_type");
        _parentUei = IndexOf("recipient_parent_uei");
        _parentName = IndexOf("recipient_parent_name");
        _parentNameRaw = IndexOf("recipient_parent_name_raw");
        _reported = IndexOf("initial_report_date");
        _modified = IndexOf("last_modified_date");
    }

    public IReadOnlyList<string> Header { get; }

    /// <summary>The position of a transaction column in this layout's records.</summary>
    public int IndexOf(string column) => _offset + Positions[column];

    public static string Money(long cents)
    {
        var magnitude = Math.Abs(cents);
        return string.Create(CultureInfo.InvariantCulture, $"{(cents < 0 ? "-" : "")}{magnitude / 100}.{magnitude % 100:D2}");
    }

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Timestamp(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "+00";

    public static int FiscalYear(DateOnly date) => date.Month >= 10 ? date.Year + 1 : date.Year;

    /// <summary>Fills what every transaction of <paramref name="award"/> shares.</summary>
    public void Begin(Award award)
    {
        Array.Clear(_template);
        var isIdv = award.Kind == AwardKind.Idv;
        var line = award.Line;
        var vendor = award.Vendor;
        var variant = Stable(award.Piid);

        Set("contract_award_unique_key", award.AwardKey);
        Set("award_id_piid", award.Piid);
        if (award.Vehicle is { } vehicle)
        {
            Set("parent_award_agency_id", vehicle.AgencyId);
            Set("parent_award_agency_name", vehicle.AgencyName);
            Set("parent_award_id_piid", vehicle.Piid);
            Set("parent_award_modification_number", award.VehicleModification);
            Set("parent_award_type_code", vehicle.Type.Code);
            Set("parent_award_type", vehicle.Type.Name);
            Set("parent_award_single_or_multiple_code", vehicle.MultipleAward ? "M" : "S");
            Set("parent_award_single_or_multiple", vehicle.MultipleAward ? "MULTIPLE AWARD" : "SINGLE AWARD");
        }

        if (award.HasAccounts)
        {
            var year = FiscalYear(award.Start);
            var funding = award.Funding;
            Set("total_outlayed_amount_for_overall_award", Money(award.Outlays ?? 0));
            Set("disaster_emergency_fund_codes_for_overall_award", "Q: Not Designated Nonemergency/Emergency/Disaster/Wildfire Suppression");
            Set("treasury_accounts_funding_this_award", variant % 3 == 0
                ? $"{funding.AccountAgency}-{year}/{year}-{funding.AccountMain}-000;{funding.AccountAgency}-{year}/{year + 1}-{funding.AccountMain}-000"
                : $"{funding.AccountAgency}-{year}/{year + 1}-{funding.AccountMain}-000");
            Set("federal_accounts_funding_this_award", $"{funding.AccountAgency}-{funding.AccountMain}");
            Set("object_classes_funding_this_award", line.IsService ? "25.2: Other services from non-Federal sources" : "31.0: Equipment");
            Set("program_activities_funding_this_award", funding.ProgramActivity);
        }

        Set("period_of_performance_start_date", Date(award.Start));
        if (award.PotentialEnd is { } potentialEnd)
        {
            Set("period_of_performance_potential_end_date", Date(potentialEnd) + " 00:00:00");
        }

        if (award.OrderingEnd is { } orderingEnd)
        {
            Set("ordering_period_end_date", Date(orderingEnd));
        }

        if (award.SolicitationDate is { } solicited)
        {
            Set("solicitation_date", Date(solicited));
        }

        SetAgency("awarding", award.Awarding, award.Office);
        SetAgency("funding", award.Funding, award.FundingOffice);
        Set("foreign_funding", "X");
        Set("foreign_funding_description", "NOT APPLICABLE");

        Set("recipient_uei", vendor.Uei);
        Set("recipient_name", vendor.Name);
        Set("recipient_name_raw", vendor.ReportedNames[award.NameSpelling]);
        Set("recipient_doing_business_as_name", vendor.DoingBusinessAs);
        Set("cage_code", vendor.Cage);
        Set("recipient_country_code", "USA");
        Set("recipient_country_name", "UNITED STATES");
        Set("recipient_address_line_1", vendor.AddressLine1);
        Set("recipient_address_line_2", vendor.AddressLine2);
        Set("recipient_city_name", vendor.Place.City);
        Set("prime_award_transaction_recipient_county_fips_code", vendor.Place.CountyFips);
        Set("recipient_county_name", vendor.Place.County);
        Set("prime_award_transaction_recipient_state_fips_code", vendor.Place.StateFips);
        Set("recipient_state_code", vendor.Place.StateCode);
        Set("recipient_state_name", vendor.Place.StateName);
        Set("recipient_zip_4_code", vendor.Zip4);
        Set("prime_award_transaction_recipient_cd_original", vendor.Place.CongressionalDistrict);
        Set("prime_award_transaction_recipient_cd_current", vendor.Place.CongressionalDistrict);
        Set("recipient_phone_number", vendor.Phone);
        Set("recipient_fax_number", vendor.Fax);

        if (award.Performance is { } place)
        {
            Set("primary_place_of_performance_country_code", "USA");
            Set("primary_place_of_performance_country_name", "UNITED STATES");
            Set("primary_place_of_performance_city_name", place.City);
            Set("prime_award_transaction_place_of_performance_county_fips_code", place.CountyFips);
            Set("primary_place_of_performance_county_name", place.County);
            Set("prime_award_transaction_place_of_performance_state_fips_code", place.StateFips);
            Set("primary_place_of_performance_state_code", place.StateCode);
            Set("primary_place_of_performance_state_name", place.StateName);
            Set("primary_place_of_performance_zip_4", $"{place.Zip}{variant % 10000:D4}");
            Set("prime_award_transaction_place_of_performance_cd_original", place.CongressionalDistrict);
            Set("prime_award_transaction_place_of_performance_cd_current", place.CongressionalDistrict);
        }

        Set("award_or_idv_flag", isIdv ? "IDV" : "AWARD");
        if (isIdv)
        {
            Set("idv_type_code", award.IdvType!.Code);
            Set("idv_type", award.IdvType.Name);
            Set("multiple_or_single_award_idv_code", award.MultipleAward ? "M" : "S");
            Set("multiple_or_single_award_idv", award.MultipleAward ? "MULTIPLE AWARD" : "SINGLE AWARD");
            if (award.IdvType == IdvType.Idc)
            {
                Set("type_of_idc_code", "B");
                Set("type_of_idc", "INDEFINITE DELIVERY / INDEFINITE QUANTITY");
            }
        }
        else
        {
            var (code, name) = award.Kind switch
            {
                AwardKind.PurchaseOrder => ("B", "PURCHASE ORDER"),
                AwardKind.DefinitiveContract => ("D", "DEFINITIVE CONTRACT"),
                _ => (award.Vehicle!.Type.OrderTypeCode, award.Vehicle.Type.OrderTypeName),
            };
            Set("award_type_code", code);
            Set("award_type", name);
            Set("number_of_actions", "1");
            Set("epa_designated_product_code", "E");
            Set("epa_designated_product", "NOT REQUIRED");
            Set("country_of_product_or_service_origin_code", "USA");
            Set("country_of_product_or_service_origin", "UNITED STATES");
            Set("place_of_manufacture_code", line.IsService ? "C" : "D");
            Set("place_of_manufacture", line.IsService ? "NOT A MANUFACTURED END PRODUCT" : "MFG IN U.S.");
            Set("multi_year_contract_code", "N");
            Set("multi_year_contract", "NO");
            Set("purchase_card_as_payment_method_code", "N");
            Set("purchase_card_as_payment_method", "NO");
        }

        Set("type_of_contract_pricing_code", award.Pricing.Code);
        Set("type_of_contract_pricing", award.Pricing.Name);
        Set("prime_award_base_transaction_description", award.Description);
        Set("solicitation_identifier", award.SolicitationId);
        var critical = variant % 10 == 0;
        Set("inherently_governmental_functions", critical ? "CL,CT" : "OT");
        Set("inherently_governmental_functions_description", critical ? "CLOSELY ASSOCIATED,CRITICAL FUNCTIONS" : "OTHER FUNCTIONS");
        Set("product_or_service_code", line.Psc);
        Set("product_or_service_code_description", line.PscDescription);
        Set("contract_bundling_code", "H");
        Set("contract_bundling", "NOT BUNDLED");
        if (award.Awarding.IsDefense)
        {
            Set("dod_claimant_program_code", line.IsService ? "C9E" : "C9B");
            Set("dod_claimant_program_description", line.IsService ? "OTHER SERVICES" : "OTHER EQUIPMENT");
            Set("dod_acquisition_program_code", "000");
            Set("dod_acquisition_program_description", "NONE");
        }

        Set("naics_code", line.Naics);
        Set("naics_description", line.NaicsDescription);
        Set("recovered_materials_sustainability_code", "C");
        Set("recovered_materials_sustainability", "NO CLAUSES INCLUDED AND NO SUSTAINABILITY INCLUDED");
        Set("domestic_or_foreign_entity_code", "A");
        Set("domestic_or_foreign_entity", "U.S. OWNED BUSINESS");
        if (line.IsIt)
        {
            Set("information_technology_commercial_item_category_code", "A");
            Set("information_technology_commercial_item_category", "COMMERCIALLY AVAILABLE");
        }

        Set("subcontracting_plan_code", vendor.IsSmall ? "B" : "C");
        Set("subcontracting_plan", vendor.IsSmall ? "PLAN NOT REQUIRED" : "PLAN REQUIRED - INCENTIVE NOT INCLUDED");
        var competition = award.Competition;
        Set("extent_competed_code", competition.ExtentCode);
        Set("extent_competed", competition.Extent);
        Set("solicitation_procedures_code", competition.ProcedureCode);
        Set("solicitation_procedures", competition.Procedure);
        Set("type_of_set_aside_code", competition.SetAsideCode);
        Set("type_of_set_aside", competition.SetAside);
        Set("evaluated_preference_code", "NONE");
        Set("evaluated_preference", "NO PREFERENCE USED");
        Set("fair_opportunity_limited_sources_code", competition.FairOpportunityCode);
        Set("fair_opportunity_limited_sources", competition.FairOpportunity);
        Set("other_than_full_and_open_competition_code", competition.ExceptionCode);
        Set("other_than_full_and_open_competition", competition.Exception);
        Set("number_of_offers_received", award.Offers?.ToString(CultureInfo.InvariantCulture));
        var commercial = variant % 4 != 0;
        Set("commercial_item_acquisition_procedures_code", commercial ? "A" : "D");
        Set("commercial_item_acquisition_procedures", commercial ? "COMMERCIAL PRODUCTS/SERVICES" : "COMMERCIAL PRODUCTS/SERVICES PROCEDURES NOT USED");
        Set("small_business_competitiveness_demonstration_program", "f");
        Set("simplified_procedures_for_certain_commercial_items_code", "N");
        Set("simplified_procedures_for_certain_commercial_items", "NO");
        Set("fed_biz_opps_code", competition.FedBizOppsCode);
        Set("fed_biz_opps", competition.FedBizOpps);
        Set("local_area_set_aside_code", "N");
        Set("local_area_set_aside", "NO");
        Set("clinger_cohen_act_planning_code", line.IsIt ? "Y" : "N");
        Set("clinger_cohen_act_planning", line.IsIt ? "YES" : "NO");
        Set("materials_supplies_articles_equipment_code", line.IsService ? "N" : "Y");
        Set("materials_supplies_articles_equipment", line.IsService ? "NO" : "YES");
        Set("labor_standards_code", line.IsService ? "Y" : "N");
        Set("labor_standards", line.IsService ? "YES" : "NO");
        var construction = line.Psc.StartsWith('Y');
        Set("construction_wage_rate_requirements_code", construction ? "Y" : "N");
        Set("construction_wage_rate_requirements", construction ? "YES" : "NO");
        Set("interagency_contracting_authority_code", "X");
        Set("interagency_contracting_authority", "NOT APPLICABLE");
        Set("cost_or_pricing_data_code", "N");
        Set("cost_or_pricing_data", "NO");
        Set("cost_accounting_standards_clause_code", "X");
        Set("cost_accounting_standards_clause", "NOT APPLICABLE EXEMPT FROM CAS");
        Set("government_furnished_property_code", "N");
        Set("government_furnished_property", "TRANSACTION DOES NOT USE GFE/GFP");
        Set("undefinitized_action_code", "X");
        Set("undefinitized_action", "NO");
        Set("consolidated_contract_code", "D");
        Set("consolidated_contract", "NOT CONSOLIDATED");
        var performanceBased = line.IsService && variant % 2 == 0;
        Set("performance_based_service_acquisition_code", !line.IsService ? "X" : performanceBased ? "Y" : "N");
        Set("performance_based_service_acquisition",
            !line.IsService ? "NOT APPLICABLE" : performanceBased ? "YES - SERVICE WHERE PBA IS USED." : "NO - SERVICE WHERE PBA IS NOT USED.");
        Set("contingency_humanitarian_or_peacekeeping_operation_code", "X");
        Set("contingency_humanitarian_or_peacekeeping_operation", "NOT APPLICABLE");

        for (var i = 0; i < BusinessFlags.Columns.Count; i++)
        {
            Set(BusinessFlags.Columns[i], vendor.Flags[i]);
        }

        Set("contracting_officers_determination_of_business_size", vendor.IsSmall ? "SMALL BUSINESS" : "OTHER THAN SMALL BUSINESS");
        Set("contracting_officers_determination_of_business_size_code", vendor.IsSmall ? "S" : "O");
        Set("organizational_type", BusinessFlags.OrganizationalType(vendor.Organization));
        Set("usaspending_permalink", $"https://www.usaspending.gov/award/{award.AwardKey}/");
    }

    /// <summary>The record of one transaction of the award last passed to <see cref="Begin"/>; the array is reused by the next call.</summary>
    public string?[] Render(Award award, ContractAction action)
    {
        Array.Copy(_template, _row, _row.Length);
        var isIdv = award.Kind == AwardKind.Idv;
        _row[_transactionKey] = award.TransactionKey(action);
        _row[_modification] = action.Modification;
        _row[_transactionNumber] = isIdv ? null : "0";
        _row[_obligation] = Money(action.Obligation);
        _row[_totalObligated] = Money(action.TotalObligated);
        _row[_allOptions] = Money(action.AllOptionsChange);
        _row[_potentialTotal] = Money(action.PotentialTotal);
        if (!isIdv)
        {
            _row[_exercised] = Money(action.ExercisedChange);
            _row[_currentTotal] = Money(action.CurrentTotal);
            _row[_currentEnd] = Date(action.CurrentEnd);
        }

        _row[_actionDate] = Date(action.Date);
        _row[_fiscalYear] = FiscalYear(action.Date).ToString(CultureInfo.InvariantCulture);
        _row[_description] = action.Description;
        if (action.ActionTypeCode is { } type)
        {
            _row[_actionTypeCode] = type;
            _row[_actionType] = ActionTypes[type];
        }

        var parent = award.Vendor.ParentOn(action.Date);
        _row[_parentUei] = parent.Uei;
        _row[_parentName] = parent.Name;
        _row[_parentNameRaw] = award.Vendor.ParentReportedName(parent);
        _row[_reported] = Timestamp(action.Reported);
        _row[_modified] = Timestamp(action.Modified);
        return _row;
    }

    private void SetAgency(string role, SubtierAgency subtier, Office office)
    {
        Set($"{role}_agency_code", subtier.Toptier.Code);
        Set($"{role}_agency_name", subtier.Toptier.Name);
        Set($"{role}_sub_agency_code", subtier.Code);
        Set($"{role}_sub_agency_name", subtier.Name);
        Set($"{role}_office_code", office.Code);
        Set($"{role}_office_name", office.Name);
    }

    private void Set(string column, string? value) => _template[IndexOf(column)] = value;

    /// <summary>A number fixed by the PIID, for choices that must not depend on the order records are written in.</summary>
    private static int Stable(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked(hash * 31 + c);
        }

        return hash & int.MaxValue;
    }
}
