using System.CommandLine;
using ContractTracker.Api.Hosting;
using ContractTracker.Ingest;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ContractTracker.Api.Cli;

internal static class ServeCommand
{
    private static readonly Option<HostRole> Role = new("--role")
    {
        Description = "all (API and jobs in one process), api, or worker. Defaults to CT_ROLE, else all.",
        DefaultValueFactory = _ => Enum.TryParse<HostRole>(Environment.GetEnvironmentVariable("CT_ROLE"), ignoreCase: true, out var role) ? role : HostRole.All,
    };

    private static readonly Option<bool> Migrate = new("--migrate") { Description = "Apply database migrations before serving." };
    private static readonly Option<bool> Seed = new("--seed") { Description = "Load seed-data/ first when the database is empty." };

    public static Command Create()
    {
        var command = new Command("serve", "Serve the API (and run background jobs, depending on --role).") { Role, Migrate, Seed };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((result, ct) => RunAsync(
            result.UnmatchedTokens.ToArray(), result.GetValue(Role), result.GetValue(Migrate), result.GetValue(Seed), ct));
        return command;
    }

    public static async Task<int> RunAsync(string[] hostArgs, HostRole role, bool migrate, bool seed, CancellationToken ct)
    {
        var app = WebHost.Build(hostArgs, role);
        if (migrate)
        {
            await MigrateCommand.ApplyAsync(app.Services, ct);
        }

        if (seed)
        {
            await SeedCommand.LoadAsync(app.Services, ct);
        }

        app.Lifetime.ApplicationStarted.Register(() => PrintUrls(app, role));
        await app.RunAsync();
        return 0;
    }

    private static void PrintUrls(WebApplication app, HostRole role)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            var root = address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal)
                .TrimEnd('/');
            Console.WriteLine($"ContractTracker ({role}) is serving at {root}");
            Console.WriteLine($"  status:        {root}/api/v1/status");
            Console.WriteLine($"  API reference: {root}/scalar/v1");
            Console.WriteLine($"  OpenAPI:       {root}/openapi/v1.json");
            if (role is HostRole.All or HostRole.Api)
            {
                Console.WriteLine($"  jobs:          {root}/hangfire");
            }
        }
    }
}
