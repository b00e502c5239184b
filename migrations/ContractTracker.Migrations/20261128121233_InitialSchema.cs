using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ContractTracker.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "awards",
                columns: table => new
                {
                    contract_award_unique_key = table.Column<string>(type: "text", nullable: false),
                    award_or_idv_flag = table.Column<string>(type: "text", nullable: true),
                    award_id_piid = table.Column<string>(type: "text", nullable: true),
                    parent_award_id_piid = table.Column<string>(type: "text", nullable: true),
                    parent_award_agency_id = table.Column<string>(type: "text", nullable: true),
                    parent_award_unique_key = table.Column<string>(type: "text", nullable: true),
                    award_type_code = table.Column<string>(type: "text", nullable: true),
                    award_type = table.Column<string>(type: "text", nullable: true),
                    idv_type_code = table.Column<string>(type: "text", nullable: true),
                    idv_type = table.Column<string>(type: "text", nullable: true),
                    awarding_agency_code = table.Column<string>(type: "text", nullable: true),
                    awarding_sub_agency_code = table.Column<string>(type: "text", nullable: true),
                    awarding_office_code = table.Column<string>(type: "text", nullable: true),
                    funding_agency_code = table.Column<string>(type: "text", nullable: true),
                    funding_sub_agency_code = table.Column<string>(type: "text", nullable: true),
                    funding_office_code = table.Column<string>(type: "text", nullable: true),
                    recipient_uei = table.Column<string>(type: "text", nullable: true),
                    recipient_name = table.Column<string>(type: "text", nullable: true),
                    recipient_parent_uei = table.Column<string>(type: "text", nullable: true),
                    recipient_is_sole_proprietorship = table.Column<bool>(type: "boolean", nullable: false),
                    first_action_date = table.Column<DateOnly>(type: "date", nullable: false),
                    last_action_date = table.Column<DateOnly>(type: "date", nullable: false),
                    transaction_count = table.Column<int>(type: "integer", nullable: false),
                    obligated_amount = table.Column<decimal>(type: "numeric(23,2)", nullable: false),
                    current_total_value_of_award = table.Column<decimal>(type: "numeric(23,2)", nullable: true),
                    potential_total_value_of_award = table.Column<decimal>(type: "numeric(23,2)", nullable: true),
                    description = table.Column<string>(type: "text", nullable: true),
                    naics_code = table.Column<string>(type: "text", nullable: true),
                    product_or_service_code = table.Column<string>(type: "text", nullable: true),
                    latest_transaction_key = table.Column<string>(type: "text", nullable: false),
                    usaspending_permalink = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_awards", x => x.contract_award_unique_key);
                });

            migrationBuilder.CreateTable(
                name: "import_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    source = table.Column<string>(type: "text", nullable: false),
                    is_synthetic = table.Column<bool>(type: "boolean", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    message = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "offices",
                columns: table => new
                {
                    code = table.Column<string>(type: "text", nullable: false),
                    sub_agency_code = table.Column<string>(type: "text", nullable: true),
                    name = table.Column<string>(type: "text", nullable: true),
                    name_as_of = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_offices", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "recipient_names",
                columns: table => new
                {
                    uei = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    first_action_date = table.Column<DateOnly>(type: "date", nullable: false),
                    last_action_date = table.Column<DateOnly>(type: "date", nullable: false),
                    transaction_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recipient_names", x => new { x.uei, x.name });
                });

            migrationBuilder.CreateTable(
                name: "recipient_parents",
                columns: table => new
                {
                    uei = table.Column<string>(type: "text", nullable: false),
                    parent_uei = table.Column<string>(type: "text", nullable: false),
                    parent_name = table.Column<string>(type: "text", nullable: true),
                    first_action_date = table.Column<DateOnly>(type: "date", nullable: false),
                    last_action_date = table.Column<DateOnly>(type: "date", nullable: false),
                    transaction_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recipient_parents", x => new { x.uei, x.parent_uei });
                });

            migrationBuilder.CreateTable(
                name: "recipients",
                columns: table => new
                {
                    uei = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: true),
                    duns = table.Column<string>(type: "text", nullable: true),
                    latest_parent_uei = table.Column<string>(type: "text", nullable: true),
                    latest_parent_name = table.Column<string>(type: "text", nullable: true),
                    is_sole_proprietorship = table.Column<bool>(type: "boolean", nullable: false),
                    first_action_date = table.Column<DateOnly>(type: "date", nullable: false),
                    last_action_date = table.Column<DateOnly>(type: "date", nullable: false),
                    transaction_count = table.Column<int>(type: "integer", nullable: false),
                    obligated_amount = table.Column<decimal>(type: "numeric(23,2)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recipients", x => x.uei);
                });

            migrationBuilder.CreateTable(
                name: "sub_agencies",
                columns: table => new
                {
                    code = table.Column<string>(type: "text", nullable: false),
                    toptier_code = table.Column<string>(type: "text", nullable: true),
                    name = table.Column<string>(type: "text", nullable: true),
                    abbreviation = table.Column<string>(type: "text", nullable: true),
                    name_as_of = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sub_agencies", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "toptier_agencies",
                columns: table => new
                {
                    code = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: true),
                    abbreviation = table.Column<string>(type: "text", nullable: true),
                    name_as_of = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_toptier_agencies", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "transaction_tombstones",
                columns: table => new
                {
                    contract_transaction_unique_key = table.Column<string>(type: "text", nullable: false),
                    contract_award_unique_key = table.Column<string>(type: "text", nullable: true),
                    deleted_as_of = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    import_file_id = table.Column<long>(type: "bigint", nullable: false),
                    line_number = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_transaction_tombstones", x => x.contract_transaction_unique_key);
                });

            migrationBuilder.CreateTable(
                name: "transactions",
                columns: table => new
                {
                    contract_transaction_unique_key = table.Column<string>(type: "text", nullable: false),
                    contract_award_unique_key = table.Column<string>(type: "text", nullable: false),
                    award_id_piid = table.Column<string>(type: "text", nullable: true),
                    modification_number = table.Column<string>(type: "text", nullable: true),
                    transaction_number = table.Column<string>(type: "text", nullable: true),
                    parent_award_agency_id = table.Column<string>(type: "text", nullable: true),
                    parent_award_agency_name = table.Column<string>(type: "text", nullable: true),
                    parent_award_id_piid = table.Column<string>(type: "text", nullable: true),
                    federal_action_obligation = table.Column<decimal>(type: "numeric(23,2)", nullable: false),
                    total_dollars_obligated = table.Column<decimal>(type: "numeric(23,2)", nullable: true),
                    total_outlayed_amount_for_overall_award = table.Column<decimal>(type: "numeric(23,2)", nullable: true),
                    base_and_exercised_options_value = table.Column<decimal>(type: "numeric(23,2)", nullable: true),
                    current_total_value_of_award = table.Column<decimal>(type: "numeric(23,2)", nullable: true),
                    base_and_all_options_value = table.Column<decimal>(type: "numeric(23,2)", nullable: true),
                    potential_total_value_of_award = table.Column<decimal>(type: "numeric(23,2)", nullable: true),
                    action_date = table.Column<DateOnly>(type: "date", nullable: false),
                    action_date_fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    period_of_performance_start_date = table.Column<DateOnly>(type: "date", nullable: true),
                    period_of_performance_current_end_date = table.Column<DateOnly>(type: "date", nullable: true),
                    period_of_performance_potential_end_date = table.Column<DateOnly>(type: "date", nullable: true),
                    ordering_period_end_date = table.Column<DateOnly>(type: "date", nullable: true),
                    solicitation_date = table.Column<DateOnly>(type: "date", nullable: true),
                    awarding_agency_code = table.Column<string>(type: "text", nullable: true),
                    awarding_agency_name = table.Column<string>(type: "text", nullable: true),
                    awarding_sub_agency_code = table.Column<string>(type: "text", nullable: true),
                    awarding_sub_agency_name = table.Column<string>(type: "text", nullable: true),
                    awarding_office_code = table.Column<string>(type: "text", nullable: true),
                    awarding_office_name = table.Column<string>(type: "text", nullable: true),
                    funding_agency_code = table.Column<string>(type: "text", nullable: true),
                    funding_agency_name = table.Column<string>(type: "text", nullable: true),
                    funding_sub_agency_code = table.Column<string>(type: "text", nullable: true),
                    funding_sub_agency_name = table.Column<string>(type: "text", nullable: true),
                    funding_office_code = table.Column<string>(type: "text", nullable: true),
                    funding_office_name = table.Column<string>(type: "text", nullable: true),
                    recipient_uei = table.Column<string>(type: "text", nullable: true),
                    recipient_duns = table.Column<string>(type: "text", nullable: true),
                    recipient_name = table.Column<string>(type: "text", nullable: true),
                    recipient_name_raw = table.Column<string>(type: "text", nullable: true),
                    recipient_doing_business_as_name = table.Column<string>(type: "text", nullable: true),
                    cage_code = table.Column<string>(type: "text", nullable: true),
                    recipient_parent_uei = table.Column<string>(type: "text", nullable: true),
                    recipient_parent_duns = table.Column<string>(type: "text", nullable: true),
                    recipient_parent_name = table.Column<string>(type: "text", nullable: true),
                    recipient_parent_name_raw = table.Column<string>(type: "text", nullable: true),
                    recipient_country_code = table.Column<string>(type: "text", nullable: true),
                    recipient_state_code = table.Column<string>(type: "text", nullable: true),
                    primary_place_of_performance_country_code = table.Column<string>(type: "text", nullable: true),
                    primary_place_of_performance_state_code = table.Column<string>(type: "text", nullable: true),
                    sole_proprietorship = table.Column<bool>(type: "boolean", nullable: true),
                    award_or_idv_flag = table.Column<string>(type: "text", nullable: true),
                    award_type_code = table.Column<string>(type: "text", nullable: true),
                    award_type = table.Column<string>(type: "text", nullable: true),
                    idv_type_code = table.Column<string>(type: "text", nullable: true),
                    idv_type = table.Column<string>(type: "text", nullable: true),
                    type_of_contract_pricing_code = table.Column<string>(type: "text", nullable: true),
                    type_of_contract_pricing = table.Column<string>(type: "text", nullable: true),
                    transaction_description = table.Column<string>(type: "text", nullable: true),
                    prime_award_base_transaction_description = table.Column<string>(type: "text", nullable: true),
                    action_type_code = table.Column<string>(type: "text", nullable: true),
                    action_type = table.Column<string>(type: "text", nullable: true),
                    product_or_service_code = table.Column<string>(type: "text", nullable: true),
                    product_or_service_code_description = table.Column<string>(type: "text", nullable: true),
                    naics_code = table.Column<string>(type: "text", nullable: true),
                    naics_description = table.Column<string>(type: "text", nullable: true),
                    extent_competed_code = table.Column<string>(type: "text", nullable: true),
                    extent_competed = table.Column<string>(type: "text", nullable: true),
                    usaspending_permalink = table.Column<string>(type: "text", nullable: true),
                    initial_report_date = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_modified_date = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    import_file_id = table.Column<long>(type: "bigint", nullable: false),
                    record_number = table.Column<long>(type: "bigint", nullable: false),
                    line_number = table.Column<long>(type: "bigint", nullable: false),
                    content_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    raw_record = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_transactions", x => x.contract_transaction_unique_key);
                });

            migrationBuilder.CreateTable(
                name: "import_files",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    import_run_id = table.Column<long>(type: "bigint", nullable: false),
                    file_name = table.Column<string>(type: "text", nullable: false),
                    container_name = table.Column<string>(type: "text", nullable: true),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: true),
                    header = table.Column<string[]>(type: "text[]", nullable: true),
                    status = table.Column<string>(type: "text", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    message = table.Column<string>(type: "text", nullable: true),
                    duplicate_of_file_id = table.Column<long>(type: "bigint", nullable: true),
                    records_read = table.Column<long>(type: "bigint", nullable: false),
                    inserted = table.Column<long>(type: "bigint", nullable: false),
                    updated = table.Column<long>(type: "bigint", nullable: false),
                    deleted = table.Column<long>(type: "bigint", nullable: false),
                    unchanged = table.Column<long>(type: "bigint", nullable: false),
                    stale = table.Column<long>(type: "bigint", nullable: false),
                    superseded = table.Column<long>(type: "bigint", nullable: false),
                    rejected = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_files", x => x.id);
                    table.ForeignKey(
                        name: "fk_import_files_import_files_duplicate_of_file_id",
                        column: x => x.duplicate_of_file_id,
                        principalTable: "import_files",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "fk_import_files_import_runs_import_run_id",
                        column: x => x.import_run_id,
                        principalTable: "import_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "import_rejects",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    import_file_id = table.Column<long>(type: "bigint", nullable: false),
                    record_number = table.Column<long>(type: "bigint", nullable: false),
                    line_number = table.Column<long>(type: "bigint", nullable: false),
                    column_name = table.Column<string>(type: "text", nullable: true),
                    reason = table.Column<string>(type: "text", nullable: false),
                    raw_record = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_rejects", x => x.id);
                    table.ForeignKey(
                        name: "fk_import_rejects_import_files_import_file_id",
                        column: x => x.import_file_id,
                        principalTable: "import_files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_awards_parent_award_unique_key",
                table: "awards",
                column: "parent_award_unique_key");

            migrationBuilder.CreateIndex(
                name: "ix_awards_recipient_parent_uei",
                table: "awards",
                column: "recipient_parent_uei");

            migrationBuilder.CreateIndex(
                name: "ix_awards_recipient_uei",
                table: "awards",
                column: "recipient_uei");

            migrationBuilder.CreateIndex(
                name: "ix_import_files_duplicate_of_file_id",
                table: "import_files",
                column: "duplicate_of_file_id");

            migrationBuilder.CreateIndex(
                name: "ix_import_files_import_run_id",
                table: "import_files",
                column: "import_run_id");

            migrationBuilder.CreateIndex(
                name: "ix_import_files_sha256",
                table: "import_files",
                column: "sha256");

            migrationBuilder.CreateIndex(
                name: "ix_import_rejects_import_file_id_record_number",
                table: "import_rejects",
                columns: new[] { "import_file_id", "record_number" });

            migrationBuilder.CreateIndex(
                name: "ix_offices_sub_agency_code",
                table: "offices",
                column: "sub_agency_code");

            migrationBuilder.CreateIndex(
                name: "ix_recipient_parents_parent_uei",
                table: "recipient_parents",
                column: "parent_uei");

            migrationBuilder.CreateIndex(
                name: "ix_recipients_latest_parent_uei",
                table: "recipients",
                column: "latest_parent_uei");

            migrationBuilder.CreateIndex(
                name: "ix_sub_agencies_toptier_code",
                table: "sub_agencies",
                column: "toptier_code");

            migrationBuilder.CreateIndex(
                name: "ix_transactions_action_date",
                table: "transactions",
                column: "action_date");

            migrationBuilder.CreateIndex(
                name: "ix_transactions_awarding_sub_agency_code_action_date",
                table: "transactions",
                columns: new[] { "awarding_sub_agency_code", "action_date" });

            migrationBuilder.CreateIndex(
                name: "ix_transactions_contract_award_unique_key",
                table: "transactions",
                column: "contract_award_unique_key");

            migrationBuilder.CreateIndex(
                name: "ix_transactions_funding_sub_agency_code_action_date",
                table: "transactions",
                columns: new[] { "funding_sub_agency_code", "action_date" });

            migrationBuilder.CreateIndex(
                name: "ix_transactions_recipient_parent_uei_action_date",
                table: "transactions",
                columns: new[] { "recipient_parent_uei", "action_date" });

            migrationBuilder.CreateIndex(
                name: "ix_transactions_recipient_uei_action_date",
                table: "transactions",
                columns: new[] { "recipient_uei", "action_date" });

            // Rows of about 2.8 KB (typed columns plus the raw record) stay inline and uncompressed: TOAST compression
            // was most of the load's server time (README, "How records are stored").
            migrationBuilder.Sql("ALTER TABLE transactions SET (toast_tuple_target = 8160);");

            // For analysts in psql: every source column of a transaction, read from its raw record by name,
            // e.g. SELECT transaction_source_value(t, 'recipient_city_name') FROM transactions t.
            migrationBuilder.Sql("""
                CREATE FUNCTION csv_fields(record text) RETURNS text[]
                LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
                DECLARE
                  fields text[] := '{}';
                  n int := length(record);
                  i int := 1;
                  j int;
                  field text;
                BEGIN
                  LOOP
                    IF substr(record, i, 1) = '"' THEN
                      field := '';
                      i := i + 1;
                      LOOP
                        j := strpos(substr(record, i), '"');
                        IF j = 0 THEN
                          field := field || substr(record, i);
                          i := n + 1;
                          EXIT;
                        END IF;
                        field := field || substr(record, i, j - 1);
                        i := i + j;
                        IF substr(record, i, 1) = '"' THEN
                          field := field || '"';
                          i := i + 1;
                        ELSE
                          EXIT;
                        END IF;
                      END LOOP;
                      j := strpos(substr(record, i), ',');
                    ELSE
                      j := strpos(substr(record, i), ',');
                      field := CASE WHEN j = 0 THEN substr(record, i) ELSE substr(record, i, j - 1) END;
                    END IF;
                    fields := fields || field;
                    EXIT WHEN j = 0;
                    i := i + j;
                  END LOOP;
                  RETURN fields;
                END $$;

                COMMENT ON FUNCTION csv_fields(text) IS 'Splits one RFC 4180 CSV record into its field values.';

                CREATE FUNCTION transaction_source_value(t transactions, column_name text) RETURNS text
                LANGUAGE sql STABLE AS $$
                  SELECT nullif((csv_fields(t.raw_record))[array_position(f.header, column_name)], '')
                  FROM import_files f WHERE f.id = t.import_file_id
                $$;

                COMMENT ON FUNCTION transaction_source_value(transactions, text) IS
                  'The value of any source column of a transaction, by its name in the file it came from (NULL when empty or absent).';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION transaction_source_value(transactions, text); DROP FUNCTION csv_fields(text);");

            migrationBuilder.DropTable(
                name: "awards");

            migrationBuilder.DropTable(
                name: "import_rejects");

            migrationBuilder.DropTable(
                name: "offices");

            migrationBuilder.DropTable(
                name: "recipient_names");

            migrationBuilder.DropTable(
                name: "recipient_parents");

            migrationBuilder.DropTable(
                name: "recipients");

            migrationBuilder.DropTable(
                name: "sub_agencies");

            migrationBuilder.DropTable(
                name: "toptier_agencies");

            migrationBuilder.DropTable(
                name: "transaction_tombstones");

            migrationBuilder.DropTable(
                name: "transactions");

            migrationBuilder.DropTable(
                name: "import_files");

            migrationBuilder.DropTable(
                name: "import_runs");
        }
    }
}
