using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ContractTracker.Migrations
{
    /// <inheritdoc />
    public partial class ApiSpeed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A family's actions (by the parent each action reported, or the recipient itself when it reported none) by
            // awarding sub-tier, then in (date, key) order: a family with one sub-tier is one index range, and a page of a
            // family's actions in date order merges one short range per sub-tier. It includes both UEIs the expression
            // reads, since PostgreSQL plans an index-only scan only when every column a query names is in the index, and
            // the other agency columns, so aggregates through any agency never visit the ~3 KB heap rows. EF Core cannot
            // model expression indexes.
            migrationBuilder.Sql("DROP INDEX ix_transactions_reported_parent_action_date;");
            migrationBuilder.Sql("""
                CREATE INDEX ix_transactions_reported_parent_sub_agency_action_date
                ON transactions ((coalesce(recipient_parent_uei, recipient_uei)), awarding_sub_agency_code, action_date,
                                 contract_transaction_unique_key)
                INCLUDE (recipient_uei, recipient_parent_uei, contract_award_unique_key, federal_action_obligation, import_file_id,
                         awarding_agency_code, awarding_office_code, funding_agency_code, funding_sub_agency_code, funding_office_code);
                """);

            migrationBuilder.DropIndex(
                name: "ix_transactions_action_date",
                table: "transactions");

            migrationBuilder.DropIndex(
                name: "ix_transactions_contract_award_unique_key",
                table: "transactions");

            migrationBuilder.DropIndex(
                name: "ix_awards_parent_award_unique_key",
                table: "awards");

            migrationBuilder.CreateIndex(
                name: "ix_transactions_action_date_contract_transaction_unique_key",
                table: "transactions",
                columns: new[] { "action_date", "contract_transaction_unique_key" });

            migrationBuilder.CreateIndex(
                name: "ix_transactions_awarding_sub_agency_code_action_date_fiscal_ye",
                table: "transactions",
                columns: new[] { "awarding_sub_agency_code", "action_date_fiscal_year", "federal_action_obligation" });

            migrationBuilder.CreateIndex(
                name: "ix_transactions_contract_award_unique_key",
                table: "transactions",
                column: "contract_award_unique_key")
                .Annotation("Npgsql:IndexInclude", new[] { "import_file_id" });

            migrationBuilder.CreateIndex(
                name: "ix_recipients_sole_proprietors",
                table: "recipients",
                column: "uei",
                filter: "is_sole_proprietorship");

            migrationBuilder.CreateIndex(
                name: "ix_awards_parent_award_unique_key_first_action_date_contract_a",
                table: "awards",
                columns: new[] { "parent_award_unique_key", "first_action_date", "contract_award_unique_key" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_transactions_reported_parent_sub_agency_action_date;");
            migrationBuilder.Sql("""
                CREATE INDEX ix_transactions_reported_parent_action_date
                ON transactions ((coalesce(recipient_parent_uei, recipient_uei)), action_date)
                INCLUDE (recipient_uei, contract_award_unique_key, federal_action_obligation, import_file_id,
                         awarding_agency_code, awarding_sub_agency_code, awarding_office_code,
                         funding_agency_code, funding_sub_agency_code, funding_office_code);
                """);

            migrationBuilder.DropIndex(
                name: "ix_transactions_action_date_contract_transaction_unique_key",
                table: "transactions");

            migrationBuilder.DropIndex(
                name: "ix_transactions_awarding_sub_agency_code_action_date_fiscal_ye",
                table: "transactions");

            migrationBuilder.DropIndex(
                name: "ix_transactions_contract_award_unique_key",
                table: "transactions");

            migrationBuilder.DropIndex(
                name: "ix_recipients_sole_proprietors",
                table: "recipients");

            migrationBuilder.DropIndex(
                name: "ix_awards_parent_award_unique_key_first_action_date_contract_a",
                table: "awards");

            migrationBuilder.CreateIndex(
                name: "ix_transactions_action_date",
                table: "transactions",
                column: "action_date");

            migrationBuilder.CreateIndex(
                name: "ix_transactions_contract_award_unique_key",
                table: "transactions",
                column: "contract_award_unique_key");

            migrationBuilder.CreateIndex(
                name: "ix_awards_parent_award_unique_key",
                table: "awards",
                column: "parent_award_unique_key");
        }
    }
}
