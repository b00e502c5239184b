using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ContractTracker.Ingest;

/// <summary>
/// Recomputes what is derived from transactions, for what one file touched only: the awards and recipients listed in
/// the temporary tables <c>touched_awards</c> and <c>touched_recipients</c>, and the agencies and offices they name.
/// Runs in the file's transaction.
/// </summary>
/// <remarks>
/// Nothing here reads the loaded rows back: the file's records arrive as partial aggregates built while they were
/// copied (<see cref="LoadedAggregates"/>), and the rows already stored for the touched awards and recipients as
/// partials computed before the load; the two merge in <c>award_partials</c> and <c>group_partials</c>. Groups are
/// per recipient, parent, names, agency codes and names, fiscal year and file: a few rows per recipient and office,
/// from which recipients, names, parents, fiscal-year totals and agency names are small aggregations. Only each
/// touched award's latest action is read again, by key, for the award's descriptive columns.
/// </remarks>
internal static class DerivedTables
{
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
        ("awards", """
            DELETE FROM awards a USING touched_awards k WHERE a.contract_award_unique_key = k.key;

            CREATE TEMP TABLE award_totals ON COMMIT DROP AS
            SELECT p.award_key AS contract_award_unique_key,
                   min(p.first_action_date) AS first_action_date, max(p.last_action_date) AS last_action_date,
                   sum(p.transaction_count) AS transaction_count, sum(p.obligated_amount) AS obligated_amount,
                   bool_or(p.sole_proprietorship) AS sole_proprietorship
            FROM award_partials p
            GROUP BY p.award_key;

            CREATE TEMP TABLE award_latest ON COMMIT DROP AS
            SELECT DISTINCT ON (p.award_key) p.award_key AS contract_award_unique_key, p.latest_key
            FROM award_partials p
            ORDER BY p.award_key, p.latest_action_date DESC, p.latest_modified DESC, p.latest_key COLLATE "C" DESC;
            ANALYZE award_latest;

            INSERT INTO awards (
                contract_award_unique_key, award_or_idv_flag, award_id_piid, parent_award_id_piid, parent_award_agency_id,
                parent_award_unique_key, award_type_code, award_type, idv_type_code, idv_type,
                awarding_agency_code, awarding_sub_agency_code, awarding_office_code,
                funding_agency_code, funding_sub_agency_code, funding_office_code,
                recipient_uei, recipient_name, recipient_parent_uei, recipient_is_sole_proprietorship,
                first_action_date, last_action_date, transaction_count, obligated_amount,
                current_total_value_of_award, potential_total_value_of_award,
                description, naics_code, product_or_service_code, latest_transaction_key)
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
                   l.contract_transaction_unique_key
            FROM award_totals a
            JOIN award_latest k USING (contract_award_unique_key)
            JOIN transactions l ON l.contract_transaction_unique_key = k.latest_key;
            """),
        ("recipient groups", """
            CREATE TEMP TABLE derive_groups ON COMMIT DROP AS
            SELECT p.recipient_uei, p.reported_parent_uei, p.recipient_name, p.recipient_name_raw, p.recipient_parent_name, p.recipient_duns,
                   p.awarding_agency_code, p.awarding_agency_name, p.awarding_sub_agency_code, p.awarding_sub_agency_name,
                   p.awarding_office_code, p.awarding_office_name,
                   p.funding_agency_code, p.funding_agency_name, p.funding_sub_agency_code, p.funding_sub_agency_name,
                   p.funding_office_code, p.funding_office_name,
                   p.fiscal_year, p.import_file_id,
                   sum(p.obligated_amount) AS obligated_amount, sum(p.transaction_count) AS transaction_count,
                   min(p.first_action_date) AS first_action_date, max(p.last_action_date) AS last_action_date,
                   max(p.last_modified_date) AS last_modified_date, bool_or(p.sole_proprietorship) AS sole_proprietorship
            FROM group_partials p
            GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20;
            ANALYZE derive_groups;

            CREATE TEMP TABLE touched_groups ON COMMIT DROP AS
            SELECT g.* FROM derive_groups g WHERE g.recipient_uei IN (SELECT uei FROM touched_recipients);
            """),
        ("recipients", """
            DELETE FROM recipients r USING touched_recipients k WHERE r.uei = k.uei;

            INSERT INTO recipients (uei, name, duns, latest_parent_uei, latest_parent_name, is_sole_proprietorship,
                                    first_action_date, last_action_date, transaction_count, obligated_amount, import_file_ids)
            SELECT g.recipient_uei, l.recipient_name, l.recipient_duns, l.reported_parent_uei,
                   coalesce(l.recipient_parent_name, l.recipient_name),
                   bool_or(g.sole_proprietorship), min(g.first_action_date), max(g.last_action_date),
                   sum(g.transaction_count), sum(g.obligated_amount),
                   array_agg(DISTINCT g.import_file_id ORDER BY g.import_file_id)
            FROM touched_groups g
            JOIN (SELECT DISTINCT ON (recipient_uei) recipient_uei, recipient_name, recipient_duns, reported_parent_uei, recipient_parent_name
                  FROM touched_groups
                  ORDER BY recipient_uei, last_action_date DESC, last_modified_date DESC, recipient_name) l USING (recipient_uei)
            GROUP BY g.recipient_uei, l.recipient_name, l.recipient_duns, l.reported_parent_uei, l.recipient_parent_name;
            """),
        ("recipient names", """
            DELETE FROM recipient_names n USING touched_recipients k WHERE n.uei = k.uei;

            INSERT INTO recipient_names (uei, name, first_action_date, last_action_date, transaction_count,
                                         recipient_obligated_amount, recipient_is_sole_proprietorship)
            SELECT g.recipient_uei, v.name, min(g.first_action_date), max(g.last_action_date), sum(g.transaction_count),
                   r.obligated_amount, r.is_sole_proprietorship
            FROM touched_groups g
            JOIN recipients r ON r.uei = g.recipient_uei
            CROSS JOIN LATERAL (VALUES (g.recipient_name),
                                       (CASE WHEN g.recipient_name_raw IS DISTINCT FROM g.recipient_name THEN g.recipient_name_raw END)) v(name)
            WHERE v.name IS NOT NULL
            GROUP BY g.recipient_uei, v.name, r.obligated_amount, r.is_sole_proprietorship;

            -- The vocabulary search expands query words against: companies' words only, never a person's.
            INSERT INTO name_words (word)
            SELECT DISTINCT w
            FROM recipient_names n JOIN touched_recipients k ON k.uei = n.uei, unnest(n.words) w
            WHERE NOT n.recipient_is_sole_proprietorship
            ON CONFLICT (word) DO NOTHING;
            """),
        ("recipient parents", """
            DELETE FROM recipient_parents p USING touched_recipients k WHERE p.uei = k.uei;

            INSERT INTO recipient_parents (uei, parent_uei, parent_name, first_action_date, last_action_date, transaction_count, obligated_amount)
            SELECT g.recipient_uei, g.reported_parent_uei,
                   (array_agg(coalesce(g.recipient_parent_name, g.recipient_name) ORDER BY g.last_action_date DESC, g.last_modified_date DESC)
                       FILTER (WHERE coalesce(g.recipient_parent_name, g.recipient_name) IS NOT NULL))[1],
                   min(g.first_action_date), max(g.last_action_date), sum(g.transaction_count), sum(g.obligated_amount)
            FROM touched_groups g
            GROUP BY g.recipient_uei, g.reported_parent_uei;
            """),
        ("relationship fiscal years", """
            DELETE FROM relationship_fiscal_years r USING touched_recipients k WHERE r.recipient_uei = k.uei;

            INSERT INTO relationship_fiscal_years (
                recipient_uei, reported_parent_uei, awarding_agency_code, awarding_sub_agency_code, awarding_office_code,
                funding_agency_code, funding_sub_agency_code, funding_office_code, fiscal_year,
                obligated_amount, transaction_count, first_action_date, last_action_date, import_file_ids)
            SELECT g.recipient_uei, g.reported_parent_uei, g.awarding_agency_code, g.awarding_sub_agency_code, g.awarding_office_code,
                   g.funding_agency_code, g.funding_sub_agency_code, g.funding_office_code, g.fiscal_year,
                   sum(g.obligated_amount), sum(g.transaction_count), min(g.first_action_date), max(g.last_action_date),
                   array_agg(DISTINCT g.import_file_id ORDER BY g.import_file_id)
            FROM touched_groups g
            GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
            """),
        ("agencies", """
            CREATE TEMP TABLE agency_names ON COMMIT DROP AS
            SELECT v.level, v.code, v.parent_code, v.name, max(g.last_action_date) AS seen
            FROM derive_groups g
            CROSS JOIN LATERAL (VALUES
                (0, g.awarding_agency_code, NULL, g.awarding_agency_name),
                (1, g.awarding_sub_agency_code, g.awarding_agency_code, g.awarding_sub_agency_name),
                (2, g.awarding_office_code, g.awarding_sub_agency_code, g.awarding_office_name),
                (0, g.funding_agency_code, NULL, g.funding_agency_name),
                (1, g.funding_sub_agency_code, g.funding_agency_code, g.funding_sub_agency_name),
                (2, g.funding_office_code, g.funding_sub_agency_code, g.funding_office_name)) v(level, code, parent_code, name)
            WHERE v.code IS NOT NULL
            GROUP BY 1, 2, 3, 4;

            INSERT INTO toptier_agencies AS a (code, name, name_as_of)
            SELECT DISTINCT ON (code) code, name, seen FROM agency_names WHERE level = 0 ORDER BY code, name IS NULL, seen DESC
            ON CONFLICT (code) DO UPDATE SET name = coalesce(excluded.name, a.name), name_as_of = excluded.name_as_of
            WHERE a.name_as_of IS NULL OR excluded.name_as_of >= a.name_as_of;

            INSERT INTO sub_agencies AS a (code, toptier_code, name, name_as_of)
            SELECT DISTINCT ON (code) code, parent_code, name, seen FROM agency_names WHERE level = 1 ORDER BY code, name IS NULL, seen DESC
            ON CONFLICT (code) DO UPDATE
            SET name = coalesce(excluded.name, a.name), toptier_code = coalesce(excluded.toptier_code, a.toptier_code), name_as_of = excluded.name_as_of
            WHERE a.name_as_of IS NULL OR excluded.name_as_of >= a.name_as_of;

            INSERT INTO offices AS o (code, sub_agency_code, name, name_as_of)
            SELECT DISTINCT ON (code) code, parent_code, name, seen FROM agency_names WHERE level = 2 ORDER BY code, name IS NULL, seen DESC
            ON CONFLICT (code) DO UPDATE
            SET name = coalesce(excluded.name, o.name), sub_agency_code = coalesce(excluded.sub_agency_code, o.sub_agency_code), name_as_of = excluded.name_as_of
            WHERE o.name_as_of IS NULL OR excluded.name_as_of >= o.name_as_of;
            """),
    ];
}
