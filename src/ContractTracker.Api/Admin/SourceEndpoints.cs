using System.Globalization;
using ContractTracker.Api.Common;
using ContractTracker.Api.Security;
using ContractTracker.Database;
using ContractTracker.Downloads;
using ContractTracker.Ingest;
using ContractTracker.Sources;
using FluentValidation;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ContractTracker.Api.Admin;

/// <summary>
/// <c>/api/v1/admin/sources</c>: where data comes from and when it is fetched, with each source's runs. Admins only.
/// </summary>
internal static class SourceEndpoints
{
    private const int DefaultRuns = 20;
    private const int MaxRuns = 200;
    private const int FirstRejects = 10;
    private const int RejectsPageSize = 100;

    public static RouteGroupBuilder MapAdminSources(this RouteGroupBuilder api)
    {
        var sources = api.MapGroup("/admin/sources").RequireAuthorization(Roles.AdminPolicy).WithTags("Admin");
        sources.MapGet("/", ListAsync).WithName("ListSources").WithSummary("Every source with its schedule, next run (UTC) and last run.");
        sources.MapPost("/", CreateAsync).WithName("CreateSource").WithSummary("Declare a source; enabled ones get a recurring job.");
        sources.MapGet("/{id:long}", GetAsync).WithName("GetSource").WithSummary("One source.");
        sources.MapPut("/{id:long}", UpdateAsync).WithName("UpdateSource").WithSummary("Replace a source's definition, schedule and enabled flag.");
        sources.MapDelete("/{id:long}", DeleteAsync).WithName("DeleteSource").WithSummary("Delete a source, its schedule and its run history (the data it loaded stays).");
        sources.MapPost("/{id:long}/enable", (long id, ContractTrackerDbContext db, SourceSchedules schedules, HttpRequest request, CancellationToken ct) =>
                SetEnabledAsync(id, true, db, schedules, request, ct))
            .WithName("EnableSource").WithSummary("Turn a source's schedule on.");
        sources.MapPost("/{id:long}/disable", (long id, ContractTrackerDbContext db, SourceSchedules schedules, HttpRequest request, CancellationToken ct) =>
                SetEnabledAsync(id, false, db, schedules, request, ct))
            .WithName("DisableSource").WithSummary("Turn a source's schedule off; a run in progress goes on.");
        sources.MapPost("/{id:long}/runs", RunNowAsync).WithName("RunSource").WithSummary("Run a source now (202, with the run to watch).");
        sources.MapGet("/{id:long}/runs", ListRunsAsync).WithName("ListSourceRuns").WithSummary("A source's runs, newest first.");
        sources.MapGet("/{id:long}/runs/{runId:long}", GetRunAsync).WithName("GetSourceRun")
            .WithSummary("A run: live progress while it runs; its files, their import summaries and first rejected records when done.");
        sources.MapGet("/{id:long}/runs/{runId:long}/files/{importFileId:long}/rejects", GetRejectsAsync).WithName("GetSourceRunRejects")
            .WithSummary("Every rejected record of a file the run imported, in record order.");
        return sources;
    }

