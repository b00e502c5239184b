using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using ContractTracker.Agencies;
using ContractTracker.Database;
using ContractTracker.Provenance;
using ContractTracker.Vendors;
using Npgsql;
using NpgsqlTypes;

namespace ContractTracker.Transactions;

/// <summary>
/// Lists contract actions matching a filter, one keyset page at a time. A page is read by walking index ranges in the
/// sort's order: the vendor's (one per family branch), a sub-tier agency's, or the dates alone, and one per sub-tier for a
/// toptier agency or an office. Every range is ordered and limited on its own and the ranges are merged, so a page sorted
/// by date reads about as many actions as it shows, and never more than a fixed number when other filters reject most.
/// </summary>
/// <param name="actionsReadPerPage">How many actions a page sorted by date may read, shared by its index ranges.</param>
public sealed class TransactionSearch(NpgsqlDataSource dataSource, int actionsReadPerPage = TransactionSearch.DefaultActionsReadPerPage)
{
    // Both descriptions, as one text: what keywords are matched against, and what a text index would be built on.
    private const string Descriptions =
        "coalesce(t.transaction_description, '') || ' ' || coalesce(t.prime_award_base_transaction_description, '')";

    /// <summary>
    /// About 12 MB of rows: a few milliseconds from cache. Each range reads at least a page, so a toptier's many sub-tiers
    /// can read more.
    /// </summary>
    public const int DefaultActionsReadPerPage = 5000;

    /// <summary>
    /// Whether the recipient of action <c>p</c> has a vendor profile: it has a UEI (every UEI of an action has its recipients
    /// row, derived by the same import) and is not a sole proprietor (a person). Asked of the small index of sole proprietors
    /// alone, never of the recipients' rows: reading a recipients row per action was half of a date page's execution time.
    /// </summary>
    private const string RecipientIsVendor = """
        p.recipient_uei IS NOT NULL
          AND NOT EXISTS (SELECT FROM recipients r WHERE r.uei = p.recipient_uei AND r.is_sole_proprietorship)
        """;

    private const int MatchesColumn = 38;
    private const int ExaminedColumn = 39;

    private const string Columns = """
        t.contract_transaction_unique_key, t.contract_award_unique_key, t.award_id_piid, t.modification_number,
        t.action_date, t.action_date_fiscal_year, t.action_type_code, t.action_type, t.federal_action_obligation,
        t.award_type_code, t.award_type, t.idv_type_code, t.idv_type,
        t.recipient_uei, t.recipient_name, t.recipient_parent_uei, t.recipient_parent_name,
        t.awarding_agency_code, t.awarding_agency_name, t.awarding_sub_agency_code, t.awarding_sub_agency_name,
        t.awarding_office_code, t.awarding_office_name,
        t.funding_agency_code, t.funding_agency_name, t.funding_sub_agency_code, t.funding_sub_agency_name,
        t.funding_office_code, t.funding_office_name,
        t.naics_code, t.naics_description, t.product_or_service_code, t.product_or_service_code_description,
        t.transaction_description, t.prime_award_base_transaction_description,
        t.import_file_id, t.record_number, t.line_number
        """;

