using System.ComponentModel;
using ContractTracker.Sources;
using Hangfire;

namespace ContractTracker.Api.Admin;

/// <summary>A source run as a Hangfire job: scheduled by the source's recurring job, or queued by "run now".</summary>
public sealed class SourceRunJob(SourceRunner runner)
{
    [DisplayName("Refresh source {0}")]
    [Queue(Hosting.Jobs.ImportQueue)]
    // The run records why it failed; retrying it blindly would download again into the same failure. The schedule retries.
    [AutomaticRetry(Attempts = 0)]
    public async Task RunScheduledAsync(long sourceId, CancellationToken cancellationToken) =>
        Check(await runner.RunAsync(sourceId, runId: null, SourceRunTrigger.Scheduled, cancellationToken));

    [DisplayName("Refresh source {0} (run {1})")]
    [Queue(Hosting.Jobs.ImportQueue)]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunQueuedAsync(long sourceId, long runId, CancellationToken cancellationToken) =>
        Check(await runner.RunAsync(sourceId, runId, SourceRunTrigger.Manual, cancellationToken));

    /// <summary>Marks the Hangfire job failed, with the run's reason, when the run did not apply its files.</summary>
    private static void Check(SourceRunOutcome outcome)
    {
        if (outcome.Status is SourceRunStatus.Failed or SourceRunStatus.PartiallySucceeded)
        {
            throw new SourceRunFailedException($"Source run {outcome.RunId} ended {outcome.Status}: {outcome.Message}");
        }
    }
}

public sealed class SourceRunFailedException(string message) : Exception(message);
