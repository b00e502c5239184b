using ContractTracker.Exports;
using ContractTracker.Ingest;
using ContractTracker.Ingest.Format;
using ContractTracker.Testing;
using Npgsql;

namespace ContractTracker.Tests.Exports;

public sealed class RawExportTests(EngineDatabase database) : ImportTest(database)
{
    private const string Officer = "FICTIONAL OFFICER PAT QUINN";

    [Fact]
    public async Task Exporting_every_source_column_and_importing_it_into_an_empty_database_reproduces_the_same_transactions()
    {
        // Real rows, a delta over them (its records carry two more columns), and records with what CSV makes hard:
        // a description that spans lines and holds quotes and commas, text that looks like a formula, a de-obligation,
        // and an officer's name.
        var tricky = SourceFileBuilder.Transactions()
            .Add(r => r.Award("70CDCR24C00000901", "7012").On("2024-05-01").Obligation(-1250.50m).Modified("2024-05-02 10:00:00+00")
                .Set("transaction_description", "LINE ONE\r\nLINE \"TWO\", WITH A COMMA")
                .Set("highly_compensated_officer_1_name", Officer).Set("highly_compensated_officer_1_amount", "250000.00"))
            .Add(r => r.Award("70CDCR24C00000902", "7012").On("2024-06-01").Obligation(99m).Modified("2024-06-02 10:00:00+00")
                .Set("transaction_description", "=HYPERLINK(\"http://example.invalid\")").Set("award_id_piid", "0070CDCR24C00000902"))
            .WriteTo(Scratch, "FY2024_070_Contracts_Full_20261001_1.csv");
        var first = await ImportAsync(FixtureFiles.PathOf(FixtureFiles.RealFull), FixtureFiles.PathOf(FixtureFiles.RealDelta), tricky);
        Assert.Equal(ImportStatus.Succeeded, first.Status);
        var before = await SnapshotAsync();
        Assert.Equal(13, before.Count);

        var export = Path.Combine(Scratch, "ContractTracker_raw_export_1.csv");
        var raw = new RawExport(Database.DataSource);
        var table = await raw.TableAsync("raw", new NpgsqlBatchCommand(
            "SELECT import_file_id, raw_record FROM transactions ORDER BY contract_transaction_unique_key"), spreadsheetSafe: false, CancellationToken.None);
        await using (var file = File.Create(export))
        {
            Assert.Equal(13, await CsvExport.WriteAsync(table, file, new CsvOptions(SpreadsheetSafe: false), CancellationToken.None));
        }

        Assert.Equal(TransactionColumns.Current, CsvText.Parse(await File.ReadAllBytesAsync(export))[0]);
        Assert.DoesNotContain(Officer, await File.ReadAllTextAsync(export));

        await Database.ResetAsync();
        var again = await ImportAsync(export);
        Assert.Equal(ImportStatus.Succeeded, again.Status);
        Assert.Equal(13, again.Files[0].Counts.Inserted);
        var after = await SnapshotAsync();

        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (key, values) in before)
        {
            foreach (var (column, value) in values)
            {
                var expected = RawExport.WithheldColumns.Contains(column) ? "" : value;
                Assert.True(expected == after[key][column], $"{key} {column}: '{expected}' became '{after[key][column]}'");
            }
        }
    }

    [Fact]
    public async Task A_spreadsheet_safe_raw_export_keeps_negative_amounts_as_numbers_and_neutralises_formulas()
    {
        var file = SourceFileBuilder.Transactions()
            .Add(r => r.Award("70CDCR24C00000902", "7012").On("2024-06-01").Obligation(-99.10m).Modified("2024-06-02 10:00:00+00")
                .Set("transaction_description", "=1+1"))
            .WriteTo(Scratch, "FY2024_070_Contracts_Full_20261001_1.csv");
        await ImportAsync(file);

        var table = await new RawExport(Database.DataSource).TableAsync("raw", new NpgsqlBatchCommand(
            "SELECT import_file_id, raw_record FROM transactions"), spreadsheetSafe: true, CancellationToken.None);
        using var stream = new MemoryStream();
        await CsvExport.WriteAsync(table, stream, new CsvOptions(), CancellationToken.None);

        var row = CsvText.Records(stream.ToArray()).Single();
        Assert.Equal("-99.10", row["federal_action_obligation"]);
        Assert.Equal("'=1+1", row["transaction_description"]);
    }

    [Theory]
    [InlineData("a,b,c", new[] { "a", "b", "c" })]
    [InlineData("\"a,b\",\"say \"\"hi\"\"\",", new[] { "a,b", "say \"hi\"", "" })]
    [InlineData("\"line\r\nbreak\",x", new[] { "line\r\nbreak", "x" })]
    [InlineData(",,", new[] { "", "", "" })]
    [InlineData("", new[] { "" })]
    public void A_stored_record_splits_into_its_fields(string record, string[] fields) =>
        Assert.Equal(fields, CsvRecord.Split(record));

    /// <summary>Every current column's value of every transaction, read with the database's own csv_fields and each file's header.</summary>
    private async Task<Dictionary<string, Dictionary<string, string>>> SnapshotAsync()
    {
        var snapshot = new Dictionary<string, Dictionary<string, string>>();
        await using var command = Database.DataSource.CreateCommand("""
            SELECT t.contract_transaction_unique_key, h.name, coalesce((csv_fields(t.raw_record))[h.ord], '')
            FROM transactions t JOIN import_files f ON f.id = t.import_file_id, unnest(f.header) WITH ORDINALITY h(name, ord)
            WHERE h.name = ANY(@current)
            """);
        command.Parameters.AddWithValue("current", TransactionColumns.Current.ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var key = reader.GetString(0);
            if (!snapshot.TryGetValue(key, out var values))
            {
                snapshot[key] = values = new Dictionary<string, string>();
            }

            values[reader.GetString(1)] = reader.GetString(2);
        }

        await using var typed = Database.DataSource.CreateCommand("""
            SELECT contract_transaction_unique_key, (to_jsonb(t) - 'import_file_id' - 'record_number' - 'line_number' - 'content_hash' - 'raw_record')::text
            FROM transactions t
            """);
        await using var rows = await typed.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
            snapshot[rows.GetString(0)]["(typed columns)"] = rows.GetString(1);
        }

        return snapshot;
    }
}
