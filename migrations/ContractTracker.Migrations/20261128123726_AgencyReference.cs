using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ContractTracker.Migrations
{
    /// <inheritdoc />
    public partial class AgencyReference : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            // The federal agency code list shipped with the engine (Agencies/Reference): names and abbreviations such as ICE.
            migrationBuilder.Sql(ContractTracker.Agencies.AgencyReference.UpsertSql());

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("UPDATE toptier_agencies SET abbreviation = NULL; UPDATE sub_agencies SET abbreviation = NULL;");
    }
}
