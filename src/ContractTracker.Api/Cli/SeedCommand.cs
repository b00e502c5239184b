using System.CommandLine;
using ContractTracker.Ingest;

namespace ContractTracker.Api.Cli;

internal static class SeedCommand
{
    public static Command Create()
    {
        var command = new Command("seed", "Load seed-data/ through the import pipeline when the database is empty (CT_SEED_DIR to point elsewhere).");
        command.SetAction(async (_, ct) =>
        {
            using var host = CommandLine.BuildToolHost(Serilog.Events.LogEventLevel.Information);
            return await LoadAsync(host.Services, ct) ? 0 : 1;
        });
        return command;
    }

    public static async Task<bool> LoadAsync(IServiceProvider services, CancellationToken ct)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("ContractTracker.Seed");
        var directory = SeedData.Locate(services.GetRequiredService<IConfiguration>()["CT_SEED_DIR"]);
        if (directory is null)
        {
            logger.LogWarning("No seed-data folder found (set CT_SEED_DIR); nothing loaded");
            return false;
        }

        var runs = await services.GetRequiredService<SeedData>().LoadIfEmptyAsync(directory, ct);
        return runs.All(r => !r.AnyRefusedOrFailed);
    }
}
