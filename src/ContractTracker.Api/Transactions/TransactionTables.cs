using ContractTracker.Exports;
using ContractTracker.Transactions;

namespace ContractTracker.Api.Transactions;

/// <summary>The transactions list as a file: one row per action, in the source's column names, with its source line.</summary>
internal static class TransactionTables
{
    public static readonly Column<TransactionListRow>[] Columns =
    [
        Column.Identifier<TransactionListRow>("contract_transaction_unique_key", "The transaction's key.", r => r.Key),
        Column.Identifier<TransactionListRow>("contract_award_unique_key", "The award's key.", r => r.AwardKey),
        Column.Identifier<TransactionListRow>("award_id_piid", "The award's PIID.", r => r.Piid),
        Column.Identifier<TransactionListRow>("modification_number", "The modification number.", r => r.ModificationNumber),
        Column.Date<TransactionListRow>("action_date", "The action's date.", r => r.ActionDate),
        Column.Integer<TransactionListRow>("action_date_fiscal_year", "The federal fiscal year of the action date.", r => r.FiscalYear),
        Column.Identifier<TransactionListRow>("action_type_code", "The action type code (blank for a base award).", r => r.ActionTypeCode),
        Column.Text<TransactionListRow>("action_type", "The action type.", r => r.ActionType),
        Column.Amount<TransactionListRow>("federal_action_obligation", "The action's obligation in dollars; negative for a de-obligation.", r => r.FederalActionObligation),
        Column.Identifier<TransactionListRow>("award_type_code", "The award type code (A, B, C, D).", r => r.AwardTypeCode),
        Column.Text<TransactionListRow>("award_type", "The award type.", r => r.AwardType),
        Column.Identifier<TransactionListRow>("idv_type_code", "The IDV type code, for IDVs.", r => r.IdvTypeCode),
        Column.Text<TransactionListRow>("idv_type", "The IDV type.", r => r.IdvType),
        Column.Identifier<TransactionListRow>("recipient_uei", "The recipient's UEI.", r => r.RecipientUei),
        Column.Text<TransactionListRow>("recipient_name", "The recipient's name as reported on this action.", r => r.RecipientName),
        Column.Identifier<TransactionListRow>("recipient_parent_uei", "The parent UEI the recipient reported on this action.", r => r.RecipientParentUei),
        Column.Text<TransactionListRow>("recipient_parent_name", "The parent's name as reported on this action.", r => r.RecipientParentName),
        Column.Identifier<TransactionListRow>("awarding_agency_code", "Awarding toptier agency code.", r => r.Awarding.AgencyCode),
        Column.Text<TransactionListRow>("awarding_agency_name", "Awarding toptier agency.", r => r.Awarding.AgencyName),
        Column.Identifier<TransactionListRow>("awarding_sub_agency_code", "Awarding sub-tier agency code.", r => r.Awarding.SubAgencyCode),
        Column.Text<TransactionListRow>("awarding_sub_agency_name", "Awarding sub-tier agency.", r => r.Awarding.SubAgencyName),
        Column.Identifier<TransactionListRow>("awarding_office_code", "Awarding office code.", r => r.Awarding.OfficeCode),
        Column.Text<TransactionListRow>("awarding_office_name", "Awarding office.", r => r.Awarding.OfficeName),
        Column.Identifier<TransactionListRow>("funding_agency_code", "Funding toptier agency code.", r => r.Funding.AgencyCode),
        Column.Text<TransactionListRow>("funding_agency_name", "Funding toptier agency.", r => r.Funding.AgencyName),
        Column.Identifier<TransactionListRow>("funding_sub_agency_code", "Funding sub-tier agency code.", r => r.Funding.SubAgencyCode),
        Column.Text<TransactionListRow>("funding_sub_agency_name", "Funding sub-tier agency.", r => r.Funding.SubAgencyName),
        Column.Identifier<TransactionListRow>("funding_office_code", "Funding office code.", r => r.Funding.OfficeCode),
        Column.Text<TransactionListRow>("funding_office_name", "Funding office.", r => r.Funding.OfficeName),
        Column.Identifier<TransactionListRow>("naics_code", "NAICS code.", r => r.NaicsCode),
        Column.Text<TransactionListRow>("naics_description", "NAICS description.", r => r.NaicsDescription),
        Column.Identifier<TransactionListRow>("product_or_service_code", "Product or service code (PSC).", r => r.PscCode),
        Column.Text<TransactionListRow>("product_or_service_code_description", "PSC description.", r => r.PscDescription),
        Column.Text<TransactionListRow>("transaction_description", "The action's description.", r => r.TransactionDescription),
        Column.Text<TransactionListRow>("prime_award_base_transaction_description", "The award's base description.", r => r.PrimeAwardBaseTransactionDescription),
        Column.Integer<TransactionListRow>("import_file_id", "The source file the record was loaded from (see citation.txt, or import_files).", r => r.ImportFileId),
        Column.Integer<TransactionListRow>("record_number", "The record's number in that file (1 = first after the header).", r => r.RecordNumber),
        Column.Integer<TransactionListRow>("line_number", "The physical line of that file the record starts on.", r => r.LineNumber),
    ];
}
