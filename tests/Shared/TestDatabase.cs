using ContractTracker.Database;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Testcontainers.PostgreSql;

namespace ContractTracker.Testing;

/// <summary>
/// The PostgreSQL a test assembly runs against: the server in <c>CT_TEST_DATABASE_URL</c> when it is set (scripts/test and
/// CI set it), otherwise a Testcontainers PostgreSQL (image pinned). Each assembly gets a fresh database of its own,
/// migrated once; tests call <see cref="ResetAsync"/> so none depends on another's data.
/// </summary>
public abstract class TestDatabase : IAsyncLifetime
{
    public const string EnvironmentVariable = "CT_TEST_DATABASE_URL";
    private const string Image = "postgres:15.10-alpine";

    private PostgreSqlContainer? _container;
    private NpgsqlDataSource? _dataSource;
    private string? _maintenance;
    private string? _database;

    /// <summary>Distinguishes the databases of test assemblies that run at the same time.</summary>
    protected abstract string DatabaseSuffix { get; }

    public string ConnectionString { get; private set; } = "";

    public NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("The database is not initialised.");

    public async Task InitializeAsync()
    {
        var server = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            _container = new PostgreSqlBuilder(Image).Build();
            await _container.StartAsync();
            server = _container.GetConnectionString();
        }

        var builder = new NpgsqlConnectionStringBuilder(DatabaseUrl.ToConnectionString(server));
        // One database per test process, so test runs on one server (parallel assemblies, several checkouts) never meet.
        var database = $"{builder.Database ?? "contracttracker"}_test_{DatabaseSuffix}_{Environment.ProcessId}";
        _maintenance = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        _database = database;
        var maintenance = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(maintenance.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE); CREATE DATABASE \"{database}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        builder.Database = database;
        ConnectionString = builder.ConnectionString;
        _dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var db = CreateDbContext();
        await db.Database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        if (_container is null && _maintenance is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_maintenance);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }

    public ContractTrackerDbContext CreateDbContext()
    {
        var options = new DbContextOptionsBuilder<ContractTrackerDbContext>();
        ContractTrackerDbContext.Configure(options, DataSource);
        return new ContractTrackerDbContext(options.Options);
    }

    /// <summary>
    /// Empties every table (and Hangfire's job tables, when they exist), restarts identities, and puts back the agency
    /// reference list the migrations load.
    /// </summary>
    public async Task ResetAsync()
    {
        await using var command = DataSource.CreateCommand("""
            DO $$
            DECLARE tables text;
            BEGIN
              SELECT string_agg(format('%I.%I', schemaname, tablename), ', ') INTO tables
              FROM pg_tables
              WHERE (schemaname = 'public' AND tablename <> '__EFMigrationsHistory')
                 OR (schemaname = 'hangfire' AND tablename NOT IN ('schema', 'lock'));
              IF tables IS NOT NULL THEN
                EXECUTE 'TRUNCATE ' || tables || ' RESTART IDENTITY CASCADE';
              END IF;
            END $$;
            """ + ContractTracker.Agencies.AgencyReference.UpsertSql());
        // The test host's Hangfire server polls its tables meanwhile; TRUNCATE locks the tables one after another, so the
        // two can deadlock, and PostgreSQL then cancels one of them. The reset is all or nothing and may simply run again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
                await Task.Delay(50 * attempt);
            }
        }
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        var value = await command.ExecuteScalarAsync();
        if (value is DateTime utc && typeof(T) == typeof(DateTimeOffset))
        {
            return (T)(object)new DateTimeOffset(utc);
        }

        return value is DBNull or null ? default! : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}
