using System.Globalization;
using ContractTracker.Ingest.Format;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ContractTracker.Benchmarks.Import;

/// <summary>
/// Two fresh databases on the benchmark server: one with the application schema (EF migrations) for the importer, one
/// with a single table of 297 text columns for the <c>psql \copy</c> baseline. Dropped on dispose unless kept.
/// </summary>
internal sealed class BenchmarkDatabases : IAsyncDisposable
{
    public const string BaselineTable = "baseline";

    private readonly string _server;
    private readonly bool _keep;

    private BenchmarkDatabases(string server, string stamp, bool keep)
    {
        _server = server;
        _keep = keep;
        OursName = $"ct_bench_{stamp}_ours";
        BaselineName = $"ct_bench_{stamp}_copy";
    }

    public string OursName { get; }
    public string BaselineName { get; }
    public string Ours => ConnectionString(OursName);
    public string Baseline => ConnectionString(BaselineName);

    public static async Task<BenchmarkDatabases> CreateAsync(string server, bool keep, CancellationToken ct)
    {
        var databases = new BenchmarkDatabases(server, DateTime.UtcNow.ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture), keep);
        await databases.ExecuteAsync(databases.ConnectionString("postgres"), $"CREATE DATABASE \"{databases.OursName}\"", ct);
        await databases.ExecuteAsync(databases.ConnectionString("postgres"), $"CREATE DATABASE \"{databases.BaselineName}\"", ct);

        await using (var dataSource = NpgsqlDataSource.Create(databases.Ours))
        {
            var options = new DbContextOptionsBuilder<ContractTrackerDbContext>();
            ContractTrackerDbContext.Configure(options, dataSource);
            await using var db = new ContractTrackerDbContext(options.Options);
            await db.Database.MigrateAsync(ct);
        }

        var columns = string.Join(", ", TransactionColumns.Current.Select(c => $"\"{c}\" text"));
        // Autovacuum would start on the freshly loaded baseline table while the next contestant is being timed.
        await databases.ExecuteAsync(databases.Baseline, $"CREATE TABLE {BaselineTable} ({columns}) WITH (autovacuum_enabled = false)", ct);
        return databases;
    }

    /// <summary>Flushes dirty pages so one step's writes are not paid for during the next step's timing (needs superuser or pg_checkpoint).</summary>
    public async Task CheckpointAsync(CancellationToken ct)
    {
        try
        {
            await ExecuteAsync(ConnectionString("postgres"), "CHECKPOINT", ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            // Not allowed here: the timings then include some background writes.
        }
    }

    public async Task<long> ScalarAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    public Task<long> SizeAsync(string database, CancellationToken ct) =>
        ScalarAsync(ConnectionString("postgres"), $"SELECT pg_database_size('{database}')", ct);

    public async ValueTask DisposeAsync()
    {
        if (_keep)
        {
            Console.WriteLine($"Kept databases {OursName} and {BaselineName}.");
            return;
        }

        NpgsqlConnection.ClearAllPools();
        foreach (var name in new[] { OursName, BaselineName })
        {
            await ExecuteAsync(ConnectionString("postgres"), $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", CancellationToken.None);
        }
    }

    private string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(_server) { Database = database }.ConnectionString;

    private async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }
}
