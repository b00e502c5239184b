using ContractTracker.Awards;
using ContractTracker.Exports;

namespace ContractTracker.Api.Awards;

/// <summary>The award answer's lists as files: its modification history and, for an IDV, its orders.</summary>
internal static class AwardTables
{
    public static readonly string[] Names = ["transactions", "orders"];

    public static readonly Column<AwardAction>[] History =
    [
        Column.Date<AwardAction>("action_date", "The action's date.", a => a.ActionDate),
        Column.Identifier<AwardAction>("contract_transaction_unique_key", "The transaction's key.", a => a.ContractTransactionUniqueKey),
        Column.Identifier<AwardAction>("modification_number", "The modification number (blank or 0 for the base award).", a => a.ModificationNumber),
        Column.Identifier<AwardAction>("transaction_number", "The transaction number.", a => a.TransactionNumber),
        Column.Integer<AwardAction>("action_date_fiscal_year", "The federal fiscal year of the action.", a => a.FiscalYear),
        Column.Identifier<AwardAction>("action_type_code", "The action type code.", a => a.ActionTypeCode),
        Column.Text<AwardAction>("action_type", "The action type.", a => a.ActionType),
        Column.Amount<AwardAction>("federal_action_obligation", "The action's obligation; negative for a de-obligation.", a => a.FederalActionObligation),
        Column.Amount<AwardAction>("total_dollars_obligated", "Cumulative, as this action reported it (never summed).", a => a.CumulativeAsReported.TotalDollarsObligated),
        Column.Amount<AwardAction>("base_and_exercised_options_value", "Cumulative, as this action reported it.", a => a.CumulativeAsReported.BaseAndExercisedOptionsValue),
        Column.Amount<AwardAction>("current_total_value_of_award", "Cumulative, as this action reported it.", a => a.CumulativeAsReported.CurrentTotalValueOfAward),
        Column.Amount<AwardAction>("base_and_all_options_value", "Cumulative, as this action reported it.", a => a.CumulativeAsReported.BaseAndAllOptionsValue),
        Column.Amount<AwardAction>("potential_total_value_of_award", "Cumulative, as this action reported it.", a => a.CumulativeAsReported.PotentialTotalValueOfAward),
        Column.Text<AwardAction>("transaction_description", "The action's description.", a => a.Description),
        Column.Timestamp<AwardAction>("last_modified_date", "When USAspending last changed the record (UTC).", a => a.LastModifiedDate),
        Column.Integer<AwardAction>("import_file_id", "The source file the record was loaded from (see citation.txt, or import_files).", a => a.Source.ImportFileId),
        Column.Integer<AwardAction>("record_number", "The record's number in that file.", a => a.Source.RecordNumber),
        Column.Integer<AwardAction>("line_number", "The physical line of that file the record starts on.", a => a.Source.LineNumber),
    ];

    public static readonly Column<AwardSummary>[] Orders =
    [
        Column.Identifier<AwardSummary>("contract_award_unique_key", "The order's key.", o => o.ContractAwardUniqueKey),
        Column.Identifier<AwardSummary>("award_id_piid", "The order's PIID.", o => o.Piid),
        Column.Identifier<AwardSummary>("award_type_code", "The award type code.", o => o.Type.Code),
        Column.Text<AwardSummary>("award_type", "The award type.", o => o.Type.Text),
        Column.Identifier<AwardSummary>("awarding_sub_agency_code", "The awarding sub-tier as of the latest action.", o => o.AwardingSubtier?.Code),
        Column.Identifier<AwardSummary>("funding_sub_agency_code", "The funding sub-tier as of the latest action.", o => o.FundingSubtier?.Code),
        Column.Identifier<AwardSummary>("recipient_uei", "The recipient's UEI.", o => o.Recipient.Uei),
        Column.Text<AwardSummary>("recipient_name", "The recipient's name.", o => o.Recipient.Name),
        Column.Date<AwardSummary>("first_action_date", "The order's first action.", o => o.FirstActionDate),
        Column.Date<AwardSummary>("latest_action_date", "The order's latest action.", o => o.LatestActionDate),
        Column.Integer<AwardSummary>("transaction_count", "The order's actions.", o => o.TransactionCount),
        Column.Amount<AwardSummary>("obligated_amount", "Sum of federal_action_obligation over the order's actions.", o => o.ObligatedAmount),
        Column.Amount<AwardSummary>("current_total_value_of_award", "As of the order's latest action.", o => o.CurrentTotalValueOfAwardAsOfLatestAction),
        Column.Amount<AwardSummary>("potential_total_value_of_award", "As of the order's latest action.", o => o.PotentialTotalValueOfAwardAsOfLatestAction),
        Column.Text<AwardSummary>("description", "The order's description.", o => o.Description),
    ];
}
