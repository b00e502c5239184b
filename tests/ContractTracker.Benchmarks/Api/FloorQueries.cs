namespace ContractTracker.Benchmarks.Api;

/// <summary>
/// The floor of each endpoint: one hand-written SQL statement that computes the same answer from the same rows, run
/// directly with Npgsql. It does what a careful person at psql would do, with the indexes the schema has and nothing the
/// API needs on top (resolving an agency abbreviation or a UEI, paging cursors, HTTP and JSON in .NET). Where a
/// question has several shapes (the agency's column, the series interval, the sort), the statement is written out for
/// each, since a single statement with optional filters would be planned worse than either and so would be no floor.
/// </summary>
internal static class FloorQueries
{
    /// <summary>The agency columns of <c>transactions</c> a relationship or a transactions page can be scoped by (also its INCLUDE columns).</summary>
    public static readonly IReadOnlySet<string> AgencyColumns = new HashSet<string>(StringComparer.Ordinal)
    {
        "awarding_agency_code", "awarding_sub_agency_code", "funding_agency_code", "funding_sub_agency_code",
    };

    /// <summary>
    /// A vendor family with an agency over time (<c>GET /api/v1/relationships</c>, members=family, view=as_reported): the
    /// summary, the series by period (empty periods as zeros, with the running total), the top 50 awards by obligations
    /// in the relationship with their award rows (and the IDV each order was placed under), the first 50 events, and the
    /// source files. The family's actions are those reporting the UEI as parent (the recipient itself when they report
    /// none), plus the UEI's own actions reported under another parent: two ranges of the covering family and recipient
    /// indexes, read once.
    /// </summary>
    public static string Relationship(string agencyColumn, bool monthly)
    {
        Check(agencyColumn);
        var (period, step) = monthly
            ? ("date_trunc('month', action_date)::date", "1 month")
            : ("make_date(extract(year FROM action_date + interval '3 months')::int - 1, 10, 1)", "1 year");
        return $"""
            WITH tx AS MATERIALIZED (
                SELECT t.action_date, t.contract_award_unique_key AS award_key, t.federal_action_obligation AS amount, t.import_file_id
                FROM transactions t
                WHERE coalesce(t.recipient_parent_uei, t.recipient_uei) = @vendor AND t.{agencyColumn} = @agency
                UNION ALL
                SELECT t.action_date, t.contract_award_unique_key, t.federal_action_obligation, t.import_file_id
                FROM transactions t
                WHERE t.recipient_uei = @vendor AND coalesce(t.recipient_parent_uei, t.recipient_uei) <> @vendor AND t.{agencyColumn} = @agency
            ),
            periods AS (
                SELECT {period} AS start,
                       coalesce(sum(amount) FILTER (WHERE amount > 0), 0) AS obligations,
                       coalesce(sum(amount) FILTER (WHERE amount < 0), 0) AS deobligations,
                       count(*) AS transactions
                FROM tx GROUP BY 1
            ),
            series AS (
                SELECT s.start::date AS start, coalesce(p.obligations, 0) AS obligations, coalesce(p.deobligations, 0) AS deobligations,
                       coalesce(p.obligations + p.deobligations, 0) AS obligated_amount,
                       sum(coalesce(p.obligations + p.deobligations, 0)) OVER (ORDER BY s.start) AS running_total,
                       coalesce(p.transactions, 0) AS transactions
                FROM generate_series((SELECT min(start) FROM periods), (SELECT max(start) FROM periods), interval '{step}') s(start)
                LEFT JOIN periods p ON p.start = s.start::date
            ),
            by_award AS (
                SELECT award_key, sum(amount) AS obligated, count(*) AS transactions, min(action_date) AS first_action_date,
                       max(action_date) AS last_action_date
                FROM tx GROUP BY award_key
            ),
            awards_in AS (
                SELECT b.*, a.award_or_idv_flag = 'IDV' AS is_idv, a.award_id_piid, coalesce(a.award_type, a.idv_type) AS type, a.description,
                       a.recipient_uei, a.recipient_name, a.obligated_amount, a.current_total_value_of_award,
                       a.potential_total_value_of_award, a.parent_award_unique_key
                FROM by_award b JOIN awards a ON a.contract_award_unique_key = b.award_key
            )
            SELECT json_build_object(
                'summary', (SELECT json_build_object(
                    'first_action_date', min(first_action_date), 'last_action_date', max(last_action_date),
                    'award_count', count(*), 'idv_count', count(*) FILTER (WHERE is_idv), 'transaction_count', sum(transactions),
                    'obligated_amount', sum(obligated),
                    'obligations_amount', (SELECT sum(obligations) FROM periods), 'deobligations_amount', (SELECT sum(deobligations) FROM periods),
                    'current_total_value_of_awards', coalesce(sum(current_total_value_of_award) FILTER (WHERE NOT is_idv), 0),
                    'potential_total_value_of_awards', coalesce(sum(potential_total_value_of_award) FILTER (WHERE NOT is_idv), 0),
                    'idv_ceiling_amount', coalesce(sum(potential_total_value_of_award) FILTER (WHERE is_idv), 0))
                    FROM awards_in),
                'series', (SELECT json_agg(s ORDER BY s.start) FROM series s),
                'awards', (SELECT json_agg(x ORDER BY x.obligated DESC, x.award_key) FROM (
                    SELECT w.*, p.award_id_piid AS parent_piid, p.recipient_name AS parent_recipient_name,
                           p.potential_total_value_of_award AS parent_ceiling_amount
                    FROM awards_in w LEFT JOIN awards p ON p.contract_award_unique_key = w.parent_award_unique_key
                    ORDER BY w.obligated DESC, w.award_key
                    LIMIT 50) x),
                'events', (SELECT json_agg(e ORDER BY e.action_date, e.contract_transaction_unique_key) FROM (
                    SELECT {EventColumns} FROM transactions t
                    WHERE coalesce(t.recipient_parent_uei, t.recipient_uei) = @vendor AND t.{agencyColumn} = @agency
                    UNION ALL
                    SELECT {EventColumns} FROM transactions t
                    WHERE t.recipient_uei = @vendor AND coalesce(t.recipient_parent_uei, t.recipient_uei) <> @vendor AND t.{agencyColumn} = @agency
                    ORDER BY action_date, contract_transaction_unique_key
                    LIMIT 50) e),
                'source_files', (SELECT json_agg(json_build_object('id', f.id, 'name', f.file_name, 'sha256', f.sha256) ORDER BY f.id)
                    FROM import_files f WHERE f.id IN (SELECT import_file_id FROM tx)))
            """;
    }