    private static async Task<Ok<List<SourceResponse>>> ListAsync(
        ContractTrackerDbContext db, SourceSchedules schedules, HttpRequest request, CancellationToken ct)
    {
        var all = await db.Sources.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct);
        return TypedResults.Ok(await RespondAsync(all, db, schedules, request, ct));
    }

    private static async Task<Results<Ok<SourceResponse>, ProblemHttpResult>> GetAsync(
        long id, ContractTrackerDbContext db, SourceSchedules schedules, HttpRequest request, CancellationToken ct)
    {
        var source = await db.Sources.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        return source is null ? NoSource(id) : TypedResults.Ok((await RespondAsync([source], db, schedules, request, ct))[0]);
    }

    private static async Task<Results<Created<SourceResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        SourceRequest body, IValidator<SourceRequest> validator, ContractTrackerDbContext db, SourceSchedules schedules, TimeProvider time,
        HttpRequest request, CancellationToken ct)
    {
        if (await InvalidAsync(body, validator, ct) is { } invalid)
        {
            return invalid;
        }

        var now = time.GetUtcNow();
        var source = new Source
        {
            Name = body.Name!.Trim(),
            Kind = body.ParseKind()!.Value,
            Definition = body.ToDefinition(),
            Schedule = body.Schedule!.Trim(),
            IsEnabled = body.Enabled ?? false,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Sources.Add(source);
        if (await SaveAsync(db, source.Name, ct) is { } conflict)
        {
            return conflict;
        }

        schedules.Apply(source);
        var response = (await RespondAsync([source], db, schedules, request, ct))[0];
        return TypedResults.Created(response.Links.Self, response);
    }

    private static async Task<Results<Ok<SourceResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        long id, SourceRequest body, IValidator<SourceRequest> validator, ContractTrackerDbContext db, SourceSchedules schedules, TimeProvider time,
        HttpRequest request, CancellationToken ct)
    {
        var source = await db.Sources.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (source is null)
        {
            return NoSource(id);
        }

        if (await InvalidAsync(body, validator, ct) is { } invalid)
        {
            return invalid;
        }

        var definition = body.ToDefinition();
        if (source.Kind != body.ParseKind() || source.Definition != definition)
        {
            // What "changed since" means belongs to the old definition.
            source.ChangedSince = null;
        }

        source.Name = body.Name!.Trim();
        source.Kind = body.ParseKind()!.Value;
        source.Definition = definition;
        source.Schedule = body.Schedule!.Trim();
        source.IsEnabled = body.Enabled ?? false;
        source.UpdatedAt = time.GetUtcNow();
        if (await SaveAsync(db, source.Name, ct) is { } conflict)
        {
            return conflict;
        }

        schedules.Apply(source);
        return TypedResults.Ok((await RespondAsync([source], db, schedules, request, ct))[0]);
    }

    private static async Task<Results<Ok<SourceResponse>, ProblemHttpResult>> SetEnabledAsync(
        long id, bool enabled, ContractTrackerDbContext db, SourceSchedules schedules, HttpRequest request, CancellationToken ct)
    {
        var source = await db.Sources.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (source is null)
        {
            return NoSource(id);
        }

        if (source.IsEnabled != enabled)
        {
            source.IsEnabled = enabled;
            source.UpdatedAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync(ct);
        }

        schedules.Apply(source);
        return TypedResults.Ok((await RespondAsync([source], db, schedules, request, ct))[0]);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        long id, ContractTrackerDbContext db, SourceSchedules schedules, SourceRunner runner, CancellationToken ct)
    {
        var source = await db.Sources.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (source is null)
        {
            return NoSource(id);
        }

        if (await runner.IsRunningAsync(id, ct))
        {
            return TypedResults.Problem("The source is running; delete it once the run has ended (or disable it now).",
                statusCode: StatusCodes.Status409Conflict, title: "Conflict");
        }

        schedules.Remove(id);
        db.Sources.Remove(source);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Accepted<RunSummary>, ProblemHttpResult>> RunNowAsync(
        long id, ContractTrackerDbContext db, SourceRunner runner, IBackgroundJobClient jobs, HttpRequest request, CancellationToken ct)
    {
        if (!await db.Sources.AnyAsync(s => s.Id == id, ct))
        {
            return NoSource(id);
        }

        if (await runner.QueueAsync(id, SourceRunTrigger.Manual, ct) is not { } runId)
        {
            return TypedResults.Problem("A run of this source is in progress; watch it in the source's runs.",
                statusCode: StatusCodes.Status409Conflict, title: "Conflict");
        }

        jobs.Enqueue<SourceRunJob>(job => job.RunQueuedAsync(id, runId, CancellationToken.None));
        var run = await db.SourceRuns.AsNoTracking().SingleAsync(r => r.Id == runId, ct);
        var self = RunUrl(request, id, runId);
        return TypedResults.Accepted(self, RunSummary.From(run, self));
    }

    private static async Task<Results<Ok<List<RunSummary>>, ValidationProblem, ProblemHttpResult>> ListRunsAsync(
        long id, string? limit, ContractTrackerDbContext db, HttpRequest request, CancellationToken ct)
    {
        if (limit is not null && QueryRules.PageSize(limit, 0) is < 1 or > MaxRuns)
        {
            return Problems.Parameter("limit", $"'{limit}' is not a number of runs from 1 to {MaxRuns}.");
        }

        if (!await db.Sources.AnyAsync(s => s.Id == id, ct))
        {
            return NoSource(id);
        }

        var runs = await db.SourceRuns.AsNoTracking().Where(r => r.SourceId == id).OrderByDescending(r => r.Id)
            .Take(QueryRules.PageSize(limit, DefaultRuns)).ToListAsync(ct);
        return TypedResults.Ok(runs.Select(r => RunSummary.From(r, RunUrl(request, id, r.Id))).ToList());
    }

    private static async Task<Results<Ok<RunDetail>, ProblemHttpResult>> GetRunAsync(
        long id, long runId, ContractTrackerDbContext db, HttpRequest request, CancellationToken ct)
    {
        var run = await db.SourceRuns.AsNoTracking().Include(r => r.Files).SingleOrDefaultAsync(r => r.Id == runId && r.SourceId == id, ct);
        if (run is null)
        {
            return TypedResults.Problem($"Source {id} has no run {runId}.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        var sourceName = await db.Sources.Where(s => s.Id == id).Select(s => s.Name).SingleAsync(ct);
        var downloadIds = run.Files.Where(f => f.DownloadId is not null).Select(f => f.DownloadId!.Value).ToList();
        var downloads = await db.Downloads.AsNoTracking().Where(d => downloadIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
        var files = run.Files.OrderBy(f => f.Id).Select(f =>
        {
            var download = f.DownloadId is { } d ? downloads.GetValueOrDefault(d) : null;
            return new RunFileView(f.Url, f.FileName, SnakeCaseEnumConverter<SourceFileOutcome>.ToDb(f.Outcome), f.Message, f.DownloadId,
                download?.Sha256, download?.SizeBytes);
        }).ToList();

        var progress = run.Status is SourceRunStatus.Running or SourceRunStatus.Queued || run.ProgressAt is not null
            ? new RunProgressView(run.Phase, run.CurrentFile, run.BytesDownloaded, run.BytesTotal, run.RecordsProcessed, run.Percent, run.SecondsLeft, run.ProgressAt)
            : null;
        return TypedResults.Ok(new RunDetail(
            run.Id, id, sourceName, SnakeCaseEnumConverter<SourceRunTrigger>.ToDb(run.Trigger), SnakeCaseEnumConverter<SourceRunStatus>.ToDb(run.Status),
            run.QueuedAt, run.StartedAt, run.FinishedAt, run.Message, progress, files,
            run.ImportRunId is { } importRunId ? await ImportOfAsync(importRunId, id, runId, db, request, ct) : null));
    }

    private static async Task<Results<Ok<RejectsPage>, ValidationProblem, ProblemHttpResult>> GetRejectsAsync(
        long id, long runId, long importFileId, string? after, ContractTrackerDbContext db, HttpRequest request, CancellationToken ct)
    {
        var start = 0L;
        if (after is not null && !long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out start))
        {
            return Problems.Parameter("after", $"'{after}' is not a record number.");
        }

        var belongs = await db.SourceRuns.AnyAsync(r => r.Id == runId && r.SourceId == id && r.ImportRunId != null
            && db.ImportFiles.Any(f => f.Id == importFileId && f.ImportRunId == r.ImportRunId), ct);
        if (!belongs)
        {
            return TypedResults.Problem($"Run {runId} of source {id} imported no file {importFileId}.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        var rejects = await db.ImportRejects.AsNoTracking()
            .Where(r => r.ImportFileId == importFileId && r.RecordNumber > start)
            .OrderBy(r => r.RecordNumber).Take(RejectsPageSize + 1)
            .Select(r => new RejectView(r.RecordNumber, r.LineNumber, r.ColumnName, r.Reason, r.RawRecord))
            .ToListAsync(ct);
        var next = rejects.Count > RejectsPageSize
            ? request.LinkTo(RejectsPath(id, runId, importFileId), [("after", rejects[RejectsPageSize - 1].RecordNumber.ToString(CultureInfo.InvariantCulture))])
            : null;
        return TypedResults.Ok(new RejectsPage(importFileId, rejects.Take(RejectsPageSize).ToList(), next));
    }

    private static async Task<RunImportView?> ImportOfAsync(
        long importRunId, long sourceId, long runId, ContractTrackerDbContext db, HttpRequest request, CancellationToken ct)
    {
        var importRun = await db.ImportRuns.AsNoTracking().Include(r => r.Files).SingleOrDefaultAsync(r => r.Id == importRunId, ct);
        if (importRun is null)
        {
            return null;
        }

        var files = new List<ImportFileView>();
        foreach (var f in importRun.Files.OrderBy(f => f.Id))
        {
            var first = await db.ImportRejects.AsNoTracking().Where(r => r.ImportFileId == f.Id).OrderBy(r => r.RecordNumber).Take(FirstRejects)
                .Select(r => new RejectView(r.RecordNumber, r.LineNumber, r.ColumnName, r.Reason, r.RawRecord)).ToListAsync(ct);
            files.Add(new ImportFileView(
                f.Id, f.FileName, f.ContainerName, f.Sha256, f.SizeBytes, SnakeCaseEnumConverter<ImportStatus>.ToDb(f.Status), f.Message,
                new ImportCountsView(f.RecordsRead, f.Inserted, f.Updated, f.Deleted, f.Unchanged, f.Stale, f.Superseded, f.Rejected),
                first, request.LinkTo(RejectsPath(sourceId, runId, f.Id), [])));
        }

        return new RunImportView(importRun.Id, SnakeCaseEnumConverter<ImportStatus>.ToDb(importRun.Status), files);
    }

    private static async Task<List<SourceResponse>> RespondAsync(
        IReadOnlyCollection<Source> sources, ContractTrackerDbContext db, SourceSchedules schedules, HttpRequest request, CancellationToken ct)
    {
        var ids = sources.Select(s => s.Id).ToList();
        var lastRuns = await db.SourceRuns.AsNoTracking().Where(r => ids.Contains(r.SourceId))
            .GroupBy(r => r.SourceId).Select(g => g.OrderByDescending(r => r.Id).First()).ToListAsync(ct);
        var nextRuns = schedules.NextRuns(sources);
        return sources.Select(s =>
        {
            var last = lastRuns.SingleOrDefault(r => r.SourceId == s.Id);
            var self = request.LinkTo($"/api/v1/admin/sources/{s.Id}", []);
            return SourceResponse.From(s, nextRuns[s.Id], last is null ? null : RunSummary.From(last, RunUrl(request, s.Id, last.Id)), self + "/runs", self);
        }).ToList();
    }

    private static async Task<ValidationProblem?> InvalidAsync(SourceRequest body, IValidator<SourceRequest> validator, CancellationToken ct)
    {
        var result = await validator.ValidateAsync(body, ct);
        return result.IsValid ? null : TypedResults.ValidationProblem(result.ToDictionary(), title: "The source is not valid.");
    }

    private static async Task<ProblemHttpResult?> SaveAsync(ContractTrackerDbContext db, string name, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            return TypedResults.Problem($"A source named '{name}' exists already.", statusCode: StatusCodes.Status409Conflict, title: "Conflict");
        }
    }

    private static ProblemHttpResult NoSource(long id) => Problems.NotFound($"No source has id {id}.");

    private static string RunUrl(HttpRequest request, long sourceId, long runId) => request.LinkTo($"/api/v1/admin/sources/{sourceId}/runs/{runId}", []);

    private static string RejectsPath(long sourceId, long runId, long importFileId) =>
        $"/api/v1/admin/sources/{sourceId}/runs/{runId}/files/{importFileId}/rejects";
}
