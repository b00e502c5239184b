using ContractTracker.Provenance;
using Npgsql;

namespace ContractTracker.Awards;

/// <summary>
/// An award's page: the award, the IDV it is an order under, the orders under it (when it is an IDV, a page at a time), and
/// every action in its history with the file and line it came from. Never reads <c>raw_record</c>, which holds what must
/// not be returned (officer names).
/// </summary>
public sealed class AwardProfiles(NpgsqlDataSource dataSource)
{
    private const string AwardColumns = """
        a.contract_award_unique_key, a.award_or_idv_flag, a.award_id_piid, a.parent_award_id_piid, a.parent_award_agency_id,
        a.parent_award_unique_key, a.award_type_code, a.award_type, a.idv_type_code, a.idv_type,
        a.awarding_agency_code, a.awarding_sub_agency_code, a.awarding_office_code,
        a.funding_agency_code, a.funding_sub_agency_code, a.funding_office_code,
        a.recipient_uei, a.recipient_name, a.recipient_parent_uei, a.recipient_is_sole_proprietorship,
        a.first_action_date, a.last_action_date, a.transaction_count, a.obligated_amount,
        a.current_total_value_of_award, a.potential_total_value_of_award,
        a.description, a.naics_code, a.product_or_service_code, a.latest_transaction_key
        """;

    private const int AwardColumnCount = 30;

    /// <summary>
    /// The awards whose first action falls in the period, optionally of one agency (as of each award's latest action), by
    /// first action date then key, read as the caller consumes them.
    /// </summary>
    public IAsyncEnumerable<Award> NewAwardsAsync(Agencies.AgencyScope? agency, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var command = new NpgsqlBatchCommand($"""
            SELECT {AwardColumns} FROM awards a
            WHERE a.first_action_date BETWEEN @from AND @to {(agency is null ? "" : $"AND a.{agency.Column} = @agency")}
            ORDER BY a.first_action_date, a.contract_award_unique_key
            """);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        if (agency is not null)
        {
            command.Parameters.AddWithValue("agency", agency.Agency.Code);
        }

        return Database.RowStream.ReadAsync(dataSource, command, ReadAward, ct);
    }

    /// <summary>The award with key <paramref name="key"/> (any case), or null when none is known.</summary>
    /// <param name="ordersAfter">Where the previous page of orders ended; null for the first page.</param>
    public async Task<AwardProfile?> GetAsync(string key, int ordersLimit, OrderPosition? ordersAfter, CancellationToken ct)
    {
        key = key.Trim().ToUpperInvariant();
        var after = ordersAfter is null ? "" : "AND (a.first_action_date, a.contract_award_unique_key) > (@after_date, @after_key)";
        await using var command = dataSource.CreateCommand($"""
            SELECT {AwardColumns}, l.naics_description, l.product_or_service_code_description
            FROM awards a LEFT JOIN transactions l ON l.contract_transaction_unique_key = a.latest_transaction_key
            WHERE a.contract_award_unique_key = @key;

            SELECT {AwardColumns}
            FROM awards a
            WHERE a.contract_award_unique_key = (SELECT parent_award_unique_key FROM awards WHERE contract_award_unique_key = @key);

            SELECT {AwardColumns}
            FROM awards a
            WHERE a.parent_award_unique_key = @key {after}
            ORDER BY a.first_action_date, a.contract_award_unique_key
            LIMIT @orders_limit + 1;

            SELECT count(*) FROM awards WHERE parent_award_unique_key = @key;

            SELECT t.contract_transaction_unique_key, t.modification_number, t.transaction_number, t.action_date, t.action_date_fiscal_year,
                   t.action_type_code, t.action_type, t.federal_action_obligation,
                   t.total_dollars_obligated, t.base_and_exercised_options_value, t.current_total_value_of_award,
                   t.base_and_all_options_value, t.potential_total_value_of_award,
                   t.transaction_description, t.last_modified_date, t.import_file_id, t.record_number, t.line_number
            FROM transactions t
            WHERE t.contract_award_unique_key = @key
            ORDER BY t.action_date, t.contract_transaction_unique_key;

            SELECT DISTINCT t.import_file_id
            FROM transactions t
            WHERE t.contract_award_unique_key IN (
                SELECT parent_award_unique_key FROM awards WHERE contract_award_unique_key = @key
                UNION ALL
                (SELECT a.contract_award_unique_key FROM awards a
                 WHERE a.parent_award_unique_key = @key {after}
                 ORDER BY a.first_action_date, a.contract_award_unique_key
                 LIMIT @orders_limit));

            {Citations.DataAsOfSql};
            """);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("orders_limit", ordersLimit);
        if (ordersAfter is not null)
        {
            command.Parameters.AddWithValue("after_date", ordersAfter.FirstActionDate);
            command.Parameters.AddWithValue("after_key", ordersAfter.AwardKey);
        }

        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        var award = ReadAward(reader);
        var naicsDescription = reader.IsDBNull(AwardColumnCount) ? null : reader.GetString(AwardColumnCount);
        var pscDescription = reader.IsDBNull(AwardColumnCount + 1) ? null : reader.GetString(AwardColumnCount + 1);

        await reader.NextResultAsync(ct);
        var parent = await reader.ReadAsync(ct) ? ReadAward(reader) : null;

        await reader.NextResultAsync(ct);
        var orders = new List<Award>();
        while (await reader.ReadAsync(ct))
        {
            orders.Add(ReadAward(reader));
        }

        OrderPosition? next = null;
        if (orders.Count > ordersLimit)
        {
            orders.RemoveAt(orders.Count - 1);
            next = new OrderPosition(orders[^1].FirstActionDate, orders[^1].ContractAwardUniqueKey);
        }

        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        var orderCount = reader.GetInt64(0);

        await reader.NextResultAsync(ct);
        var history = new List<AwardAction>();
        while (await reader.ReadAsync(ct))
        {
            history.Add(ReadAction(reader));
        }

        // The files of the parent IDV's and the page of orders' actions: what their figures stand on.
        await reader.NextResultAsync(ct);
        var files = history.Select(a => a.Source.ImportFileId).ToHashSet();
        while (await reader.ReadAsync(ct))
        {
            files.Add(reader.GetInt64(0));
        }

        var dataAsOf = await Citations.ReadNextDataAsOfAsync(reader, ct);

        return new AwardProfile(
            award, naicsDescription, pscDescription, award.ParentAwardUniqueKey, parent, orders, orderCount, next, history,
            files.Order().ToList(), dataAsOf);
    }

