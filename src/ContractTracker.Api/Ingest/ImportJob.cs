using System.ComponentModel;
using ContractTracker.Ingest;
using Hangfire;

namespace ContractTracker.Api.Ingest;

/// <summary>The import pipeline as a Hangfire job: the same <see cref="Importer"/> the CLI verb uses.</summary>
public sealed class ImportJob(Importer importer, ILogger<ImportJob> logger)
{
    [DisplayName("Import {0}")]
    [Queue(Hosting.Jobs.ImportQueue)]
    // A refused or failed file is recorded with its reason; running it again blindly would not change the outcome.
    [AutomaticRetry(Attempts = 0)]
    public async Task<long> RunAsync(string[] paths, string source, bool isSynthetic, CancellationToken cancellationToken)
    {
        var summary = await importer.ImportAsync(new ImportRequest(paths, source, isSynthetic), progress: null, cancellationToken);
        if (summary.AnyRefusedOrFailed)
        {
            var problems = summary.Files.Where(f => f.Status is ImportStatus.Refused or ImportStatus.Failed or ImportStatus.Cancelled)
                .Select(f => $"{f.FileName}: {f.Message}");
            logger.LogWarning("Import run {RunId} ended {Status}", summary.RunId, summary.Status);
            throw new ImportNotAppliedException($"Import run {summary.RunId} ended {summary.Status}: {string.Join(" | ", problems)}");
        }

        return summary.RunId;
    }
}

/// <summary>Marks the Hangfire job failed when a file was refused or failed, with the recorded reasons.</summary>
public sealed class ImportNotAppliedException(string message) : Exception(message);
