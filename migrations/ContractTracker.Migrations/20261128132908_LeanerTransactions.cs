using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ContractTracker.Migrations
{
    /// <inheritdoc />
    public partial class LeanerTransactions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_transactions_awarding_agency_code_action_date",
                table: "transactions");

            migrationBuilder.DropIndex(
                name: "ix_transactions_funding_agency_code_action_date",
                table: "transactions");

            migrationBuilder.DropColumn(
                name: "parent_award_agency_name",
                table: "transactions");

            migrationBuilder.DropColumn(
                name: "recipient_doing_business_as_name",
                table: "transactions");

            migrationBuilder.DropColumn(
                name: "recipient_parent_name_raw",
                table: "transactions");

            migrationBuilder.DropColumn(
                name: "usaspending_permalink",
                table: "transactions");

            migrationBuilder.DropColumn(
                name: "usaspending_permalink",
                table: "awards");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "parent_award_agency_name",
                table: "transactions",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "recipient_doing_business_as_name",
                table: "transactions",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "recipient_parent_name_raw",
                table: "transactions",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "usaspending_permalink",
                table: "transactions",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "usaspending_permalink",
                table: "awards",
                type: "text",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_transactions_awarding_agency_code_action_date",
                table: "transactions",
                columns: new[] { "awarding_agency_code", "action_date" });

            migrationBuilder.CreateIndex(
                name: "ix_transactions_funding_agency_code_action_date",
                table: "transactions",
                columns: new[] { "funding_agency_code", "action_date" });
        }
    }
}