    /// <summary>
    /// Vendor search (<c>GET /api/v1/vendors?q=&amp;limit=20</c>, as <c>VendorDirectory.SearchAsync</c> answers it, for queries
    /// of one or two words): names holding the normalised words as a phrase (the names' word index, then LIKE), then, unless
    /// those already make up the page's families, names holding a word like each query word (the words alike found in the
    /// <c>name_words</c> vocabulary by trigram), scored by the mean similarity of each query word's closest word; or the UEI
    /// or DUNS itself. The best 160 names (sole proprietors never) are read for their families, then each family's members,
    /// totals, names seen and source files. Like the API's, the statement runs under one generic plan (a custom plan costs
    /// more to make than to run), set for its own transaction.
    /// </summary>
    public const string VendorSearch = """
        SELECT set_config('plan_cache_mode', 'force_generic_plan', true);
        WITH q AS MATERIALIZED (
            SELECT w AS words, w[1] AS w1, coalesce(w[2], w[1]) AS w2, '% ' || array_to_string(w, ' ') || ' %' AS phrase, upper(btrim(@q)) AS raw
            FROM (SELECT string_to_array(normalize_name(@q), ' ') AS w) x
        ),
        phrase AS MATERIALIZED (
            SELECT n.uei, n.name AS matched_name, 1.0::float8 AS score, true AS phrase, n.recipient_obligated_amount AS obligated
            FROM recipient_names n, q
            WHERE n.words @> q.words AND ' ' || n.normalized_name || ' ' LIKE q.phrase AND NOT n.recipient_is_sole_proprietorship
            ORDER BY n.recipient_obligated_amount DESC, n.uei COLLATE "C", n.name COLLATE "C"
            LIMIT 160
        ),
        more AS MATERIALIZED (
            SELECT (SELECT count(DISTINCT p.parent_uei) FROM phrase h JOIN recipient_parents p ON p.uei = h.uei) < @limit AS needed
        ),
        alike AS MATERIALIZED (
            SELECT 1 AS i, v.word, word_similarity(q.w1, v.word) AS similarity FROM name_words v, q, more WHERE more.needed AND v.word %> q.w1
            UNION ALL
            SELECT 2, v.word, word_similarity(q.w2, v.word) FROM name_words v, q, more WHERE more.needed AND v.word %> q.w2
        ),
        hits AS (
            SELECT * FROM phrase
            UNION ALL
            SELECT n.uei, n.name,
                   (SELECT sum(b.best) FROM (SELECT max(a.similarity) AS best FROM alike a WHERE a.word = ANY(n.words) GROUP BY a.i) b) / 2,
                   false, n.recipient_obligated_amount
            FROM recipient_names n, q
            WHERE n.words && ARRAY(SELECT word FROM alike WHERE i = 1) AND n.words && ARRAY(SELECT word FROM alike WHERE i = 2)
              AND NOT n.recipient_is_sole_proprietorship AND NOT (n.words @> q.words AND ' ' || n.normalized_name || ' ' LIKE q.phrase)
            UNION ALL
            SELECT r.uei, NULL, 1.0, true, r.obligated_amount FROM recipients r, q
            WHERE (r.uei = q.raw OR r.duns = q.raw) AND NOT r.is_sole_proprietorship
        ),
        probe AS MATERIALIZED (
            SELECT * FROM hits ORDER BY score DESC, phrase DESC, obligated DESC, uei COLLATE "C", matched_name COLLATE "C" LIMIT 160
        ),
        ranked AS (
            SELECT DISTINCT ON (p.parent_uei) p.parent_uei AS family, h.score, h.phrase, h.obligated, h.matched_name
            FROM probe h JOIN recipient_parents p ON p.uei = h.uei
            WHERE NOT EXISTS (SELECT 1 FROM recipients s WHERE s.uei = p.parent_uei AND s.is_sole_proprietorship)
            ORDER BY p.parent_uei, h.score DESC, h.phrase DESC, h.obligated DESC, h.matched_name COLLATE "C"
        ),
        top AS (SELECT * FROM ranked ORDER BY score DESC, phrase DESC, obligated DESC, family COLLATE "C" LIMIT @limit),
        members AS (
            SELECT p.parent_uei AS family, p.uei, p.obligated_amount, p.transaction_count, p.first_action_date, p.last_action_date
            FROM top k JOIN recipient_parents p ON p.parent_uei = k.family JOIN recipients r ON r.uei = p.uei
            WHERE NOT r.is_sole_proprietorship
            UNION ALL
            SELECT p.uei, p.uei, p.obligated_amount, p.transaction_count, p.first_action_date, p.last_action_date
            FROM top k JOIN recipient_parents p ON p.uei = k.family AND p.parent_uei <> p.uei
        )
        SELECT k.family, k.score, k.matched_name,
               coalesce((SELECT r.name FROM recipients r WHERE r.uei = k.family),
                        (SELECT p.parent_name FROM recipient_parents p WHERE p.parent_uei = k.family ORDER BY p.last_action_date DESC LIMIT 1)) AS name,
               m.obligated_amount, m.transaction_count, m.first_action_date, m.last_action_date, m.ueis,
               (SELECT array_agg(DISTINCT n.name ORDER BY n.name) FROM recipient_names n WHERE n.uei = ANY(m.ueis)) AS names_seen,
               (SELECT array_agg(DISTINCT u.file_id ORDER BY u.file_id)
                FROM relationship_fiscal_years f, unnest(f.import_file_ids) u(file_id)
                WHERE f.reported_parent_uei = k.family OR f.recipient_uei = k.family) AS import_file_ids
        FROM top k
        CROSS JOIN LATERAL (
            SELECT sum(obligated_amount) AS obligated_amount, sum(transaction_count) AS transaction_count,
                   min(first_action_date) AS first_action_date, max(last_action_date) AS last_action_date,
                   array_agg(DISTINCT uei ORDER BY uei) AS ueis
            FROM members WHERE family = k.family) m
        ORDER BY k.score DESC, k.phrase DESC, k.obligated DESC, k.family COLLATE "C"
        """;

