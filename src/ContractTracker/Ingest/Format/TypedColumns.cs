namespace ContractTracker.Ingest.Format;

public enum ColumnKind
{
    /// <summary>A record key, compared upper-cased (<c>-none-</c> = <c>-NONE-</c>).</summary>
    Key,
    Text,
    /// <summary><c>numeric(23,2)</c>.</summary>
    Amount,
    /// <summary><c>yyyy-MM-dd</c>.</summary>
    Date,
    /// <summary><c>yyyy-MM-dd</c> or <c>yyyy-MM-dd HH:mm:ss</c>, kept as a date.</summary>
    DateWithOptionalTime,
    /// <summary><c>yyyy-MM-dd HH:mm:ss+00</c>.</summary>
    Timestamp,
    FiscalYear,
    /// <summary><c>t</c>/<c>f</c>/<c>true</c>/<c>false</c>.</summary>
    Flag,
    /// <summary>A toptier agency code: 3 (CGAC) or 4 (FREC) characters.</summary>
    ToptierCode,
    /// <summary>A sub-tier agency code: 4 characters.</summary>
    SubtierCode,
}

/// <summary>A source column that is also stored as a typed column of <c>transactions</c>, under the same name.</summary>
public sealed record TypedColumn(string Name, ColumnKind Kind, bool Required = false);

/// <summary>
/// The columns of <c>transactions</c> beside the raw record, in table order. The importer's COPY, its validation and
/// the entity <see cref="Transactions.ContractTransaction"/> all follow this list; a test keeps them in step.
/// </summary>
public static class TypedColumns
{
    public static readonly TypedColumn TransactionKey = new("contract_transaction_unique_key", ColumnKind.Key, Required: true);
    public static readonly TypedColumn AwardKey = new("contract_award_unique_key", ColumnKind.Key, Required: true);
    public static readonly TypedColumn ActionDate = new("action_date", ColumnKind.Date, Required: true);
    public static readonly TypedColumn ActionDateFiscalYear = new("action_date_fiscal_year", ColumnKind.FiscalYear);
    public static readonly TypedColumn LastModifiedDate = new("last_modified_date", ColumnKind.Timestamp, Required: true);

    public static readonly IReadOnlyList<TypedColumn> All =
    [
        TransactionKey,
        AwardKey,
        new("award_id_piid", ColumnKind.Text),
        new("modification_number", ColumnKind.Text),
        new("transaction_number", ColumnKind.Text),
        new("parent_award_agency_id", ColumnKind.Text),
        new("parent_award_id_piid", ColumnKind.Text),
        new("federal_action_obligation", ColumnKind.Amount, Required: true),
        new("total_dollars_obligated", ColumnKind.Amount),
        new("total_outlayed_amount_for_overall_award", ColumnKind.Amount),
        new("base_and_exercised_options_value", ColumnKind.Amount),
        new("current_total_value_of_award", ColumnKind.Amount),
        new("base_and_all_options_value", ColumnKind.Amount),
        new("potential_total_value_of_award", ColumnKind.Amount),
        ActionDate,
        ActionDateFiscalYear,
        new("period_of_performance_start_date", ColumnKind.Date),
        new("period_of_performance_current_end_date", ColumnKind.Date),
        new("period_of_performance_potential_end_date", ColumnKind.DateWithOptionalTime),
        new("ordering_period_end_date", ColumnKind.DateWithOptionalTime),
        new("solicitation_date", ColumnKind.Date),
        new("awarding_agency_code", ColumnKind.ToptierCode),
        new("awarding_agency_name", ColumnKind.Text),
        new("awarding_sub_agency_code", ColumnKind.SubtierCode),
        new("awarding_sub_agency_name", ColumnKind.Text),
        new("awarding_office_code", ColumnKind.Text),
        new("awarding_office_name", ColumnKind.Text),
        new("funding_agency_code", ColumnKind.ToptierCode),
        new("funding_agency_name", ColumnKind.Text),
        new("funding_sub_agency_code", ColumnKind.SubtierCode),
        new("funding_sub_agency_name", ColumnKind.Text),
        new("funding_office_code", ColumnKind.Text),
        new("funding_office_name", ColumnKind.Text),
        new("recipient_uei", ColumnKind.Text),
        new("recipient_duns", ColumnKind.Text),
        new("recipient_name", ColumnKind.Text),
        new("recipient_name_raw", ColumnKind.Text),
        new("cage_code", ColumnKind.Text),
        new("recipient_parent_uei", ColumnKind.Text),
        new("recipient_parent_duns", ColumnKind.Text),
        new("recipient_parent_name", ColumnKind.Text),
        new("recipient_country_code", ColumnKind.Text),
        new("recipient_state_code", ColumnKind.Text),
        new("primary_place_of_performance_country_code", ColumnKind.Text),
        new("primary_place_of_performance_state_code", ColumnKind.Text),
        new("sole_proprietorship", ColumnKind.Flag),
        new("award_or_idv_flag", ColumnKind.Text),
        new("award_type_code", ColumnKind.Text),
        new("award_type", ColumnKind.Text),
        new("idv_type_code", ColumnKind.Text),
        new("idv_type", ColumnKind.Text),
        new("type_of_contract_pricing_code", ColumnKind.Text),
        new("type_of_contract_pricing", ColumnKind.Text),
        new("transaction_description", ColumnKind.Text),
        new("prime_award_base_transaction_description", ColumnKind.Text),
        new("action_type_code", ColumnKind.Text),
        new("action_type", ColumnKind.Text),
        new("product_or_service_code", ColumnKind.Text),
        new("product_or_service_code_description", ColumnKind.Text),
        new("naics_code", ColumnKind.Text),
        new("naics_description", ColumnKind.Text),
        new("extent_competed_code", ColumnKind.Text),
        new("extent_competed", ColumnKind.Text),
        new("initial_report_date", ColumnKind.Timestamp),
        LastModifiedDate,
    ];

    /// <summary>The position of a typed column in <see cref="All"/>.</summary>
    public static int IndexOf(string name)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (All[i].Name == name)
            {
                return i;
            }
        }

        throw new ArgumentException($"{name} is not a typed column", nameof(name));
    }

    /// <summary>The provenance columns that follow the typed ones in <c>transactions</c>.</summary>
    public static readonly IReadOnlyList<string> Provenance =
        ["import_file_id", "record_number", "line_number", "content_hash", "raw_record"];
}
