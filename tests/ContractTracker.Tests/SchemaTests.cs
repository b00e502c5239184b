using ContractTracker.Ingest.Format;
using Microsoft.EntityFrameworkCore;

namespace ContractTracker.Tests;

[Collection(nameof(DatabaseCollection))]
public sealed class SchemaTests(EngineDatabase database)
{
    [Fact]
    public void The_transactions_entity_maps_every_column_the_importer_writes_under_the_source_names()
    {
        using var db = database.CreateDbContext();
        var entity = db.Model.FindEntityType(typeof(Transactions.ContractTransaction))!;
        var columns = entity.GetProperties().Select(p => p.GetColumnName()).ToHashSet();

        var written = TypedColumns.All.Select(c => c.Name).Concat(TypedColumns.Provenance).ToHashSet();

        Assert.Equal(written.Order(), columns.Order());
        Assert.Subset(TransactionColumns.Current.ToHashSet(), TypedColumns.All.Select(c => c.Name).ToHashSet());
    }

    [Fact]
    public async Task The_migrated_database_matches_the_model()
    {
        await using var db = database.CreateDbContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "the model changed without a migration");
    }

    [Fact]
    public async Task Transactions_rows_stay_inline_without_compression()
    {
        var options = await database.ScalarAsync<string>("SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = 'transactions'");

        Assert.Contains("toast_tuple_target=8160", options);
    }
}