    /// <summary>
    /// An award's page (<c>GET /api/v1/awards/{key}</c>): the award row, the IDV it is an order under, the first 100 orders
    /// under it when it is an IDV (the API's first page) and how many there are, every transaction of its history in date
    /// order with the file and line it came from, and the source files behind all of them.
    /// </summary>
    public const string Award = $"""
        SELECT json_build_object(
            'award', (SELECT to_json(a) FROM awards a WHERE a.contract_award_unique_key = @key),
            'parent', (SELECT to_json(p) FROM awards a JOIN awards p ON p.contract_award_unique_key = a.parent_award_unique_key
                       WHERE a.contract_award_unique_key = @key),
            'orders', (SELECT json_agg(o ORDER BY o.first_action_date, o.contract_award_unique_key) FROM (
                           SELECT * FROM awards WHERE parent_award_unique_key = @key
                           ORDER BY first_action_date, contract_award_unique_key LIMIT 100) o),
            'order_count', (SELECT count(*) FROM awards WHERE parent_award_unique_key = @key),
            'transactions', (SELECT json_agg(t ORDER BY t.action_date, t.contract_transaction_unique_key) FROM (
                           SELECT t.contract_transaction_unique_key, t.modification_number, t.transaction_number, t.action_date,
                                  t.action_date_fiscal_year, t.action_type_code, t.action_type, t.federal_action_obligation,
                                  t.total_dollars_obligated, t.base_and_exercised_options_value, t.current_total_value_of_award,
                                  t.base_and_all_options_value, t.potential_total_value_of_award, t.transaction_description,
                                  t.last_modified_date, t.import_file_id, t.record_number, t.line_number
                           FROM transactions t WHERE t.contract_award_unique_key = @key) t),
            'source_files', (SELECT json_agg(json_build_object('id', f.id, 'name', f.file_name, 'sha256', f.sha256) ORDER BY f.id)
                           FROM import_files f WHERE f.id IN (
                               SELECT t.import_file_id FROM transactions t WHERE t.contract_award_unique_key IN (
                                   SELECT @key
                                   UNION ALL SELECT parent_award_unique_key FROM awards WHERE contract_award_unique_key = @key
                                   UNION ALL (SELECT contract_award_unique_key FROM awards WHERE parent_award_unique_key = @key
                                              ORDER BY first_action_date, contract_award_unique_key LIMIT 100)))))
        """;

