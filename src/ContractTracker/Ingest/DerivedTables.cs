using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ContractTracker.Ingest;

/// <summary>
/// Recomputes what is derived from transactions, for what one file touched only: the awards and recipients listed in
/// the temporary tables <c>touched_awards</c> and <c>touched_recipients</c>, and the agencies and offices named by the
/// records of <c>plan</c> that were loaded. Runs in the file's transaction.
/// </summary>
/// <remarks>
/// The transactions involved are read once, into a narrow temporary table (<c>derive_tx</c>), and every aggregate is
/// computed from it: the ~3 KB rows of <c>transactions</c> are not scanned again for each derived table. Only the
/// latest action of each touched award is read again, by key, for the award's descriptive columns.
/// </remarks>
internal static class DerivedTables
{
    private const string LatestFirst = "action_date DESC, last_modified_date DESC, contract_transaction_unique_key DESC";

    public static async Task RecomputeAsync(NpgsqlConnection connection, ILogger logger, CancellationToken ct)
    {
        foreach (var (name, sql) in Steps)
        {
            var clock = Stopwatch.StartNew();
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync(ct);
            logger.LogDebug("Derived {Step} in {Seconds:0.00} s", name, clock.Elapsed.TotalSeconds);
        }
    }

    private static readonly (string Name, string Sql)[] Steps =
    [
        ("transactions involved", """
            ANALYZE touched_awards;
            ANALYZE touched_recipients;

            CREATE TEMP TABLE derive_tx ON COMMIT DROP AS
            SELECT t.contract_transaction_unique_key, t.contract_award_unique_key, t.action_date, t.action_date_fiscal_year,
                   t.last_modified_date, t.federal_action_obligation, t.import_file_id, t.sole_proprietorship,
                   t.recipient_uei, t.recipient_duns, t.recipient_name, t.recipient_name_raw, t.recipient_parent_uei, t.recipient_parent_name,
                   t.awarding_agency_code, t.awarding_agency_name, t.awarding_sub_agency_code, t.awarding_sub_agency_name,
                   t.awarding_office_code, t.awarding_office_name,
                   t.funding_agency_code, t.funding_agency_name, t.funding_sub_agency_code, t.funding_sub_agency_name,
                   t.funding_office_code, t.funding_office_name
            FROM transactions t
            WHERE t.contract_award_unique_key = ANY(ARRAY(SELECT key FROM touched_awards))
               OR t.recipient_uei = ANY(ARRAY(SELECT uei FROM touched_recipients));

            ANALYZE derive_tx;
            """),
        ("awards", $"""
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
                SELECT d.contract_award_unique_key,
                       min(d.action_date) AS first_action_date, max(d.action_date) AS last_action_date,
                       count(*) AS transaction_count, sum(d.federal_action_obligation) AS obligated_amount,
                       bool_or(coalesce(d.sole_proprietorship, false)) AS sole_proprietorship,
                       (array_agg(d.contract_transaction_unique_key ORDER BY {LatestFirst}))[1] AS latest_key
                FROM derive_tx d JOIN touched_awards k ON k.key = d.contract_award_unique_key
                GROUP BY d.contract_award_unique_key
            ) a
            JOIN transactions l ON l.contract_transaction_unique_key = a.latest_key;
            """),
        ("recipients", $"""
            DELETE FROM recipients r USING touched_recipients k WHERE r.uei = k.uei;

            INSERT INTO recipients (uei, name, duns, latest_parent_uei, latest_parent_name, is_sole_proprietorship,
                                    first_action_date, last_action_date, transaction_count, obligated_amount, import_file_ids)
            SELECT d.recipient_uei,
                   (array_agg(d.recipient_name ORDER BY {LatestFirst}))[1],
                   (array_agg(d.recipient_duns ORDER BY {LatestFirst}))[1],
                   (array_agg(d.recipient_parent_uei ORDER BY {LatestFirst}))[1],
                   (array_agg(d.recipient_parent_name ORDER BY {LatestFirst}))[1],
                   bool_or(coalesce(d.sole_proprietorship, false)),
                   min(d.action_date), max(d.action_date), count(*), sum(d.federal_action_obligation),
                   array_agg(DISTINCT d.import_file_id ORDER BY d.import_file_id)
            FROM derive_tx d JOIN touched_recipients k ON k.uei = d.recipient_uei
            GROUP BY d.recipient_uei;
            """),
        ("recipient names", """
            DELETE FROM recipient_names n USING touched_recipients k WHERE n.uei = k.uei;

            INSERT INTO recipient_names (uei, name, first_action_date, last_action_date, transaction_count)
            SELECT d.recipient_uei, v.name, min(d.action_date), max(d.action_date), count(*)
            FROM derive_tx d
            JOIN touched_recipients k ON k.uei = d.recipient_uei
            CROSS JOIN LATERAL (VALUES (d.recipient_name),
                                       (CASE WHEN d.recipient_name_raw IS DISTINCT FROM d.recipient_name THEN d.recipient_name_raw END)) v(name)
            WHERE v.name IS NOT NULL
            GROUP BY d.recipient_uei, v.name;
            """),
        ("recipient parents", $"""
            DELETE FROM recipient_parents p USING touched_recipients k WHERE p.uei = k.uei;

            INSERT INTO recipient_parents (uei, parent_uei, parent_name, first_action_date, last_action_date, transaction_count, obligated_amount)
            SELECT d.recipient_uei, coalesce(d.recipient_parent_uei, d.recipient_uei),
                   (array_agg(coalesce(d.recipient_parent_name, d.recipient_name) ORDER BY {LatestFirst})
                       FILTER (WHERE coalesce(d.recipient_parent_name, d.recipient_name) IS NOT NULL))[1],
                   min(d.action_date), max(d.action_date), count(*), sum(d.federal_action_obligation)
            FROM derive_tx d JOIN touched_recipients k ON k.uei = d.recipient_uei
            GROUP BY 1, 2;
            """),
        ("relationship fiscal years", """
            DELETE FROM relationship_fiscal_years r USING touched_recipients k WHERE r.recipient_uei = k.uei;

            INSERT INTO relationship_fiscal_years (
                recipient_uei, reported_parent_uei, awarding_agency_code, awarding_sub_agency_code, awarding_office_code,
                funding_agency_code, funding_sub_agency_code, funding_office_code, fiscal_year,
                obligated_amount, transaction_count, first_action_date, last_action_date, import_file_ids)
            SELECT d.recipient_uei, coalesce(d.recipient_parent_uei, d.recipient_uei),
                   d.awarding_agency_code, d.awarding_sub_agency_code, d.awarding_office_code,
                   d.funding_agency_code, d.funding_sub_agency_code, d.funding_office_code, d.action_date_fiscal_year,
                   sum(d.federal_action_obligation), count(*), min(d.action_date), max(d.action_date),
                   array_agg(DISTINCT d.import_file_id ORDER BY d.import_file_id)
            FROM derive_tx d JOIN touched_recipients k ON k.uei = d.recipient_uei
            GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
            """),
        ("agencies", """
            CREATE TEMP TABLE loaded_agencies ON COMMIT DROP AS
            SELECT d.* FROM derive_tx d JOIN plan p ON p.transaction_key = d.contract_transaction_unique_key
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
            """),
    ];
}
