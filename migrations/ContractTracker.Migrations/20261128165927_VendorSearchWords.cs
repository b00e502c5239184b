using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ContractTracker.Migrations
{
    /// <inheritdoc />
    public partial class VendorSearchWords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_recipient_names_normalized_name",
                table: "recipient_names");

            migrationBuilder.AddColumn<bool>(
                name: "recipient_is_sole_proprietorship",
                table: "recipient_names",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<decimal>(
                name: "recipient_obligated_amount",
                table: "recipient_names",
                type: "numeric(23,2)",
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<string[]>(
                name: "words",
                table: "recipient_names",
                type: "text[]",
                nullable: false,
                computedColumnSql: "string_to_array(normalize_name(name), ' ')",
                stored: true);

            migrationBuilder.CreateTable(
                name: "name_words",
                columns: table => new
                {
                    word = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_name_words", x => x.word);
                });

            // Names already derived get their recipient's total and flag, and the vocabulary their (companies') words.
            migrationBuilder.Sql("""
                UPDATE recipient_names n
                SET recipient_obligated_amount = r.obligated_amount, recipient_is_sole_proprietorship = r.is_sole_proprietorship
                FROM recipients r WHERE r.uei = n.uei;

                INSERT INTO name_words (word)
                SELECT DISTINCT w FROM recipient_names n, unnest(n.words) w WHERE NOT n.recipient_is_sole_proprietorship;
                """);

            migrationBuilder.CreateIndex(
                name: "ix_recipient_names_words",
                table: "recipient_names",
                column: "words")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_name_words_word_trgm",
                table: "name_words",
                column: "word")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "name_words");

            migrationBuilder.DropIndex(
                name: "ix_recipient_names_words",
                table: "recipient_names");

            migrationBuilder.DropColumn(
                name: "words",
                table: "recipient_names");

            migrationBuilder.DropColumn(
                name: "recipient_is_sole_proprietorship",
                table: "recipient_names");

            migrationBuilder.DropColumn(
                name: "recipient_obligated_amount",
                table: "recipient_names");

            migrationBuilder.CreateIndex(
                name: "ix_recipient_names_normalized_name",
                table: "recipient_names",
                column: "normalized_name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }
    }
}
