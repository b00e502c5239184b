using ContractTracker.Ingest;
using ContractTracker.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContractTracker.Tests;

/// <summary>The engine tests' database, shared by every test class through <see cref="DatabaseCollection"/>.</summary>
public sealed class EngineDatabase : TestDatabase
{
    protected override string DatabaseSuffix => "engine";

    public Importer CreateImporter(string workDirectory, long firstLoadThreshold = 50_000, int partialsFlushThreshold = 100_000) =>
        new(DataSource,
            new ImportOptions { WorkDirectory = workDirectory, FirstLoadThreshold = firstLoadThreshold, PartialsFlushThreshold = partialsFlushThreshold },
            NullLogger<Importer>.Instance, TimeProvider.System);
}

[CollectionDefinition(nameof(DatabaseCollection))]
public sealed class DatabaseCollection : ICollectionFixture<EngineDatabase>;

/// <summary>
/// Base for tests that import: resets the database before each test and gives it an importer and a scratch folder.
/// </summary>
[Collection(nameof(DatabaseCollection))]
public abstract class ImportTest(EngineDatabase database) : IAsyncLifetime
{
    protected EngineDatabase Database { get; } = database;
    protected string Scratch { get; } = Path.Combine(Path.GetTempPath(), "ct-tests", Guid.NewGuid().ToString("N"));
    protected Importer Importer => Database.CreateImporter(Path.Combine(Scratch, "work"));

    public Task InitializeAsync() => Database.ResetAsync();

    public Task DisposeAsync()
    {
        if (Directory.Exists(Scratch))
        {
            Directory.Delete(Scratch, recursive: true);
        }

        return Task.CompletedTask;
    }

    protected Task<ImportRunSummary> ImportAsync(params string[] paths) =>
        Importer.ImportAsync(new ImportRequest(paths), null, CancellationToken.None);

    protected Task<ImportRunSummary> ImportFixtureAsync(params string[] fixtures) =>
        ImportAsync(fixtures.Select(FixtureFiles.PathOf).ToArray());

    protected Task<long> CountAsync(string table, string where = "true") => Database.ScalarAsync<long>($"SELECT count(*) FROM {table} WHERE {where}");

    protected Task<T> ScalarAsync<T>(string sql) => Database.ScalarAsync<T>(sql);
}