    /// <summary>
    /// A vendor family's transactions with an agency, newest first (<c>GET /api/v1/transactions?vendor=&amp;agency=&amp;sort=-action_date&amp;limit=50</c>):
    /// both family ranges in date order, merged, the first page.
    /// </summary>
    public static string VendorAgencyTransactions(string agencyColumn)
    {
        Check(agencyColumn);
        return $"""
            SELECT {PageColumns} FROM (
                SELECT t.* FROM transactions t
                WHERE coalesce(t.recipient_parent_uei, t.recipient_uei) = @vendor AND t.{agencyColumn} = @agency
                UNION ALL
                SELECT t.* FROM transactions t
                WHERE t.recipient_uei = @vendor AND coalesce(t.recipient_parent_uei, t.recipient_uei) <> @vendor AND t.{agencyColumn} = @agency
            ) t
            ORDER BY t.action_date DESC, t.contract_transaction_unique_key DESC
            LIMIT @limit
            """;
    }

    /// <summary>
    /// An awarding sub-tier's largest actions in a fiscal year (<c>?agency=&amp;fiscal_year=&amp;sort=-amount&amp;limit=50</c>):
    /// the sub-tier's fiscal-year amount index read from the top.
    /// </summary>
    public const string AgencyFiscalYearByAmount = $"""
        SELECT {PageColumns} FROM transactions t
        WHERE t.awarding_sub_agency_code = @agency AND t.action_date_fiscal_year = @fiscal_year
        ORDER BY t.federal_action_obligation DESC, t.contract_transaction_unique_key
        LIMIT @limit
        """;

    /// <summary>A vendor family's transactions, oldest first (<c>?vendor=&amp;sort=action_date&amp;limit=50</c>).</summary>
    public const string VendorTransactions = $"""
        SELECT {PageColumns} FROM (
            SELECT t.* FROM transactions t WHERE coalesce(t.recipient_parent_uei, t.recipient_uei) = @vendor
            UNION ALL
            SELECT t.* FROM transactions t WHERE t.recipient_uei = @vendor AND coalesce(t.recipient_parent_uei, t.recipient_uei) <> @vendor
        ) t
        ORDER BY t.action_date, t.contract_transaction_unique_key
        LIMIT @limit
        """;

    /// <summary>Every agency's transactions in a date range, oldest first (<c>?from=&amp;to=&amp;sort=action_date&amp;limit=50</c>).</summary>
    public const string DateRangeTransactions = $"""
        SELECT {PageColumns} FROM transactions t
        WHERE t.action_date >= @from AND t.action_date <= @to
        ORDER BY t.action_date, t.contract_transaction_unique_key
        LIMIT @limit
        """;

    /// <summary>What a relationship event shows.</summary>
    private const string EventColumns = """
        t.contract_transaction_unique_key, t.contract_award_unique_key, t.action_date, t.modification_number, t.action_type_code,
        t.action_type, t.federal_action_obligation, t.transaction_description, t.recipient_uei, t.recipient_name,
        t.import_file_id, t.record_number, t.line_number
        """;

    /// <summary>
    /// What a row of a transactions page shows, as the API's row does: the action, its award's type, the recipient and its
    /// parent, both agency chains with their names, NAICS and PSC with their descriptions, and its source line.
    /// </summary>
    private const string PageColumns = """
        t.contract_transaction_unique_key, t.contract_award_unique_key, t.award_id_piid, t.modification_number, t.action_date,
        t.action_date_fiscal_year, t.action_type_code, t.action_type, t.federal_action_obligation,
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

    private static void Check(string agencyColumn)
    {
        if (!AgencyColumns.Contains(agencyColumn))
        {
            throw new ArgumentOutOfRangeException(nameof(agencyColumn), agencyColumn, "Not an agency column of transactions.");
        }
    }
}
