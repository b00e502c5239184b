using System.Globalization;
using System.Threading.RateLimiting;
using ContractTracker.Api.Exports;
using Microsoft.Extensions.Options;

namespace ContractTracker.Api.Common;

/// <summary>How many interactive questions are answered at once, and how many may wait (see <see cref="QuerySlots"/>).</summary>
internal sealed class QuerySlotOptions
{
    /// <summary>Questions answered at once (<c>CT_QUERY_SLOTS</c>).</summary>
    public int Slots { get; set; } = 2 * Environment.ProcessorCount;

    /// <summary>Questions that may wait for a slot (<c>CT_QUERY_QUEUE</c>).</summary>
    public int Queue { get; set; } = 1000;

    public void Bind(IConfiguration configuration)
    {
        Slots = Positive(configuration, "CT_QUERY_SLOTS") ?? Slots;
        Queue = Positive(configuration, "CT_QUERY_QUEUE") ?? Queue;
    }

    /// <summary>A set value that is not a positive whole number stops the start, naming the setting.</summary>
    private static int? Positive(IConfiguration configuration, string name)
    {
        var value = configuration[name];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new InvalidOperationException($"{name} must be a positive whole number, not '{value}'.");
    }
}

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
internal sealed class QuerySlots(IOptions<QuerySlotOptions> options) : IDisposable
{
    public ConcurrencyLimiter Limiter { get; } = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.Value.Slots,
        QueueLimit = options.Value.Queue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    public void Dispose() => Limiter.Dispose();
}

internal static class QuerySlotExtensions
{
    public static IServiceCollection AddQuerySlots(this IServiceCollection services)
    {
        services.AddOptions<QuerySlotOptions>()
            .Configure<IConfiguration>((options, configuration) => options.Bind(configuration))
            .ValidateOnStart();
        return services.AddSingleton<QuerySlots>();
    }

    /// <summary>
    /// Answers the endpoint's JSON within a query slot (see <see cref="QuerySlots"/>), written whole (see
    /// <see cref="WholeAnswer"/>). Add it after <c>Validate</c> and <c>Exportable</c>: a rejected request never waits, and a
    /// file answer is never held back.
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

            // Answered in one write, after the slot is given back: serializing needs no database.
            var answer = await next(context);
            return answer is IResult result ? new WholeAnswer(result) : answer;
        })
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
