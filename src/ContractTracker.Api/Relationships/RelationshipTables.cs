using ContractTracker.Exports;
using ContractTracker.Relationships;

namespace ContractTracker.Api.Relationships;

/// <summary>The relationship answer's tables as files: the series, the awards (orders beneath their IDV) and the events.</summary>
internal static class RelationshipTables
{
    public static readonly string[] Names = ["series", "awards", "events"];

    public static readonly Column<SeriesPoint>[] Series =
    [
        Column.Text<SeriesPoint>("period", "The period: a month (2024-10), a fiscal quarter (FY2025 Q1) or a fiscal year (FY2025).", p => p.Period),
        Column.Date<SeriesPoint>("period_start", "First day of the period.", p => p.Start),
        Column.Date<SeriesPoint>("period_end", "Last day of the period.", p => p.End),
        Column.Amount<SeriesPoint>("obligations_amount", "Sum of the positive federal_action_obligation values in the period.", p => p.Obligations),
        Column.Amount<SeriesPoint>("deobligations_amount", "Sum of the negative federal_action_obligation values in the period (a negative number).", p => p.Deobligations),
        Column.Amount<SeriesPoint>("obligated_amount", "Sum of federal_action_obligation in the period.", p => p.ObligatedAmount),
        Column.Amount<SeriesPoint>("running_obligated_amount", "Sum of federal_action_obligation from the first period through this one.", p => p.RunningTotal),
        Column.Integer<SeriesPoint>("transaction_count", "Transactions (actions) in the period.", p => p.TransactionCount),
    ];

    /// <summary>An award row with the IDV it sits under in the list, if any.</summary>
    public sealed record AwardRow(RelationshipAward Award, string? ListedUnder);

    public static readonly Column<AwardRow>[] Awards =
    [
        Column.Identifier<AwardRow>("contract_award_unique_key", "The award's key.", r => r.Award.Key),
        Column.Identifier<AwardRow>("listed_under_idv_key", "For an order listed beneath an IDV of the relationship, that IDV's key.", r => r.ListedUnder),
        Column.Boolean<AwardRow>("is_idv", "True for an indefinite delivery vehicle (its potential value is a ceiling).", r => r.Award.IsIdv),
        Column.Identifier<AwardRow>("award_id_piid", "The award's PIID.", r => r.Award.Piid),
        Column.Text<AwardRow>("award_type", "The award type as USAspending names it.", r => r.Award.Type),
        Column.Text<AwardRow>("award_description", "The award's description.", r => r.Award.Description),
        Column.Identifier<AwardRow>("recipient_uei", "The recipient's UEI.", r => r.Award.RecipientUei),
        Column.Text<AwardRow>("recipient_name", "The recipient's name as reported.", r => r.Award.RecipientName),
        Column.Amount<AwardRow>("obligated_in_relationship_amount",
            "Sum of federal_action_obligation of the award's actions with this agency in the period (an IDV adds its orders').", r => r.Award.ObligatedInRelationship),
        Column.Integer<AwardRow>("transactions_in_relationship", "The award's actions with this agency in the period.", r => r.Award.TransactionsInRelationship),
        Column.Date<AwardRow>("first_action_date", "The award's first action in the relationship.", r => r.Award.FirstActionDate),
        Column.Date<AwardRow>("last_action_date", "The award's last action in the relationship.", r => r.Award.LastActionDate),
        Column.Amount<AwardRow>("award_obligated_amount", "Sum of federal_action_obligation of all the award's actions, whatever agency or period.", r => r.Award.ObligatedAmount),
        Column.Amount<AwardRow>("current_total_value_of_award", "As of the award's latest action.", r => r.Award.CurrentTotalValueOfAward),
        Column.Amount<AwardRow>("potential_total_value_of_award", "As of the award's latest action; for an IDV, its ceiling (never added to its orders).",
            r => r.Award.PotentialTotalValueOfAward),
        Column.Identifier<AwardRow>("parent_award_key", "The IDV the award was ordered under, if any.", r => r.Award.ParentAwardKey),
    ];

    public static IEnumerable<AwardRow> Flatten(IEnumerable<RelationshipAward> awards)
    {
        foreach (var award in awards)
        {
            yield return new AwardRow(award, null);
            foreach (var order in award.Orders)
            {
                yield return new AwardRow(order, award.Key);
            }
        }
    }

    public static readonly Column<RelationshipEvent>[] Events =
    [
        Column.Date<RelationshipEvent>("action_date", "The action's date.", e => e.ActionDate),
        Column.Identifier<RelationshipEvent>("contract_transaction_unique_key", "The transaction's key.", e => e.TransactionKey),
        Column.Identifier<RelationshipEvent>("contract_award_unique_key", "The award's key.", e => e.AwardKey),
        Column.Identifier<RelationshipEvent>("modification_number", "The modification number (blank or 0 for the base award).", e => e.ModificationNumber),
        Column.Identifier<RelationshipEvent>("action_type_code", "The action type code.", e => e.ActionTypeCode),
        Column.Text<RelationshipEvent>("action_type", "The action type.", e => e.ActionType),
        Column.Amount<RelationshipEvent>("federal_action_obligation", "The action's obligation; negative for a de-obligation.", e => e.FederalActionObligation),
        Column.Text<RelationshipEvent>("transaction_description", "The action's description.", e => e.Description),
        Column.Identifier<RelationshipEvent>("recipient_uei", "The recipient's UEI.", e => e.RecipientUei),
        Column.Text<RelationshipEvent>("recipient_name", "The recipient's name as reported on this action.", e => e.RecipientName),
        Column.Integer<RelationshipEvent>("import_file_id", "The source file the record was loaded from (see citation.txt or import_files).", e => e.Source.ImportFileId),
        Column.Integer<RelationshipEvent>("record_number", "The record's number in that file (1 = first after the header).", e => e.Source.RecordNumber),
        Column.Integer<RelationshipEvent>("line_number", "The physical line of the file the record starts on.", e => e.Source.LineNumber),
    ];
}
