using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ContractTracker.Migrations
{
    /// <inheritdoc />
    public partial class JournalistReadModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Vendor search: trigram matching on names normalised the same way for the data and the query, so case,
            // punctuation and small typos do not matter ("Acme Widgets, L.L.C." = "ACME WIDGETS LLC").
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("""
                CREATE FUNCTION normalize_name(name text) RETURNS text
                LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
                  SELECT btrim(regexp_replace(regexp_replace(upper(name), '[.,''"`]', '', 'g'), '[^A-Z0-9]+', ' ', 'g'))
                $$;
                COMMENT ON FUNCTION normalize_name(text) IS
                  'Upper-cases a name, drops . , quotes and apostrophes, turns other punctuation into spaces and collapses them.';
                """);

            migrationBuilder.DropIndex(
                name: "ix_transactions_recipient_parent_uei_action_date",
                table: "transactions");

            migrationBuilder.DropIndex(
                name: "ix_transactions_recipient_uei_action_date",
                table: "transactions");

            migrationBuilder.AddColumn<long[]>(
                name: "import_file_ids",
                table: "recipients",
                type: "bigint[]",
                nullable: false,
                defaultValue: new long[0]);

            migrationBuilder.AddColumn<decimal>(
                name: "obligated_amount",
                table: "recipient_parents",
                type: "numeric(23,2)",
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<string>(
                name: "normalized_name",
                table: "recipient_names",
                type: "text",
                nullable: false,
                computedColumnSql: "normalize_name(name)",
                stored: true);

            migrationBuilder.CreateTable(
                name: "relationship_fiscal_years",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    recipient_uei = table.Column<string>(type: "text", nullable: false),
                    reported_parent_uei = table.Column<string>(type: "text", nullable: false),
                    awarding_agency_code = table.Column<string>(type: "text", nullable: true),
                    awarding_sub_agency_code = table.Column<string>(type: "text", nullable: true),
                    awarding_office_code = table.Column<string>(type: "text", nullable: true),
                    funding_agency_code = table.Column<string>(type: "text", nullable: true),
                    funding_sub_agency_code = table.Column<string>(type: "text", nullable: true),
                    funding_office_code = table.Column<string>(type: "text", nullable: true),
                    fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    obligated_amount = table.Column<decimal>(type: "numeric(23,2)", nullable: false),
                    transaction_count = table.Column<int>(type: "integer", nullable: false),
                    first_action_date = table.Column<DateOnly>(type: "date", nullable: false),
                    last_action_date = table.Column<DateOnly>(type: "date", nullable: false),
                    import_file_ids = table.Column<long[]>(type: "bigint[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_relationship_fiscal_years", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_transactions_awarding_agency_code_action_date",
                table: "transactions",
                columns: new[] { "awarding_agency_code", "action_date" });

            migrationBuilder.CreateIndex(
                name: "ix_transactions_funding_agency_code_action_date",
                table: "transactions",
                columns: new[] { "funding_agency_code", "action_date" });

            migrationBuilder.CreateIndex(
                name: "ix_transactions_recipient_uei_action_date",
                table: "transactions",
                columns: new[] { "recipient_uei", "action_date" })
                .Annotation("Npgsql:IndexInclude", new[] { "recipient_parent_uei", "contract_award_unique_key", "federal_action_obligation", "import_file_id", "awarding_agency_code", "awarding_sub_agency_code", "awarding_office_code", "funding_agency_code", "funding_sub_agency_code", "funding_office_code" });

            migrationBuilder.CreateIndex(
                name: "ix_recipients_duns",
                table: "recipients",
                column: "duns");

            migrationBuilder.CreateIndex(
                name: "ix_recipient_names_normalized_name",
                table: "recipient_names",
                column: "normalized_name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_relationship_fiscal_years_awarding_agency_code_fiscal_year",
                table: "relationship_fiscal_years",
                columns: new[] { "awarding_agency_code", "fiscal_year" });

            migrationBuilder.CreateIndex(
                name: "ix_relationship_fiscal_years_awarding_office_code_fiscal_year",
                table: "relationship_fiscal_years",
                columns: new[] { "awarding_office_code", "fiscal_year" });

            migrationBuilder.CreateIndex(
                name: "ix_relationship_fiscal_years_awarding_sub_agency_code_fiscal_y",
                table: "relationship_fiscal_years",
                columns: new[] { "awarding_sub_agency_code", "fiscal_year" });

            migrationBuilder.CreateIndex(
                name: "ix_relationship_fiscal_years_funding_agency_code_fiscal_year",
                table: "relationship_fiscal_years",
                columns: new[] { "funding_agency_code", "fiscal_year" });

            migrationBuilder.CreateIndex(
                name: "ix_relationship_fiscal_years_funding_office_code_fiscal_year",
                table: "relationship_fiscal_years",
                columns: new[] { "funding_office_code", "fiscal_year" });

            migrationBuilder.CreateIndex(
                name: "ix_relationship_fiscal_years_funding_sub_agency_code_fiscal_ye",
                table: "relationship_fiscal_years",
                columns: new[] { "funding_sub_agency_code", "fiscal_year" });

            migrationBuilder.CreateIndex(
                name: "ix_relationship_fiscal_years_recipient_uei",
                table: "relationship_fiscal_years",
                column: "recipient_uei");

            migrationBuilder.CreateIndex(
                name: "ix_relationship_fiscal_years_reported_parent_uei",
                table: "relationship_fiscal_years",
                column: "reported_parent_uei");

            // A family's actions (by the parent each action reported, or the recipient itself when it reported none)
            // in date order, covering what relationship queries aggregate. EF Core cannot model expression indexes.
            migrationBuilder.Sql("""
                CREATE INDEX ix_transactions_reported_parent_action_date
                ON transactions ((coalesce(recipient_parent_uei, recipient_uei)), action_date)
                INCLUDE (recipient_uei, contract_award_unique_key, federal_action_obligation, import_file_id,
                         awarding_agency_code, awarding_sub_agency_code, awarding_office_code,
                         funding_agency_code, funding_sub_agency_code, funding_office_code);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_transactions_reported_parent_action_date;");

            migrationBuilder.DropTable(
                name: "relationship_fiscal_years");

            migrationBuilder.DropIndex(
                name: "ix_transactions_awarding_agency_code_action_date",
                table: "transactions");

            migrationBuilder.DropIndex(
                name: "ix_transactions_funding_agency_code_action_date",
                table: "transactions");

            migrationBuilder.DropIndex(
                name: "ix_transactions_recipient_uei_action_date",
                table: "transactions");

            migrationBuilder.DropIndex(
                name: "ix_recipients_duns",
                table: "recipients");

            migrationBuilder.DropIndex(
                name: "ix_recipient_names_normalized_name",
                table: "recipient_names");

            migrationBuilder.DropColumn(
                name: "normalized_name",
                table: "recipient_names");

            migrationBuilder.DropColumn(
                name: "import_file_ids",
                table: "recipients");

            migrationBuilder.DropColumn(
                name: "obligated_amount",
                table: "recipient_parents");

            migrationBuilder.CreateIndex(
                name: "ix_transactions_recipient_parent_uei_action_date",
                table: "transactions",
                columns: new[] { "recipient_parent_uei", "action_date" });

            migrationBuilder.CreateIndex(
                name: "ix_transactions_recipient_uei_action_date",
                table: "transactions",
                columns: new[] { "recipient_uei", "action_date" });

            migrationBuilder.Sql("DROP FUNCTION normalize_name(text);");
        }
    }
}
