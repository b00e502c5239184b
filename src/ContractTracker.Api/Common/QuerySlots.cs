using System.Globalization;
using System.Threading.RateLimiting;
using ContractTracker.Api.Exports;

namespace ContractTracker.Api.Common;

/// <summary>
/// How many interactive questions (a search, a profile, a relationship, an award, a page of transactions) the API works on
/// at once: <c>CT_QUERY_SLOTS</c>, by default twice the processor count. The others wait their turn, oldest first, up to
/// <c>CT_QUERY_QUEUE</c> waiting (then 503 with <c>Retry-After</c>).
/// </summary>
/// <remarks>
/// Each question is a few milliseconds of work for PostgreSQL and the API. Started all at once on few cores, they share the
/// processors and every one of them finishes late (a burst of 16 on 2 cores made the slowest 1 % take 6 to 10 times the
/// median); taken a few at a time, each runs nearly undisturbed and the wait is short and fair. Files (CSV, XLSX, zip)
/// stream for as long as they take and never hold a slot, so a large export cannot stall the questions.
/// </remarks>
internal sealed class QuerySlots : IDisposable
{
    public QuerySlots(IConfiguration configuration)
    {
        Slots = Positive(configuration["CT_QUERY_SLOTS"], "CT_QUERY_SLOTS") ?? 2 * Environment.ProcessorCount;
        Queue = Positive(configuration["CT_QUERY_QUEUE"], "CT_QUERY_QUEUE") ?? 1000;
        Limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = Slots,
            QueueLimit = Queue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    public int Slots { get; }

    public int Queue { get; }

    public ConcurrencyLimiter Limiter { get; }

    public void Dispose() => Limiter.Dispose();

    private static int? Positive(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new InvalidOperationException($"{name} must be a positive whole number, not '{value}'.");
    }
}

internal static class QuerySlotExtensions
{
    public static IServiceCollection AddQuerySlots(this IServiceCollection services) => services.AddSingleton<QuerySlots>();

    /// <summary>
    /// Answers the endpoint's JSON within a query slot (see <see cref="QuerySlots"/>). Add it after <c>Validate</c> and
    /// <c>Exportable</c>: a rejected request never waits, and a file answer is never held back.
    /// </summary>
    public static RouteHandlerBuilder InQuerySlot(this RouteHandlerBuilder builder) => builder
        .AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.Request.Export() is not null)
            {
                return await next(context);
            }

            using var lease = await http.RequestServices.GetRequiredService<QuerySlots>().Limiter.AcquireAsync(1, http.RequestAborted);
            if (!lease.IsAcquired)
            {
                http.Response.Headers.RetryAfter = "1";
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status503ServiceUnavailable,
                    title: "Too busy",
                    detail: "The service is answering as many questions as it can hold in line; try again in a second.");
            }

            return await next(context);
        })
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
