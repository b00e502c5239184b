using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace ContractTracker.Api.Status;

internal static class StatusEndpoints
{
    public static RouteGroupBuilder MapStatus(this RouteGroupBuilder api)
    {
        api.MapGet("/status", GetStatusAsync)
            .WithName("GetStatus")
            .WithSummary("What the data stands on: the last successful import of each source, row counts, and whether it is synthetic demo data.");
        return api;
    }

    private static async Task<Ok<StatusResponse>> GetStatusAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var sources = new List<SourceStatus>();
        await using (var command = dataSource.CreateCommand("""
            SELECT r.source, bool_or(r.is_synthetic), max(f.finished_at), count(f.id)
            FROM import_runs r JOIN import_files f ON f.import_run_id = r.id
            WHERE f.status = 'succeeded'
            GROUP BY r.source ORDER BY r.source
            """))
        await using (var rows = await command.ExecuteReaderAsync(ct))
        {
            while (await rows.ReadAsync(ct))
            {
                sources.Add(new SourceStatus(rows.GetString(0), rows.GetBoolean(1), rows.GetFieldValue<DateTimeOffset>(2), rows.GetInt64(3)));
            }
        }

        await using var counts = dataSource.CreateCommand("""
            SELECT (SELECT count(*) FROM transactions), (SELECT count(*) FROM awards), (SELECT count(*) FROM recipients),
                   (SELECT count(*) FROM sub_agencies)
            """);
        await using var row = await counts.ExecuteReaderAsync(ct);
        await row.ReadAsync(ct);
        var totals = new StatusCounts(row.GetInt64(0), row.GetInt64(1), row.GetInt64(2), row.GetInt64(3));
        return TypedResults.Ok(new StatusResponse(
            DataAsOf: sources.Count == 0 ? null : sources.Max(s => s.LastSuccessfulImportAt),
            Sources: sources,
            Counts: totals,
            ContainsSyntheticData: sources.Any(s => s.IsSynthetic),
            IsSyntheticDemoOnly: sources.Count > 0 && sources.All(s => s.IsSynthetic)));
    }
}

internal sealed record StatusResponse(
    DateTimeOffset? DataAsOf, IReadOnlyList<SourceStatus> Sources, StatusCounts Counts, bool ContainsSyntheticData, bool IsSyntheticDemoOnly);

internal sealed record SourceStatus(string Source, bool IsSynthetic, DateTimeOffset LastSuccessfulImportAt, long FilesImported);

internal sealed record StatusCounts(long Transactions, long Awards, long Recipients, long SubAgencies);
