using ContractTracker.Sources;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;

namespace ContractTracker.Api.Admin;

/// <summary>
/// Keeps one Hangfire recurring job per enabled source (id <c>source:{id}</c>, cron in UTC) and none for the others;
/// the sources in PostgreSQL are the truth, and the jobs are brought in line at start and on every change.
/// </summary>
internal sealed class SourceSchedules(IRecurringJobManager recurringJobs, JobStorage storage, TimeProvider time)
{
    private const string Prefix = "source:";

    public static string JobId(long sourceId) => Prefix + sourceId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void Apply(Source source)
    {
        if (source.IsEnabled)
        {
            recurringJobs.AddOrUpdate<SourceRunJob>(JobId(source.Id), Hosting.Jobs.ImportQueue, job => job.RunScheduledAsync(source.Id, CancellationToken.None),
                source.Schedule, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        }
        else
        {
            recurringJobs.RemoveIfExists(JobId(source.Id));
        }
    }

    public void Remove(long sourceId) => recurringJobs.RemoveIfExists(JobId(sourceId));

    /// <summary>When the source runs next (UTC): Hangfire's own next execution, or else the schedule's next time; null when disabled.</summary>
    public IReadOnlyDictionary<long, DateTimeOffset?> NextRuns(IReadOnlyCollection<Source> sources)
    {
        var enabled = sources.Where(s => s.IsEnabled).ToList();
        var scheduled = new Dictionary<string, DateTime?>(StringComparer.Ordinal);
        if (enabled.Count > 0)
        {
            using var connection = storage.GetConnection();
            foreach (var job in connection.GetRecurringJobs(enabled.Select(s => JobId(s.Id)).ToList()))
            {
                scheduled[job.Id] = job.NextExecution;
            }
        }

        var now = time.GetUtcNow();
        return sources.ToDictionary(s => s.Id, s => !s.IsEnabled ? null
            : scheduled.GetValueOrDefault(JobId(s.Id)) is { } next ? new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc))
            : Schedules.NextRun(s.Schedule, now));
    }

    /// <summary>Adds, updates and removes recurring jobs to match the sources table.</summary>
    public async Task SyncAsync(ContractTrackerDbContext db, CancellationToken ct)
    {
        var sources = await db.Sources.AsNoTracking().ToListAsync(ct);
        foreach (var source in sources)
        {
            Apply(source);
        }

        var known = sources.Select(s => JobId(s.Id)).ToHashSet(StringComparer.Ordinal);
        using var connection = storage.GetConnection();
        foreach (var job in connection.GetRecurringJobs().Where(j => j.Id.StartsWith(Prefix, StringComparison.Ordinal) && !known.Contains(j.Id)))
        {
            recurringJobs.RemoveIfExists(job.Id);
        }
    }
}

/// <summary>Brings the recurring jobs in line with the sources when a host starts (after a restore, or a migration that seeded sources).</summary>
internal sealed class SourceScheduleSync(IServiceScopeFactory scopes, ILogger<SourceScheduleSync> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ContractTrackerDbContext>();
            await scope.ServiceProvider.GetRequiredService<SourceSchedules>().SyncAsync(db, cancellationToken);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException)
        {
            // A database that is not migrated yet has no sources table; the API brings jobs in line on every change anyway.
            logger.LogWarning("Source schedules were not synchronised at start: {Reason}", e.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
