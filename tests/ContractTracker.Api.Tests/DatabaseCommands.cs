using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace ContractTracker.Api.Tests;

/// <summary>
/// The database commands (round trips) the host runs to answer one request, seen through Npgsql's tracing. The request
/// carries a trace of its own (a W3C <c>traceparent</c> header), ASP.NET Core starts the request's activity in it, and every
/// command run for the request is a child activity in the same trace; other requests and the host's background work (the
/// Hangfire server's polling) run in other traces, so they are never counted. Opening a physical connection is not a command.
/// </summary>
internal static class DatabaseCommands
{
    /// <summary>The SQL of each command the host ran for a GET of <paramref name="url"/>, which must answer 200.</summary>
    public static async Task<IReadOnlyList<string>> OfRequestAsync(HttpClient client, string url)
    {
        var trace = ActivityTraceId.CreateRandom();
        var commands = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == "Npgsql" && activity.TraceId == trace
                    && !activity.OperationName.StartsWith("CONNECT", StringComparison.Ordinal))
                {
                    commands.Enqueue(activity.GetTagItem("db.query.text") as string ?? activity.GetTagItem("db.statement") as string ?? activity.OperationName);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("traceparent", $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return commands.ToList();
    }
}
