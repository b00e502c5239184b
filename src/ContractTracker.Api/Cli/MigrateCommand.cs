using System.CommandLine;
using ContractTracker.Api.Hosting;
using ContractTracker.Database;
using Microsoft.EntityFrameworkCore;

namespace ContractTracker.Api.Cli;

internal static class MigrateCommand
{
    private static readonly Option<bool> Seed = new("--seed") { Description = "Then load seed-data/ when the database is empty." };

    public static Command Create()
    {
        var command = new Command("migrate", "Create or upgrade the database schema (and Hangfire's), then exit.") { Seed };
        command.SetAction(async (result, ct) =>
        {
            using var host = CommandLine.BuildToolHost(Serilog.Events.LogEventLevel.Information);
            await ApplyAsync(host.Services, ct);
            if (result.GetValue(Seed))
            {
                await SeedCommand.LoadAsync(host.Services, ct);
            }

            return 0;
        });
        return command;
    }

    public static async Task ApplyAsync(IServiceProvider services, CancellationToken ct)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var connectionString = DatabaseUrl.ToConnectionString(configuration[DatabaseUrl.EnvironmentVariable]!);
        await CreateDatabaseIfMissingAsync(connectionString, ct);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ContractTrackerDbContext>();
        await db.Database.MigrateAsync(ct);
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("ContractTracker.Migrate");
        logger.LogInformation("Database schema is current: {Migration}", db.Database.GetMigrations().Last());
        Jobs.InstallSchema(connectionString);
    }

    /// <summary>Creates the database when the server lacks it (a fresh local cluster); where that is not allowed, migrating says so.</summary>
    private static async Task CreateDatabaseIfMissingAsync(string connectionString, CancellationToken ct)
    {
        var target = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(target.Database))
        {
            return;
        }

        var maintenance = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        try
        {
            await using var connection = new Npgsql.NpgsqlConnection(maintenance.ConnectionString);
            await connection.OpenAsync(ct);
            await using var exists = new Npgsql.NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = @name)", connection);
            exists.Parameters.AddWithValue("name", target.Database);
            if (!(bool)(await exists.ExecuteScalarAsync(ct))!)
            {
                await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{target.Database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
                await create.ExecuteNonQueryAsync(ct);
            }
        }
        catch (Npgsql.NpgsqlException)
        {
            // No maintenance database or no right to create one: the database is expected to exist already.
        }
    }
}
