using ContractTracker.Database;
using Hangfire;
using Hangfire.PostgreSql;

namespace ContractTracker.Api.Hosting;

internal static class Jobs
{
    public const string Schema = "hangfire";
    public const string ImportQueue = "imports";

    public static PostgreSqlStorageOptions StorageOptions => new()
    {
        SchemaName = Schema,
        PrepareSchemaIfNecessary = true,
        // Imports of whole fiscal years run for many minutes; keep the job fetched while it runs.
        UseSlidingInvisibilityTimeout = true,
        QueuePollInterval = TimeSpan.FromSeconds(2),
    };

    /// <summary>Hangfire on PostgreSQL in its own schema; the worker role (and a one-process local run) also runs the server.</summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration, HostRole role)
    {
        var connectionString = DatabaseUrl.ToConnectionString(configuration[DatabaseUrl.EnvironmentVariable]!);
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(options => options.UseNpgsqlConnection(connectionString), StorageOptions));

        if (role is HostRole.All or HostRole.Worker)
        {
            services.AddHangfireServer(options =>
            {
                options.Queues = [ImportQueue, "default"];
                // Imports are serialised by a database lock anyway; two workers let a refresh wait while another job runs.
                options.WorkerCount = 2;
            });
        }

        return services;
    }

    /// <summary>Creates the Hangfire schema (for the migrate verb, so a fresh database is complete before any host starts).</summary>
    public static void InstallSchema(string connectionString) =>
        _ = new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(connectionString, StorageOptions), StorageOptions);
}