    /// <summary>
    /// The page of up to <paramref name="limit"/> actions matching <paramref name="filter"/> in <paramref name="sort"/> order that
    /// follows <paramref name="after"/> (where the previous page ended), and where the next page starts (null after the last).
    /// </summary>
    /// <remarks>
    /// Sorted by date, each index range reads at most its share of the actions a page may read: filters that the
    /// ranges do not serve (codes, amounts, keywords, an agency within a vendor's actions) can match few of them, and a page
    /// must not read an agency's whole history to find them. When a range stops there, the page ends at that point, short or
    /// even empty, and the next page carries on from it. Sorted by amount, each range is read whole to find its largest (or
    /// smallest) actions, which is why callers should narrow it.
    /// </remarks>
    public async Task<TransactionPage> ListAsync(
        TransactionFilter filter, TransactionSort sort, TransactionPosition? after, int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var command = dataSource.CreateCommand();
        var (walk, filters) = Conditions(filter, sort, after, command);
        var (value, direction) = OrderOf(sort);
        string OrderBy(string alias) => $"ORDER BY {alias}.{value} {direction}, {alias}.contract_transaction_unique_key {direction}";

        var byDate = sort is TransactionSort.ActionDate or TransactionSort.ActionDateDescending;
        var windowed = byDate && filters != "true";
        var columns = windowed
            ? $"{Columns}, coalesce({filters}, false) AS matches, row_number() OVER ({OrderBy("t")}) AS examined"
            : $"{Columns}, true AS matches, 0::bigint AS examined";
        var branches = await BranchesAsync(filter, columns, windowed ? walk : $"{walk}\n  AND {filters}", command, ct);
        if (branches.Count == 0)
        {
            await using var asOfCommand = dataSource.CreateCommand(Citations.DataAsOfSql);
            await using var asOf = await asOfCommand.ExecuteReaderAsync(ct);
            await asOf.ReadAsync(ct);
            return new TransactionPage([], null, Citations.ReadDataAsOf(asOf));
        }

        // Each range is read in order and stops at its share of the budget, keeping the matches and the last action read.
        var budget = Math.Max(limit + 1, actionsReadPerPage / branches.Count);
        var ordered = branches.Select(b => windowed
            ? $"""
              (SELECT w.* FROM ({b}
                  {OrderBy("t")} LIMIT @budget) w
               WHERE w.matches OR w.examined = @budget
               {OrderBy("w")} LIMIT @take)
              """
            : $"({b}\n{OrderBy("t")} LIMIT @take)");
        // One range is the page as it is; several are merged. Whether a row's recipient has a vendor profile is a subquery,
        // which leaves the planner no join to weigh (planning a page cost more than running it when it did).
        var merged = branches.Count == 1
            ? ordered.First()
            : $"(SELECT * FROM ({string.Join("\nUNION ALL\n", ordered)}) m {OrderBy("m")} LIMIT @rows)";
        // A vendor's ranges are the family or recipient index whatever the values, and without a vendor or an agency the one
        // range is the date index; planning them afresh for each page cost more than running them, so they take the one
        // generic plan. An agency's ranges keep custom plans: the generic plan for an agency's largest actions of a year
        // combined two bitmap scans and sorted 120,000 rows (4.5 s) where its own plan reads one index range.
        var generic = filter.Vendor is not null || filter.Agency is null;
        command.CommandText = $"""
            {(generic ? $"SELECT {DatabaseUrl.GenericPlansInBatch};" : "")}
            SELECT p.*, {RecipientIsVendor}
            FROM {merged} p
            {OrderBy("p")};

            {Citations.DataAsOfSql};
            """;
        command.Parameters.AddWithValue("take", limit + 1);
        command.Parameters.AddWithValue("budget", (long)budget);
        if (branches.Count > 1)
        {
            // A range that used up its budget adds one row that may not match: at most one per range.
            command.Parameters.AddWithValue("rows", windowed ? limit + 1 + branches.Count : limit + 1);
        }
        filter.Vendor?.AddParameters(command);

        await using var reader = await command.ExecuteReaderAsync(ct);
        if (generic)
        {
            await reader.NextResultAsync(ct);
        }

        var (rows, next) = await ReadPageAsync(reader, limit, budget, ct);
        return new TransactionPage(rows, next, await Citations.ReadNextDataAsOfAsync(reader, ct));
    }

    /// <summary>
    /// The merged ranges in order: matches until the page is full and one more shows there is a next page, or until the first
    /// range that used up its budget (nothing after its last action read is known yet).
    /// </summary>
    private static async Task<(List<TransactionListRow> Rows, TransactionPosition? Next)> ReadPageAsync(
        NpgsqlDataReader reader, int limit, int budget, CancellationToken ct)
    {
        var rows = new List<TransactionListRow>(limit);
        while (await reader.ReadAsync(ct))
        {
            var row = Read(reader);
            var matches = reader.GetBoolean(MatchesColumn);
            if (matches && rows.Count == limit)
            {
                return (rows, TransactionPosition.Of(rows[^1]));
            }

            if (matches)
            {
                rows.Add(row);
            }

            if (reader.GetInt64(ExaminedColumn) == budget)
            {
                return (rows, TransactionPosition.Of(row));
            }
        }

        return (rows, null);
    }

    /// <summary>
    /// Every action matching <paramref name="filter"/> in <paramref name="sort"/> order, read as the caller consumes them: the
    /// whole answer for a file, not a page, so no read budget applies. Cancelling the enumeration cancels the query.
    /// </summary>
    public async IAsyncEnumerable<TransactionListRow> ExportAsync(
        TransactionFilter filter, TransactionSort sort, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = await ExportQueryAsync(filter, sort, ct);
        if (command is null)
        {
            yield break;
        }

        await foreach (var row in RowStream.ReadAsync(dataSource, command, Read, ct))
        {
            yield return row;
        }
    }

