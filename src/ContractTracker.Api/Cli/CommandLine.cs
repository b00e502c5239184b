using System.CommandLine;
using ContractTracker.Api.Hosting;
using ContractTracker.Database;

namespace ContractTracker.Api.Cli;

/// <summary>
/// The executable's verbs. Without a verb it serves (as <c>serve</c> with its defaults); tokens no verb knows
/// (<c>--urls</c>, <c>--environment</c>, ...) go to the ASP.NET host.
/// </summary>
internal static class CommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("ContractTracker: US federal contracts from USAspending, loaded into PostgreSQL and served over REST.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };

        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(MigrateCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(SeedCommand.Create());
        root.Subcommands.Add(ApiKeyCommand.Create());
        root.SetAction((result, ct) => ServeCommand.RunAsync(result.UnmatchedTokens.ToArray(), HostRole.All, migrate: false, seed: false, ct));
        return root;
    }

    /// <summary>A host with the engine only, for verbs that do their work and exit.</summary>
    public static IHost BuildToolHost(Serilog.Events.LogEventLevel level)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.AddCliLogging(level);
        builder.Services.AddContractTrackerEngine(builder.Configuration);
        return builder.Build();
    }
}
