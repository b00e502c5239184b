namespace ContractTracker.Benchmarks.Generator;

/// <summary>
/// Turns the transactions of the full file into the rows of a monthly Delta file published after it (USASPENDING_FORMAT.md
/// section 3): most are upserts with a blank <c>correction_delete_ind</c> (re-sent as they were, or modified with a newer
/// <c>last_modified_date</c>), some are <c>C</c> corrections, and a few are <c>D</c> deletions. Delete rows carry only
/// the key parts and a date-only <c>last_modified_date</c>, and come last, ordered by date, as USAspending appends them.
/// Choices come from their own <see cref="Random"/>, so the transactions are those of the full file with the same seed.
/// </summary>
internal sealed class DeltaChanges(int seed, DateOnly publishedAfter, RecordLayout layout)
{
    private const double DeleteShare = 0.03, CorrectionShare = 0.07, ModifiedShare = 0.45;

    private readonly Random _random = new(seed ^ 0x0DE17A);
    private readonly List<(DateOnly Day, string?[] Row)> _deletions = [];
    private readonly int _modified = layout.IndexOf("last_modified_date");
    private readonly int _description = layout.IndexOf("transaction_description");

    /// <summary>Rewrites <paramref name="row"/> as a delta upsert, or keeps its deletion for <see cref="Deletions"/>; false for a deletion.</summary>
    public bool Apply(string?[] row, Award award, ContractAction action)
    {
        var roll = _random.NextDouble();
        if (roll < DeleteShare)
        {
            var day = publishedAfter.AddDays(1 + _random.Next(30));
            _deletions.Add((day, DeleteRow(award, action, day)));
            return false;
        }

        row[0] = roll < DeleteShare + CorrectionShare ? "C" : null;
        row[1] = award.Awarding.Code;
        if (roll < DeleteShare + CorrectionShare + ModifiedShare)
        {
            var modified = publishedAfter.AddDays(1 + _random.Next(30)).ToDateTime(new TimeOnly(_random.Next(24), _random.Next(60), _random.Next(60)));
            row[_modified] = RecordLayout.Timestamp(modified);
        }

        if (row[0] == "C")
        {
            row[_description] += " (CORRECTED)";
        }

        return true;
    }

    public IEnumerable<string?[]> Deletions => _deletions.OrderBy(d => d.Day).Select(d => d.Row);

    /// <summary>The key split into its parts, <c>-NONE-</c> parts left empty, everything else empty.</summary>
    private string?[] DeleteRow(Award award, ContractAction action, DateOnly day)
    {
        var isIdv = award.Kind == AwardKind.Idv;
        var row = new string?[layout.Header.Count];
        row[0] = "D";
        row[1] = award.Awarding.Code;
        row[layout.IndexOf("contract_transaction_unique_key")] = award.TransactionKey(action);
        row[layout.IndexOf("award_id_piid")] = award.Piid;
        row[layout.IndexOf("modification_number")] = action.Modification;
        row[layout.IndexOf("transaction_number")] = isIdv ? null : "0";
        row[layout.IndexOf("parent_award_agency_id")] = isIdv ? null : award.Vehicle?.AgencyId;
        row[layout.IndexOf("parent_award_id_piid")] = isIdv ? null : award.Vehicle?.Piid;
        row[_modified] = RecordLayout.Date(day);
        return row;
    }
}
