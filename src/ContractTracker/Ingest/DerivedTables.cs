using Npgsql;

namespace ContractTracker.Ingest;

/// <summary>
/// Recomputes what is derived from transactions, for what one file touched only: the awards and recipients listed in
/// the temporary tables <c>touched_awards</c> and <c>touched_recipients</c>, and the agencies and offices named by the
/// records in <c>plan</c> that were loaded. Runs in the file's transaction.
/// </summary>
internal static class DerivedTables
{
    private const string LatestFirst = "action_date DESC, last_modified_date DESC, contract_transaction_unique_key DESC";

    public static async Task RecomputeAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(Sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }

    private static readonly string Sql = $"""
        ANALYZE touched_awards;
        ANALYZE touched_recipients;

        DELETE FROM awards a USING touched_awards k WHERE a.contract_award_unique_key = k.key;

        INSERT INTO awards (
            contract_award_unique_key, award_or_idv_flag, award_id_piid, parent_award_id_piid, parent_award_agency_id,
            parent_award_unique_key, award_type_code, award_type, idv_type_code, idv_type,
            awarding_agency_code, awarding_sub_agency_code, awarding_office_code,
            funding_agency_code, funding_sub_agency_code, funding_office_code,
            recipient_uei, recipient_name, recipient_parent_uei, recipient_is_sole_proprietorship,
            first_action_date, last_action_date, transaction_count, obligated_amount,
            current_total_value_of_award, potential_total_value_of_award,
            description, naics_code, product_or_service_code, latest_transaction_key, usaspending_permalink)
        SELECT l.contract_award_unique_key, l.award_or_idv_flag, l.award_id_piid, l.parent_award_id_piid, l.parent_award_agency_id,
               CASE WHEN l.parent_award_id_piid IS NOT NULL
                    THEN 'CONT_IDV_' || upper(l.parent_award_id_piid) || '_' || upper(coalesce(l.parent_award_agency_id, '-NONE-')) END,
               l.award_type_code, l.award_type, l.idv_type_code, l.idv_type,
               l.awarding_agency_code, l.awarding_sub_agency_code, l.awarding_office_code,
               l.funding_agency_code, l.funding_sub_agency_code, l.funding_office_code,
               l.recipient_uei, l.recipient_name, l.recipient_parent_uei, a.sole_proprietorship,
               a.first_action_date, a.last_action_date, a.transaction_count, a.obligated_amount,
               l.current_total_value_of_award, l.potential_total_value_of_award,
               coalesce(l.prime_award_base_transaction_description, l.transaction_description), l.naics_code, l.product_or_service_code,
               l.contract_transaction_unique_key, l.usaspending_permalink
        FROM (
            SELECT DISTINCT ON (t.contract_award_unique_key)
                   t.contract_award_unique_key, t.contract_transaction_unique_key, t.award_or_idv_flag, t.award_id_piid,
                   t.parent_award_id_piid, t.parent_award_agency_id, t.award_type_code, t.award_type, t.idv_type_code, t.idv_type,
                   t.awarding_agency_code, t.awarding_sub_agency_code, t.awarding_office_code,
                   t.funding_agency_code, t.funding_sub_agency_code, t.funding_office_code,
                   t.recipient_uei, t.recipient_name, t.recipient_parent_uei,
                   t.current_total_value_of_award, t.potential_total_value_of_award,
                   t.prime_award_base_transaction_description, t.transaction_description, t.naics_code, t.product_or_service_code,
                   t.usaspending_permalink
            FROM transactions t JOIN touched_awards k ON k.key = t.contract_award_unique_key
            ORDER BY t.contract_award_unique_key, {LatestFirst}
        ) l
        JOIN (
            SELECT t.contract_award_unique_key, min(t.action_date) AS first_action_date, max(t.action_date) AS last_action_date,
                   count(*) AS transaction_count, sum(t.federal_action_obligation) AS obligated_amount,
                   bool_or(coalesce(t.sole_proprietorship, false)) AS sole_proprietorship
            FROM transactions t JOIN touched_awards k ON k.key = t.contract_award_unique_key
            GROUP BY t.contract_award_unique_key
        ) a USING (contract_award_unique_key);

        DELETE FROM recipients r USING touched_recipients k WHERE r.uei = k.uei;

        INSERT INTO recipients (uei, name, duns, latest_parent_uei, latest_parent_name, is_sole_proprietorship,
                                first_action_date, last_action_date, transaction_count, obligated_amount, import_file_ids)
        SELECT l.recipient_uei, l.recipient_name, l.recipient_duns, l.recipient_parent_uei, l.recipient_parent_name, a.sole_proprietorship,
               a.first_action_date, a.last_action_date, a.transaction_count, a.obligated_amount, a.import_file_ids
        FROM (
            SELECT DISTINCT ON (t.recipient_uei) t.recipient_uei, t.recipient_name, t.recipient_duns, t.recipient_parent_uei, t.recipient_parent_name
            FROM transactions t JOIN touched_recipients k ON k.uei = t.recipient_uei
            ORDER BY t.recipient_uei, {LatestFirst}
        ) l
        JOIN (
            SELECT t.recipient_uei, min(t.action_date) AS first_action_date, max(t.action_date) AS last_action_date,
                   count(*) AS transaction_count, sum(t.federal_action_obligation) AS obligated_amount,
                   bool_or(coalesce(t.sole_proprietorship, false)) AS sole_proprietorship,
                   array_agg(DISTINCT t.import_file_id ORDER BY t.import_file_id) AS import_file_ids
            FROM transactions t JOIN touched_recipients k ON k.uei = t.recipient_uei
            GROUP BY t.recipient_uei
        ) a USING (recipient_uei);

        DELETE FROM recipient_names n USING touched_recipients k WHERE n.uei = k.uei;

        INSERT INTO recipient_names (uei, name, first_action_date, last_action_date, transaction_count)
        SELECT t.recipient_uei, v.name, min(t.action_date), max(t.action_date), count(*)
        FROM transactions t
        JOIN touched_recipients k ON k.uei = t.recipient_uei
        CROSS JOIN LATERAL (VALUES (t.recipient_name),
                                   (CASE WHEN t.recipient_name_raw IS DISTINCT FROM t.recipient_name THEN t.recipient_name_raw END)) v(name)
        WHERE v.name IS NOT NULL
        GROUP BY t.recipient_uei, v.name;

        DELETE FROM recipient_parents p USING touched_recipients k WHERE p.uei = k.uei;

        INSERT INTO recipient_parents (uei, parent_uei, parent_name, first_action_date, last_action_date, transaction_count, obligated_amount)
        SELECT t.recipient_uei, coalesce(t.recipient_parent_uei, t.recipient_uei),
               (array_agg(coalesce(t.recipient_parent_name, t.recipient_name) ORDER BY {LatestFirst})
                   FILTER (WHERE coalesce(t.recipient_parent_name, t.recipient_name) IS NOT NULL))[1],
               min(t.action_date), max(t.action_date), count(*), sum(t.federal_action_obligation)
        FROM transactions t JOIN touched_recipients k ON k.uei = t.recipient_uei
        GROUP BY 1, 2;

        DELETE FROM relationship_fiscal_years r USING touched_recipients k WHERE r.recipient_uei = k.uei;

        INSERT INTO relationship_fiscal_years (
            recipient_uei, reported_parent_uei, awarding_agency_code, awarding_sub_agency_code, awarding_office_code,
            funding_agency_code, funding_sub_agency_code, funding_office_code, fiscal_year,
            obligated_amount, transaction_count, first_action_date, last_action_date, import_file_ids)
        SELECT t.recipient_uei, coalesce(t.recipient_parent_uei, t.recipient_uei),
               t.awarding_agency_code, t.awarding_sub_agency_code, t.awarding_office_code,
               t.funding_agency_code, t.funding_sub_agency_code, t.funding_office_code, t.action_date_fiscal_year,
               sum(t.federal_action_obligation), count(*), min(t.action_date), max(t.action_date),
               array_agg(DISTINCT t.import_file_id ORDER BY t.import_file_id)
        FROM transactions t JOIN touched_recipients k ON k.uei = t.recipient_uei
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;

        CREATE TEMP TABLE loaded_agencies ON COMMIT DROP AS
        SELECT t.action_date,
               t.awarding_agency_code, t.awarding_agency_name, t.awarding_sub_agency_code, t.awarding_sub_agency_name,
               t.awarding_office_code, t.awarding_office_name,
               t.funding_agency_code, t.funding_agency_name, t.funding_sub_agency_code, t.funding_sub_agency_name,
               t.funding_office_code, t.funding_office_name
        FROM transactions t JOIN plan p ON p.transaction_key = t.contract_transaction_unique_key
        WHERE p.action IN ('insert', 'update');

        INSERT INTO toptier_agencies AS a (code, name, name_as_of)
        SELECT DISTINCT ON (code) code, name, action_date
        FROM (SELECT awarding_agency_code AS code, awarding_agency_name AS name, action_date FROM loaded_agencies
              UNION ALL
              SELECT funding_agency_code, funding_agency_name, action_date FROM loaded_agencies) s
        WHERE code IS NOT NULL
        ORDER BY code, name IS NULL, action_date DESC
        ON CONFLICT (code) DO UPDATE SET name = coalesce(excluded.name, a.name), name_as_of = excluded.name_as_of
        WHERE a.name_as_of IS NULL OR excluded.name_as_of >= a.name_as_of;

        INSERT INTO sub_agencies AS a (code, toptier_code, name, name_as_of)
        SELECT DISTINCT ON (code) code, toptier_code, name, action_date
        FROM (SELECT awarding_sub_agency_code AS code, awarding_agency_code AS toptier_code, awarding_sub_agency_name AS name, action_date FROM loaded_agencies
              UNION ALL
              SELECT funding_sub_agency_code, funding_agency_code, funding_sub_agency_name, action_date FROM loaded_agencies) s
        WHERE code IS NOT NULL
        ORDER BY code, name IS NULL, action_date DESC
        ON CONFLICT (code) DO UPDATE
        SET name = coalesce(excluded.name, a.name), toptier_code = coalesce(excluded.toptier_code, a.toptier_code), name_as_of = excluded.name_as_of
        WHERE a.name_as_of IS NULL OR excluded.name_as_of >= a.name_as_of;

        INSERT INTO offices AS o (code, sub_agency_code, name, name_as_of)
        SELECT DISTINCT ON (code) code, sub_agency_code, name, action_date
        FROM (SELECT awarding_office_code AS code, awarding_sub_agency_code AS sub_agency_code, awarding_office_name AS name, action_date FROM loaded_agencies
              UNION ALL
              SELECT funding_office_code, funding_sub_agency_code, funding_office_name, action_date FROM loaded_agencies) s
        WHERE code IS NOT NULL
        ORDER BY code, name IS NULL, action_date DESC
        ON CONFLICT (code) DO UPDATE
        SET name = coalesce(excluded.name, o.name), sub_agency_code = coalesce(excluded.sub_agency_code, o.sub_agency_code), name_as_of = excluded.name_as_of
        WHERE o.name_as_of IS NULL OR excluded.name_as_of >= o.name_as_of;
        """;
}