    private static Award ReadAward(NpgsqlDataReader r) => new()
    {
        ContractAwardUniqueKey = r.GetString(0),
        AwardOrIdvFlag = Text(r, 1),
        AwardIdPiid = Text(r, 2),
        ParentAwardIdPiid = Text(r, 3),
        ParentAwardAgencyId = Text(r, 4),
        ParentAwardUniqueKey = Text(r, 5),
        AwardTypeCode = Text(r, 6),
        AwardType = Text(r, 7),
        IdvTypeCode = Text(r, 8),
        IdvType = Text(r, 9),
        AwardingAgencyCode = Text(r, 10),
        AwardingSubAgencyCode = Text(r, 11),
        AwardingOfficeCode = Text(r, 12),
        FundingAgencyCode = Text(r, 13),
        FundingSubAgencyCode = Text(r, 14),
        FundingOfficeCode = Text(r, 15),
        RecipientUei = Text(r, 16),
        RecipientName = Text(r, 17),
        RecipientParentUei = Text(r, 18),
        RecipientIsSoleProprietorship = r.GetBoolean(19),
        FirstActionDate = r.GetFieldValue<DateOnly>(20),
        LastActionDate = r.GetFieldValue<DateOnly>(21),
        TransactionCount = r.GetInt32(22),
        ObligatedAmount = r.GetDecimal(23),
        CurrentTotalValueOfAward = Amount(r, 24),
        PotentialTotalValueOfAward = Amount(r, 25),
        Description = Text(r, 26),
        NaicsCode = Text(r, 27),
        ProductOrServiceCode = Text(r, 28),
        LatestTransactionKey = r.GetString(29),
    };

    private static AwardAction ReadAction(NpgsqlDataReader r) => new(
        r.GetString(0), Text(r, 1), Text(r, 2), r.GetFieldValue<DateOnly>(3), r.GetInt32(4), Text(r, 5), Text(r, 6), r.GetDecimal(7),
        new CumulativeValues(Amount(r, 8), Amount(r, 9), Amount(r, 10), Amount(r, 11), Amount(r, 12)),
        Text(r, 13), r.GetFieldValue<DateTimeOffset>(14), new SourceLine(r.GetInt64(15), r.GetInt64(16), r.GetInt64(17)));

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static decimal? Amount(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDecimal(i);
}

/// <summary>Where a page of orders ended: the last order's first action date and key (the orders' sort order).</summary>
public sealed record OrderPosition(DateOnly FirstActionDate, string AwardKey);

/// <param name="ParentIdvKey">The key of the IDV the award is an order under, whether or not that IDV is in the database.</param>
/// <param name="ParentIdv">That IDV, or null when its records have not been imported.</param>
/// <param name="Orders">A page of the awards under this one (an IDV's orders), by first action date then key.</param>
/// <param name="OrderCount">How many awards are under this one in all.</param>
/// <param name="NextOrders">Where the next page of orders starts, or null on the last page.</param>
/// <param name="History">Every action of the award, by action date then transaction key.</param>
/// <param name="ImportFileIds">The files of the award's actions, of the parent IDV's and of the listed orders'.</param>
/// <param name="DataAsOf">The data's version (<see cref="Citations.DataAsOfSql"/>), read in the same round trip as the award.</param>
public sealed record AwardProfile(
    Award Award, string? NaicsDescription, string? ProductOrServiceCodeDescription, string? ParentIdvKey, Award? ParentIdv,
    IReadOnlyList<Award> Orders, long OrderCount, OrderPosition? NextOrders, IReadOnlyList<AwardAction> History, IReadOnlyList<long> ImportFileIds,
    DateTimeOffset? DataAsOf);

/// <summary>One action (base award or modification) of an award, with the cumulative figures it reported.</summary>
/// <param name="FederalActionObligation">What this action obligated (negative for a de-obligation).</param>
/// <param name="CumulativeAsReported">The award's cumulative values as this action reported them: never to be summed.</param>
public sealed record AwardAction(
    string ContractTransactionUniqueKey, string? ModificationNumber, string? TransactionNumber, DateOnly ActionDate, int FiscalYear,
    string? ActionTypeCode, string? ActionType, decimal FederalActionObligation, CumulativeValues CumulativeAsReported,
    string? Description, DateTimeOffset LastModifiedDate, SourceLine Source);

/// <summary>The source's cumulative columns on one action, under their own names.</summary>
public sealed record CumulativeValues(
    decimal? TotalDollarsObligated, decimal? BaseAndExercisedOptionsValue, decimal? CurrentTotalValueOfAward,
    decimal? BaseAndAllOptionsValue, decimal? PotentialTotalValueOfAward);
