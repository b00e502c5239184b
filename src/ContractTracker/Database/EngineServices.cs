using ContractTracker.ApiKeys;
using ContractTracker.Downloads;
using ContractTracker.Ingest;
using ContractTracker.Sources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ContractTracker.Database;

public static class EngineServices
{
    /// <summary>
    /// The engine's services: one <see cref="NpgsqlDataSource"/> for <c>CT_DATABASE_URL</c>, the DbContext on top of it,
    /// and the import pipeline.
    /// </summary>
    public static IServiceCollection AddContractTrackerEngine(this IServiceCollection services, IConfiguration configuration)
    {
        var url = configuration[DatabaseUrl.EnvironmentVariable]
            ?? throw new InvalidOperationException(
                $"{DatabaseUrl.EnvironmentVariable} is not set: give it an Npgsql connection string or a postgres:// URL (scripts/up sets it for you).");
        var dataSource = new NpgsqlDataSourceBuilder(DatabaseUrl.ForQueries(DatabaseUrl.ToConnectionString(url))).Build();
        services.AddSingleton(dataSource);
        services.AddDbContextPool<ContractTrackerDbContext>(options => ContractTrackerDbContext.Configure(options, dataSource));

        services.AddOptions<ImportOptions>()
            .Configure(options =>
            {
                if (configuration["CT_WORK_DIR"] is { Length: > 0 } workDirectory)
                {
                    options.WorkDirectory = workDirectory;
                }
            })
            .Validate(o => !string.IsNullOrWhiteSpace(o.WorkDirectory), "CT_WORK_DIR must name a folder")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ImportOptions>>().Value);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Importer>();
        services.AddSingleton<SeedData>();
        services.AddSingleton<Provenance.Citations>();
        services.AddSingleton<Agencies.AgencyDirectory>();
        services.AddSingleton<Vendors.VendorDirectory>();
        services.AddSingleton<Vendors.VendorProfiles>();
        services.AddSingleton<Relationships.RelationshipQuery>();
        services.AddSingleton<Agencies.AgencyProfiles>();
        services.AddSingleton<Awards.AwardProfiles>();
        services.AddSingleton<Exports.RawExport>();
        services.AddSingleton<Transactions.TransactionSearch>();

        services.AddOptions<DownloadOptions>()
            .Configure<IConfiguration, IOptions<ImportOptions>>((options, config, import) => options.Bind(config, import.Value.WorkDirectory))
            .Validate(o => o.Problem() is null, "Download settings are invalid: CT_USASPENDING_API and CT_USASPENDING_FILES must be absolute URLs; CT_DOWNLOAD_CONCURRENCY, CT_DOWNLOAD_ATTEMPTS and CT_DOWNLOAD_MAX_BYTES positive")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<DownloadOptions>>().Value);
        services.AddSingleton<DownloadPolicy>();
        services.AddSingleton<GuardedHttp>();
        services.AddSingleton<FileStore>();
        services.AddSingleton<FileDownloader>();
        services.AddSingleton<UsaspendingClient>();
        services.AddSingleton<SourceRunner>();
        services.AddSingleton<ApiKeyStore>();
        return services;
    }
}
