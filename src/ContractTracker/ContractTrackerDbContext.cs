using ContractTracker.Agencies;
using ContractTracker.Awards;
using ContractTracker.Ingest;
using ContractTracker.Recipients;
using ContractTracker.Transactions;
using Microsoft.EntityFrameworkCore;

namespace ContractTracker;

public sealed class ContractTrackerDbContext(DbContextOptions<ContractTrackerDbContext> options) : DbContext(options)
{
    public const string MigrationsAssembly = "ContractTracker.Migrations";

    public DbSet<ContractTransaction> Transactions => Set<ContractTransaction>();
    public DbSet<TransactionTombstone> TransactionTombstones => Set<TransactionTombstone>();
    public DbSet<Award> Awards => Set<Award>();
    public DbSet<Recipient> Recipients => Set<Recipient>();
    public DbSet<RecipientName> RecipientNames => Set<RecipientName>();
    public DbSet<NameWord> NameWords => Set<NameWord>();
    public DbSet<RecipientParent> RecipientParents => Set<RecipientParent>();
    public DbSet<ToptierAgency> ToptierAgencies => Set<ToptierAgency>();
    public DbSet<SubAgency> SubAgencies => Set<SubAgency>();
    public DbSet<Office> Offices => Set<Office>();
    public DbSet<Relationships.RelationshipFiscalYear> RelationshipFiscalYears => Set<Relationships.RelationshipFiscalYear>();
    public DbSet<ImportRun> ImportRuns => Set<ImportRun>();
    public DbSet<ImportFile> ImportFiles => Set<ImportFile>();
    public DbSet<ImportReject> ImportRejects => Set<ImportReject>();
    public DbSet<Sources.Source> Sources => Set<Sources.Source>();
    public DbSet<Sources.SourceRun> SourceRuns => Set<Sources.SourceRun>();
    public DbSet<Sources.SourceRunFile> SourceRunFiles => Set<Sources.SourceRunFile>();
    public DbSet<Downloads.StoredDownload> Downloads => Set<Downloads.StoredDownload>();
    public DbSet<ApiKeys.ApiKey> ApiKeys => Set<ApiKeys.ApiKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ContractTrackerDbContext).Assembly);

    /// <summary>The provider options every host uses: snake_case names, migrations from their own assembly.</summary>
    public static void Configure(DbContextOptionsBuilder options, Npgsql.NpgsqlDataSource dataSource) =>
        options
            .UseNpgsql(dataSource, npgsql => npgsql.MigrationsAssembly(MigrationsAssembly))
            .UseSnakeCaseNamingConvention();
}