    /// <summary>
    /// The query <see cref="ExportAsync"/> runs (the export benchmark gives the same SQL to <c>psql</c>); null when nothing
    /// can match.
    /// </summary>
    public Task<NpgsqlCommand?> ExportQueryAsync(TransactionFilter filter, TransactionSort sort, CancellationToken ct) =>
        ExportCommandAsync(filter, sort, $"{Columns}, true AS matches, 0::bigint AS examined",
            rows => $"SELECT p.*, {RecipientIsVendor} FROM ({rows}) p", ct);

    /// <summary>
    /// The <c>import_file_id</c> and <c>raw_record</c> of every action matching <paramref name="filter"/>, in
    /// <paramref name="sort"/> order (for the raw export); null when nothing can match.
    /// </summary>
    public async Task<NpgsqlBatchCommand?> RawRecordsAsync(TransactionFilter filter, TransactionSort sort, CancellationToken ct)
    {
        await using var command = await ExportCommandAsync(filter, sort,
            "t.import_file_id, t.raw_record, t.action_date, t.federal_action_obligation, t.contract_transaction_unique_key",
            rows => $"SELECT p.import_file_id, p.raw_record FROM ({rows}) p", ct);
        return command is null ? null : RowStream.ToBatchCommand(command);
    }

    /// <summary>
    /// One query for every matching action: the index ranges' rows (<paramref name="columns"/>, which must include the
    /// sort's column and the key) united, shaped by <paramref name="select"/> (over an alias <c>p</c>), in sort order.
    /// </summary>
    private async Task<NpgsqlCommand?> ExportCommandAsync(
        TransactionFilter filter, TransactionSort sort, string columns, Func<string, string> select, CancellationToken ct)
    {
        var command = dataSource.CreateCommand();
        var (walk, filters) = Conditions(filter, sort, after: null, command);
        var (value, direction) = OrderOf(sort);
        var branches = await BranchesAsync(filter, columns, $"{walk}\n  AND {filters}", command, ct);
        if (branches.Count == 0)
        {
            await command.DisposeAsync();
            return null;
        }

        command.CommandText = $"""
            {select(string.Join("\nUNION ALL\n", branches))}
            ORDER BY p.{value} {direction}, p.contract_transaction_unique_key {direction}
            """;
        filter.Vendor?.AddParameters(command);
        return command;
    }

