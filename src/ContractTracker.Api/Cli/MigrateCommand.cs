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
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ContractTrackerDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        await db.Database.MigrateAsync(ct);
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("ContractTracker.Migrate");
        logger.LogInformation("Database schema is current ({Applied} migration(s) applied)", pending.Count);
        var configuration = scope.ServiceProvider.GetRequiredService<IConfiguration>();
        Jobs.InstallSchema(DatabaseUrl.ToConnectionString(configuration[DatabaseUrl.EnvironmentVariable]!));
    }
}
