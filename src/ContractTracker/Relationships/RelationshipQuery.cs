using ContractTracker.Provenance;
using ContractTracker.Agencies;
using ContractTracker.Database;
using ContractTracker.Vendors;
using Npgsql;
using NpgsqlTypes;

namespace ContractTracker.Relationships;

public enum SeriesInterval
{
    Month,
    /// <summary>Federal fiscal quarters: Q1 is October to December.</summary>
    Quarter,
    FiscalYear,
}

/// <summary>A vendor with an agency: what the relationship endpoint asks.</summary>
/// <param name="AwardsAfter">Keyset of the awards page: the (obligated amount, award key) of the last award of the previous page.</param>
/// <param name="EventsAfter">Keyset of the events page: the (action date, transaction key) of the last event of the previous page.</param>
public sealed record RelationshipRequest(
    VendorScope Vendor, AgencyScope Agency, DateOnly? From, DateOnly? To, SeriesInterval Interval,
    int AwardsLimit, (decimal Obligated, string Key)? AwardsAfter, int EventsLimit, (DateOnly Date, string Key)? EventsAfter);

/// <summary>
/// The relationship between a vendor and an agency over time, from the vendor's covering indexes on
/// <c>transactions</c> (the aggregates never visit the ~3 KB rows) and the derived <c>awards</c> table.
/// </summary>
public sealed class RelationshipQuery(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "t.action_date, t.contract_award_unique_key AS award_key, t.federal_action_obligation AS amount, t.import_file_id";

    public async Task<Relationship> RunAsync(RelationshipRequest request, CancellationToken ct)
    {
        var condition = Condition(request);
        var period = request.Interval switch
        {
            SeriesInterval.Month => "date_trunc('month', x.action_date)::date",
            SeriesInterval.Quarter => "date_trunc('quarter', x.action_date)::date",
            _ => "make_date(extract(year FROM x.action_date + interval '3 months')::int - 1, 10, 1)",
        };

        // One pass over the vendor's index entries gives the series (by period), the awards (by award) and the source
        // files (by file); the events page is a second, ordered and limited, read.
        await using var batch = dataSource.CreateBatch();
        var aggregate = new NpgsqlBatchCommand($"""
            SELECT CASE WHEN grouping({period}) = 0 THEN 0 WHEN grouping(x.award_key) = 0 THEN 1 ELSE 2 END,
                   {period}, x.award_key, x.import_file_id,
                   coalesce(sum(x.amount) FILTER (WHERE x.amount > 0), 0), coalesce(sum(x.amount) FILTER (WHERE x.amount < 0), 0),
                   count(*), min(x.action_date), max(x.action_date)
            FROM ({request.Vendor.SelectTransactions(Columns, condition)}) x
            GROUP BY GROUPING SETS (({period}), (x.award_key), (x.import_file_id))
            """);
        var events = EventsCommand(request, condition, request.EventsLimit + 1);
        AddScope(aggregate.Parameters, request);
        batch.BatchCommands.Add(aggregate);
        batch.BatchCommands.Add(events);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(Citations.DataAsOfSql));

        var periods = new List<(DateOnly Start, decimal Positive, decimal Negative, int Count)>();
        var awards = new Dictionary<string, AwardActivity>(StringComparer.Ordinal);
        var files = new List<long>();
        DateOnly? first = null, last = null;
        var eventRows = new List<RelationshipEvent>();
        DateTimeOffset? dataAsOf;
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var kind = reader.GetInt32(0);
                var positive = reader.GetDecimal(4);
                var negative = reader.GetDecimal(5);
                var count = (int)reader.GetInt64(6);
                var firstDate = reader.GetFieldValue<DateOnly>(7);
                var lastDate = reader.GetFieldValue<DateOnly>(8);
                switch (kind)
                {
                    case 0:
                        periods.Add((reader.GetFieldValue<DateOnly>(1), positive, negative, count));
                        first = first is null || firstDate < first ? firstDate : first;
                        last = last is null || lastDate > last ? lastDate : last;
                        break;
                    case 1:
                        awards[reader.GetString(2)] = new AwardActivity(positive + negative, count, firstDate, lastDate);
                        break;
                    default:
                        files.Add(reader.GetInt64(3));
                        break;
                }
            }

            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                eventRows.Add(Event(reader));
            }

            dataAsOf = await Citations.ReadNextDataAsOfAsync(reader, ct);
        }

        var awardRows = await AwardsAsync(awards, ct);
        var series = Series(periods, request.Interval, request.From, request.To);
        var inRelationship = awardRows.Values.Where(a => awards.ContainsKey(a.Key)).ToList();
        var summary = new RelationshipSummary(
            first, last,
            AwardCount: inRelationship.Count,
            IdvCount: inRelationship.Count(a => a.IsIdv),
            TransactionCount: periods.Sum(p => p.Count),
            ObligatedAmount: periods.Sum(p => p.Positive + p.Negative),
            ObligationsAmount: periods.Sum(p => p.Positive),
            DeobligationsAmount: periods.Sum(p => p.Negative),
            CurrentTotalValueOfAwards: inRelationship.Where(a => !a.IsIdv).Sum(a => a.CurrentTotalValueOfAward ?? 0),
            PotentialTotalValueOfAwards: inRelationship.Where(a => !a.IsIdv).Sum(a => a.PotentialTotalValueOfAward ?? 0),
            IdvCeilingAmount: inRelationship.Where(a => a.IsIdv).Sum(a => a.PotentialTotalValueOfAward ?? 0));

        var (page, nextAwards) = AwardsPage(awards, awardRows, request.AwardsLimit, request.AwardsAfter);
        var nextEvent = eventRows.Count > request.EventsLimit ? eventRows[request.EventsLimit - 1] : null;
        return new Relationship(
            summary, series, page, inRelationship.Count(a => TopLevel(a, awards)), nextAwards,
            eventRows.Take(request.EventsLimit).ToList(), nextEvent is null ? null : (nextEvent.ActionDate, nextEvent.TransactionKey),
            files, dataAsOf);
    }

    /// <summary>
    /// Every event of the relationship from <see cref="RelationshipRequest.EventsAfter"/> on, in date order, read as the
    /// caller consumes them (for exports of any length); cancelling the enumeration cancels the query.
    /// </summary>
    public IAsyncEnumerable<RelationshipEvent> EventsAsync(RelationshipRequest request, CancellationToken ct) =>
        RowStream.ReadAsync(dataSource, EventsCommand(request, Condition(request), limit: null), Event, ct);

    private static string Condition(RelationshipRequest request) =>
        $"t.{request.Agency.Column} = @agency AND (@from::date IS NULL OR t.action_date >= @from) AND (@to::date IS NULL OR t.action_date <= @to)";

    private static NpgsqlBatchCommand EventsCommand(RelationshipRequest request, string condition, int? limit)
    {
        var eventsCondition = condition + " AND (@after_date::date IS NULL OR (t.action_date, t.contract_transaction_unique_key) > (@after_date, @after_key))";
        var events = new NpgsqlBatchCommand(request.Vendor.SelectInDateOrder("""
            e.contract_transaction_unique_key, e.contract_award_unique_key, e.action_date, e.modification_number,
            e.action_type_code, e.action_type, e.federal_action_obligation, e.transaction_description,
            e.recipient_uei, e.recipient_name, e.import_file_id, e.record_number, e.line_number
            """, eventsCondition, limit is null ? null : "@events_limit"));
        AddScope(events.Parameters, request);
        events.Parameters.Add(new NpgsqlParameter("after_date", NpgsqlDbType.Date) { Value = (object?)request.EventsAfter?.Date ?? DBNull.Value });
        events.Parameters.Add(new NpgsqlParameter("after_key", NpgsqlDbType.Text) { Value = (object?)request.EventsAfter?.Key ?? DBNull.Value });
        if (limit is { } n)
        {
            events.Parameters.AddWithValue("events_limit", n);
        }

        return events;
    }

    private static void AddScope(NpgsqlParameterCollection parameters, RelationshipRequest request)
    {
        request.Vendor.AddParameters(parameters);
        parameters.AddWithValue("agency", request.Agency.Agency.Code);
        parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.Date) { Value = (object?)request.From ?? DBNull.Value });
        parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.Date) { Value = (object?)request.To ?? DBNull.Value });
    }

    private static RelationshipEvent Event(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateOnly>(2), Text(reader, 3), Text(reader, 4), Text(reader, 5),
        reader.GetDecimal(6), Text(reader, 7), Text(reader, 8), Text(reader, 9),
        new SourceLine(reader.GetInt64(10), reader.GetInt64(11), reader.GetInt64(12)));

    private sealed record AwardActivity(decimal Obligated, int Transactions, DateOnly First, DateOnly Last);

    private sealed record AwardRow(
        string Key, bool IsIdv, string? Piid, string? AwardType, string? IdvType, string? ParentAwardKey, string? Description,
        string? RecipientUei, string? RecipientName, decimal ObligatedAmount, decimal? CurrentTotalValueOfAward,
        decimal? PotentialTotalValueOfAward, DateOnly FirstActionDate, DateOnly LastActionDate);

    /// <summary>The awards of the relationship, and the parent IDVs their orders name that are not among them.</summary>
    private async Task<Dictionary<string, AwardRow>> AwardsAsync(Dictionary<string, AwardActivity> activity, CancellationToken ct)
    {
        var rows = new Dictionary<string, AwardRow>(StringComparer.Ordinal);
        if (activity.Count == 0)
        {
            return rows;
        }

        await using var command = dataSource.CreateCommand("""
            WITH keys AS (SELECT unnest(@keys) AS key),
            own AS (SELECT a.* FROM awards a JOIN keys k ON k.key = a.contract_award_unique_key),
            parents AS (SELECT a.* FROM awards a WHERE a.contract_award_unique_key IN (SELECT parent_award_unique_key FROM own)
                          AND a.contract_award_unique_key NOT IN (SELECT key FROM keys))
            SELECT contract_award_unique_key, award_or_idv_flag = 'IDV', award_id_piid, award_type, idv_type, parent_award_unique_key,
                   description, recipient_uei, recipient_name, obligated_amount, current_total_value_of_award,
                   potential_total_value_of_award, first_action_date, last_action_date
            FROM (SELECT * FROM own UNION ALL SELECT * FROM parents) a
            """);
        command.Parameters.AddWithValue("keys", activity.Keys.ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var row = new AwardRow(
                reader.GetString(0), !reader.IsDBNull(1) && reader.GetBoolean(1), Text(reader, 2), Text(reader, 3), Text(reader, 4), Text(reader, 5),
                Text(reader, 6), Text(reader, 7), Text(reader, 8), reader.GetDecimal(9), Amount(reader, 10), Amount(reader, 11),
                reader.GetFieldValue<DateOnly>(12), reader.GetFieldValue<DateOnly>(13));
            rows[row.Key] = row;
        }

        return rows;
    }

    /// <summary>An award shows at the top level unless it is an order under an IDV that is itself in the relationship.</summary>
    private static bool TopLevel(AwardRow award, Dictionary<string, AwardActivity> activity) =>
        award.ParentAwardKey is null || !activity.ContainsKey(award.ParentAwardKey);

    /// <summary>
    /// Top-level awards by obligations in the relationship (an IDV counts its orders'), largest first, with the orders of
    /// each IDV beneath it. Orders whose IDV is not in the relationship stand at the top level and name their IDV.
    /// </summary>
    private static (IReadOnlyList<RelationshipAward> Page, (decimal Obligated, string Key)? Next) AwardsPage(
        Dictionary<string, AwardActivity> activity, Dictionary<string, AwardRow> rows, int limit, (decimal Obligated, string Key)? after)
    {
        RelationshipAward Build(AwardRow row, IReadOnlyList<RelationshipAward> orders)
        {
            var own = activity.GetValueOrDefault(row.Key);
            var parent = row.ParentAwardKey is { } key && rows.TryGetValue(key, out var p) && !activity.ContainsKey(key) ? p : null;
            return new RelationshipAward(
                row.Key, row.IsIdv, row.Piid, row.AwardType ?? row.IdvType, row.Description, row.RecipientUei, row.RecipientName,
                (own?.Obligated ?? 0) + orders.Sum(o => o.ObligatedInRelationship), (own?.Transactions ?? 0) + orders.Sum(o => o.TransactionsInRelationship),
                own?.First, own?.Last, row.ObligatedAmount, row.CurrentTotalValueOfAward, row.PotentialTotalValueOfAward,
                row.ParentAwardKey, parent is null ? null : new ParentAwardSummary(parent.Key, parent.Piid, parent.RecipientName, parent.PotentialTotalValueOfAward),
                orders);
        }

        var inRelationship = rows.Values.Where(r => activity.ContainsKey(r.Key)).ToList();
        var ordersByIdv = inRelationship
            .Where(r => r.ParentAwardKey is not null && activity.ContainsKey(r.ParentAwardKey))
            .GroupBy(r => r.ParentAwardKey!)
            .ToDictionary(g => g.Key, g => g.Select(o => Build(o, [])).OrderByDescending(o => o.ObligatedInRelationship).ThenBy(o => o.Key, StringComparer.Ordinal).ToList());
        var top = inRelationship
            .Where(r => TopLevel(r, activity))
            .Select(r => Build(r, ordersByIdv.GetValueOrDefault(r.Key) ?? []))
            .OrderByDescending(a => a.ObligatedInRelationship).ThenBy(a => a.Key, StringComparer.Ordinal)
            .Where(a => after is not { } k || a.ObligatedInRelationship < k.Obligated
                || (a.ObligatedInRelationship == k.Obligated && string.CompareOrdinal(a.Key, k.Key) > 0))
            .ToList();
        var page = top.Take(limit).ToList();
        return (page, top.Count > limit ? (page[^1].ObligatedInRelationship, page[^1].Key) : null);
    }

    /// <summary>Every period from the first to the last (or the requested range), empty ones as zeros, with the running total.</summary>
    private static IReadOnlyList<SeriesPoint> Series(
        List<(DateOnly Start, decimal Positive, decimal Negative, int Count)> periods, SeriesInterval interval, DateOnly? from, DateOnly? to)
    {
        if (periods.Count == 0 && (from is null || to is null))
        {
            return [];
        }

        var byStart = periods.ToDictionary(p => p.Start);
        var start = PeriodStart(from ?? periods.Min(p => p.Start), interval);
        var end = PeriodStart(to ?? periods.Max(p => p.Start), interval);
        var points = new List<SeriesPoint>();
        decimal running = 0;
        for (var s = start; s <= end; s = Next(s, interval))
        {
            var (_, positive, negative, count) = byStart.GetValueOrDefault(s);
            running += positive + negative;
            points.Add(new SeriesPoint(Label(s, interval), s, Next(s, interval).AddDays(-1), positive, negative, positive + negative, running, count));
        }

        return points;
    }

    public static DateOnly PeriodStart(DateOnly date, SeriesInterval interval) => interval switch
    {
        SeriesInterval.Month => new DateOnly(date.Year, date.Month, 1),
        SeriesInterval.Quarter => new DateOnly(date.Year, (date.Month - 1) / 3 * 3 + 1, 1),
        _ => new DateOnly(date.Month >= 10 ? date.Year : date.Year - 1, 10, 1),
    };

    private static DateOnly Next(DateOnly start, SeriesInterval interval) => interval switch
    {
        SeriesInterval.Month => start.AddMonths(1),
        SeriesInterval.Quarter => start.AddMonths(3),
        _ => start.AddYears(1),
    };

    private static string Label(DateOnly start, SeriesInterval interval)
    {
        var fiscalYear = start.Month >= 10 ? start.Year + 1 : start.Year;
        return interval switch
        {
            SeriesInterval.Month => $"{start:yyyy-MM}",
            SeriesInterval.Quarter => $"FY{fiscalYear} Q{(start.Month + 2) % 12 / 3 + 1}",
            _ => $"FY{fiscalYear}",
        };
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static decimal? Amount(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDecimal(ordinal);
}

/// <summary>The answer: summary, series, awards and events of one vendor with one agency.</summary>
public sealed record Relationship(
    RelationshipSummary Summary, IReadOnlyList<SeriesPoint> Series,
    IReadOnlyList<RelationshipAward> Awards, int TopLevelAwardCount, (decimal Obligated, string Key)? NextAwards,
    IReadOnlyList<RelationshipEvent> Events, (DateOnly Date, string Key)? NextEvent,
    IReadOnlyList<long> ImportFileIds, DateTimeOffset? DataAsOf);

/// <param name="ObligatedAmount">Sum of <c>federal_action_obligation</c>: obligations less de-obligations.</param>
/// <param name="ObligationsAmount">Sum of the positive <c>federal_action_obligation</c>s.</param>
/// <param name="DeobligationsAmount">Sum of the negative ones, as a negative number.</param>
/// <param name="CurrentTotalValueOfAwards">Sum over the relationship's awards (not IDVs) of <c>current_total_value_of_award</c> as of each award's latest action.</param>
/// <param name="PotentialTotalValueOfAwards">The same for <c>potential_total_value_of_award</c>.</param>
/// <param name="IdvCeilingAmount">Sum of the IDVs' potential values (their ceilings), kept apart: orders under them are already counted.</param>
public sealed record RelationshipSummary(
    DateOnly? FirstActionDate, DateOnly? LastActionDate, int AwardCount, int IdvCount, int TransactionCount,
    decimal ObligatedAmount, decimal ObligationsAmount, decimal DeobligationsAmount,
    decimal CurrentTotalValueOfAwards, decimal PotentialTotalValueOfAwards, decimal IdvCeilingAmount);

/// <param name="Obligations">Positive obligations in the period.</param>
/// <param name="Deobligations">De-obligations in the period, as a negative number.</param>
/// <param name="ObligatedAmount">Obligations plus de-obligations.</param>
/// <param name="RunningTotal">Obligated amount from the first period through this one.</param>
public sealed record SeriesPoint(
    string Period, DateOnly Start, DateOnly End, decimal Obligations, decimal Deobligations, decimal ObligatedAmount, decimal RunningTotal,
    int TransactionCount);

/// <param name="ObligatedInRelationship">Sum of <c>federal_action_obligation</c> of the award's actions in the relationship (an IDV adds its orders').</param>
/// <param name="ObligatedAmount">The award's whole obligated amount, whatever agency or period.</param>
public sealed record RelationshipAward(
    string Key, bool IsIdv, string? Piid, string? Type, string? Description, string? RecipientUei, string? RecipientName,
    decimal ObligatedInRelationship, int TransactionsInRelationship, DateOnly? FirstActionDate, DateOnly? LastActionDate,
    decimal ObligatedAmount, decimal? CurrentTotalValueOfAward, decimal? PotentialTotalValueOfAward,
    string? ParentAwardKey, ParentAwardSummary? ParentAward, IReadOnlyList<RelationshipAward> Orders);

/// <summary>The IDV an order was placed under, when that IDV is outside the relationship (another agency or vendor).</summary>
public sealed record ParentAwardSummary(string Key, string? Piid, string? RecipientName, decimal? CeilingAmount);

/// <summary>One modification of one award, with the file and line it came from.</summary>
public sealed record RelationshipEvent(
    string TransactionKey, string AwardKey, DateOnly ActionDate, string? ModificationNumber, string? ActionTypeCode, string? ActionType,
    decimal FederalActionObligation, string? Description, string? RecipientUei, string? RecipientName, SourceLine Source);