    /// <summary>The lower-cased words of a keyword query: letters and digits, in order, each once.</summary>
    public static IReadOnlyList<string> KeywordsIn(string? text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in (text ?? "") + " ")
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (word.Length > 0)
            {
                if (!words.Contains(word.ToString()))
                {
                    words.Add(word.ToString());
                }

                word.Clear();
            }
        }

        return words;
    }

    private static (string Value, string Direction) OrderOf(TransactionSort sort) => sort switch
    {
        TransactionSort.ActionDate => ("action_date", "ASC"),
        TransactionSort.ActionDateDescending => ("action_date", "DESC"),
        TransactionSort.Amount => ("federal_action_obligation", "ASC"),
        TransactionSort.AmountDescending => ("federal_action_obligation", "DESC"),
        _ => throw new ArgumentOutOfRangeException(nameof(sort)),
    };

    /// <summary>
    /// The filter as SQL on <c>transactions t</c>, its values added to <paramref name="command"/>: what bounds the index ranges
    /// (dates, the position after the previous page, the agency a range stands for) and what the actions read must also meet.
    /// </summary>
    private static (string Walk, string Filters) Conditions(TransactionFilter filter, TransactionSort sort, TransactionPosition? after, NpgsqlCommand command)
    {
        var walk = new List<string>();
        var conditions = new List<string>();
        void Add(string sql, string name, object value, NpgsqlDbType type, List<string>? list = null)
        {
            (list ?? conditions).Add(sql);
            command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value });
        }

        if (filter.Agency is { } agency)
        {
            // The ranges of a toptier or sub-tier agency hold only its actions, and so does a family's range for an awarding
            // sub-tier; within other vendors' or an office's sub-tier's actions, the agency is a filter.
            var agencyRanges = filter.Vendor is null ? agency.Agency.Level != AgencyLevel.Office : AwardingSubtier(filter) is not null;
            Add($"t.{agency.Column} = @agency", "agency", agency.Agency.Code, NpgsqlDbType.Text, agencyRanges ? walk : conditions);
        }

        var (from, to) = filter.DateRange;
        if (from is { } first)
        {
            Add("t.action_date >= @from", "from", first, NpgsqlDbType.Date, walk);
        }

        if (to is { } last)
        {
            Add("t.action_date <= @to", "to", last, NpgsqlDbType.Date, walk);
        }

        if (filter.FiscalYear is { } fiscalYear)
        {
            // Always within the dates above (the source derives it from the action date).
            Add("t.action_date_fiscal_year = @fiscal_year", "fiscal_year", fiscalYear, NpgsqlDbType.Integer, walk);
        }

        if (filter.NaicsPrefix is { } naics)
        {
            Add("t.naics_code LIKE @naics", "naics", LikePrefix(naics), NpgsqlDbType.Text);
        }

        if (filter.PscPrefix is { } psc)
        {
            Add("t.product_or_service_code LIKE @psc", "psc", LikePrefix(psc), NpgsqlDbType.Text);
        }

        switch (filter.AwardType)
        {
            case { IsIdv: true } idv:
                Add("t.idv_type_code = @award_type", "award_type", idv.Code, NpgsqlDbType.Text);
                break;
            case { } award:
                Add("t.award_type_code = @award_type", "award_type", award.Code, NpgsqlDbType.Text);
                break;
        }

        if (filter.ActionTypeCode is "")
        {
            conditions.Add("coalesce(t.action_type_code, '') = ''");
        }
        else if (filter.ActionTypeCode is { } actionType)
        {
            Add("t.action_type_code = @action_type", "action_type", actionType, NpgsqlDbType.Text);
        }

        if (filter.MinAmount is { } min)
        {
            Add("t.federal_action_obligation >= @min_amount", "min_amount", min, NpgsqlDbType.Numeric);
        }

        if (filter.MaxAmount is { } max)
        {
            Add("t.federal_action_obligation <= @max_amount", "max_amount", max, NpgsqlDbType.Numeric);
        }

        if (filter.Keywords.Count > 0)
        {
            // A word matches where a word of the descriptions starts with it, as a prefix query on their words says. The
            // substring tests come first because they are necessary for it and far cheaper than splitting the text into
            // words, which matters while no text index serves the query; an index on the words would serve it as written.
            for (var i = 0; i < filter.Keywords.Count; i++)
            {
                Add($"({Descriptions}) ILIKE @keyword_{i}", $"keyword_{i}", "%" + filter.Keywords[i] + "%", NpgsqlDbType.Text);
            }

            Add($"to_tsvector('simple'::regconfig, {Descriptions}) @@ to_tsquery('simple'::regconfig, @keywords)", "keywords",
                string.Join(" & ", filter.Keywords.Select(w => w + ":*")), NpgsqlDbType.Text);
        }

        if (after is not null)
        {
            var (value, direction) = OrderOf(sort);
            var (type, position) = sort is TransactionSort.ActionDate or TransactionSort.ActionDateDescending
                ? (NpgsqlDbType.Date, (object?)after.ActionDate)
                : (NpgsqlDbType.Numeric, after.Amount);
            var comparison = direction == "ASC" ? ">" : "<";
            command.Parameters.Add(new NpgsqlParameter("after_value", type) { Value = position ?? throw new ArgumentException("The position lacks the sort's value.", nameof(after)) });
            command.Parameters.Add(new NpgsqlParameter("after_key", NpgsqlDbType.Text) { Value = after.Key });
            // The first test bounds the index range; the row comparison breaks ties on the key.
            walk.Add($"t.{value} {comparison}= @after_value");
            walk.Add($"(t.{value}, t.contract_transaction_unique_key) {comparison} (@after_value, @after_key)");
        }

        static string All(List<string> list) => list.Count == 0 ? "true" : string.Join("\n  AND ", list);
        return (All(walk), All(conditions));
    }

    private static string LikePrefix(string prefix) => prefix.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    /// <summary>The index ranges the page is merged from, each selecting the filtered actions.</summary>
    private async Task<IReadOnlyList<string>> BranchesAsync(
        TransactionFilter filter, string columns, string condition, NpgsqlCommand command, CancellationToken ct)
    {
        if (filter.Vendor is { } vendor)
        {
            if (!vendor.HasFamilyRanges)
            {
                return vendor.TransactionBranches(columns, condition);
            }

            var ranges = vendor.Ranges ?? await FamilyRangesAsync(vendor, ct);
            VendorScope.AddRangeParameters(command.Parameters, ranges);
            return vendor.TransactionBranches(columns, condition, ranges, AwardingSubtier(filter));
        }

        if (filter.Agency is not { } agency)
        {
            return [$"SELECT {columns} FROM transactions t WHERE {condition}"];
        }

        var subtierColumn = agency.Lens == AgencyLens.Funding ? "funding_sub_agency_code" : "awarding_sub_agency_code";
        switch (agency.Agency.Level)
        {
            case AgencyLevel.Toptier:
                // No index leads with the toptier code: its actions are read through its sub-tiers, one range each.
                var subtiers = await SubtiersWithActionsAsync(agency.Agency.Code, subtierColumn, filter.DateRange, ct);
                for (var i = 0; i < subtiers.Count; i++)
                {
                    command.Parameters.AddWithValue($"subtier_{i}", subtiers[i]);
                }

                return subtiers.Select((_, i) => $"SELECT {columns} FROM transactions t WHERE t.{subtierColumn} = @subtier_{i} AND {condition}").ToList();
            case AgencyLevel.Office when agency.Agency.SubtierCode is { } officeSubtier:
                // An office's actions are read through the sub-tier it belongs to.
                command.Parameters.AddWithValue("office_subtier", officeSubtier);
                return [$"SELECT {columns} FROM transactions t WHERE t.{subtierColumn} = @office_subtier AND {condition}"];
            default:
                return [$"SELECT {columns} FROM transactions t WHERE {condition}"];
        }
    }

    /// <summary>The awarding sub-tier a vendor's actions are asked for, when the agency filter is one.</summary>
    private static string? AwardingSubtier(TransactionFilter filter) =>
        filter.Vendor is { HasFamilyRanges: true } && filter.Agency is { Lens: AgencyLens.Awarding, Agency.Level: AgencyLevel.Subtier } agency
            ? agency.Agency.Code
            : null;

    private async Task<FamilyRanges> FamilyRangesAsync(VendorScope vendor, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(VendorScope.FamilyRangesSql);
        vendor.AddParameters(command);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return VendorScope.ReadRanges(reader);
    }

    /// <summary>The toptier's sub-tiers that have actions in the date range (through the lens's column), so empty ones add no branch.</summary>
    private async Task<IReadOnlyList<string>> SubtiersWithActionsAsync(
        string toptier, string subtierColumn, (DateOnly? From, DateOnly? To) dates, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT s.code FROM sub_agencies s
            WHERE s.toptier_code = @toptier
              AND EXISTS (SELECT 1 FROM transactions t WHERE t.{subtierColumn} = s.code AND t.action_date BETWEEN @from AND @to)
            ORDER BY s.code
            """);
        command.Parameters.AddWithValue("toptier", toptier);
        command.Parameters.AddWithValue("from", dates.From ?? DateOnly.MinValue);
        command.Parameters.AddWithValue("to", dates.To ?? DateOnly.MaxValue);
        var codes = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            codes.Add(reader.GetString(0));
        }

        return codes;
    }

    private static TransactionListRow Read(NpgsqlDataReader r)
    {
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        return new TransactionListRow(
            Key: r.GetString(0), AwardKey: r.GetString(1), Piid: Text(2), ModificationNumber: Text(3),
            ActionDate: r.GetFieldValue<DateOnly>(4), FiscalYear: r.GetInt32(5), ActionTypeCode: Text(6), ActionType: Text(7),
            FederalActionObligation: r.GetDecimal(8),
            AwardTypeCode: Text(9), AwardType: Text(10), IdvTypeCode: Text(11), IdvType: Text(12),
            RecipientUei: Text(13), RecipientName: Text(14), RecipientParentUei: Text(15), RecipientParentName: Text(16),
            Awarding: new AgencyCodes(Text(17), Text(18), Text(19), Text(20), Text(21), Text(22)),
            Funding: new AgencyCodes(Text(23), Text(24), Text(25), Text(26), Text(27), Text(28)),
            NaicsCode: Text(29), NaicsDescription: Text(30), PscCode: Text(31), PscDescription: Text(32),
            TransactionDescription: Text(33), PrimeAwardBaseTransactionDescription: Text(34),
            ImportFileId: r.GetInt64(35), RecordNumber: r.GetInt64(36), LineNumber: r.GetInt64(37),
            RecipientIsVendor: r.GetBoolean(40));
    }
}

/// <summary>
/// A page of actions, where the next page starts (null when there is none), and the data's version
/// (<see cref="Citations.DataAsOfSql"/>) read in the same round trip.
/// </summary>
public sealed record TransactionPage(IReadOnlyList<TransactionListRow> Rows, TransactionPosition? Next, DateTimeOffset? DataAsOf);

public enum TransactionSort
{
    ActionDate,
    ActionDateDescending,
    Amount,
    AmountDescending,
}

/// <summary>An award type: an <c>award_type_code</c> (A, B, C, D) or, for an IDV, an <c>idv_type_code</c> (A to E).</summary>
public sealed record AwardTypeFilter(string Code, bool IsIdv);

/// <summary>Which actions a list shows; every part is optional and they all apply.</summary>
public sealed record TransactionFilter
{
    public VendorScope? Vendor { get; init; }
    public AgencyScope? Agency { get; init; }
    /// <summary>First <c>action_date</c>, inclusive.</summary>
    public DateOnly? From { get; init; }
    /// <summary>Last <c>action_date</c>, inclusive.</summary>
    public DateOnly? To { get; init; }
    /// <summary><c>action_date_fiscal_year</c>.</summary>
    public int? FiscalYear { get; init; }
    /// <summary>A NAICS code or its first digits.</summary>
    public string? NaicsPrefix { get; init; }
    /// <summary>A product or service code or its first characters.</summary>
    public string? PscPrefix { get; init; }
    public AwardTypeFilter? AwardType { get; init; }
    /// <summary><c>action_type_code</c>; the empty string selects base actions, whose code is empty.</summary>
    public string? ActionTypeCode { get; init; }
    /// <summary>Lowest <c>federal_action_obligation</c>, inclusive.</summary>
    public decimal? MinAmount { get; init; }
    /// <summary>Highest <c>federal_action_obligation</c>, inclusive.</summary>
    public decimal? MaxAmount { get; init; }
    /// <summary>Lower-cased words that must each start a word of the descriptions (see <see cref="TransactionSearch.KeywordsIn"/>).</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>
    /// The action dates the filter allows: from/to narrowed to the fiscal year (October to September), so the fiscal year
    /// bounds the date index ranges too.
    /// </summary>
    public (DateOnly? From, DateOnly? To) DateRange
    {
        get
        {
            if (FiscalYear is not { } year)
            {
                return (From, To);
            }

            var (start, end) = (new DateOnly(year - 1, 10, 1), new DateOnly(year, 9, 30));
            return (From is { } from && from > start ? from : start, To is { } to && to < end ? to : end);
        }
    }
}

/// <summary>Where a page ended: the sort value (action date or amount, as the sort says) and the key of its last action.</summary>
public sealed record TransactionPosition(DateOnly? ActionDate, decimal? Amount, string Key)
{
    public static TransactionPosition Of(TransactionListRow row) => new(row.ActionDate, row.FederalActionObligation, row.Key);

    public string SortValue(TransactionSort sort) => sort is TransactionSort.ActionDate or TransactionSort.ActionDateDescending
        ? ActionDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? ""
        : Amount?.ToString(CultureInfo.InvariantCulture) ?? "";
}

/// <summary>An agency, sub-tier and office as an action reported them.</summary>
public sealed record AgencyCodes(
    string? AgencyCode, string? AgencyName, string? SubAgencyCode, string? SubAgencyName, string? OfficeCode, string? OfficeName);

/// <summary>
/// One action in a list, in the source's own terms, with where it came from. <see cref="RecipientIsVendor"/> is false for a
/// sole proprietor (a person, who has no vendor page) and for a recipient without a UEI.
/// </summary>
public sealed record TransactionListRow(
    string Key, string AwardKey, string? Piid, string? ModificationNumber, DateOnly ActionDate, int FiscalYear,
    string? ActionTypeCode, string? ActionType, decimal FederalActionObligation,
    string? AwardTypeCode, string? AwardType, string? IdvTypeCode, string? IdvType,
    string? RecipientUei, string? RecipientName, string? RecipientParentUei, string? RecipientParentName,
    AgencyCodes Awarding, AgencyCodes Funding,
    string? NaicsCode, string? NaicsDescription, string? PscCode, string? PscDescription,
    string? TransactionDescription, string? PrimeAwardBaseTransactionDescription,
    long ImportFileId, long RecordNumber, long LineNumber, bool RecipientIsVendor);
