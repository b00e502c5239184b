using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace ContractTracker.Api.Security;

/// <summary>Requests per window for each client: by API key when one is sent, else by client address.</summary>
internal sealed class RateLimitOptions
{
    /// <summary>Requests per window for a client without a key, by address (<c>CT_RATE_LIMIT</c>).</summary>
    public int PermitLimit { get; set; } = 120;

    /// <summary>Requests per window for each API key (<c>CT_RATE_LIMIT_KEY</c>).</summary>
    public int KeyPermitLimit { get; set; } = 1200;

    /// <summary>The window (<c>CT_RATE_LIMIT_WINDOW</c>, seconds).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    public void Bind(IConfiguration configuration)
    {
        PermitLimit = Int(configuration["CT_RATE_LIMIT"]) ?? PermitLimit;
        KeyPermitLimit = Int(configuration["CT_RATE_LIMIT_KEY"]) ?? KeyPermitLimit;
        Window = Int(configuration["CT_RATE_LIMIT_WINDOW"]) is { } seconds ? TimeSpan.FromSeconds(seconds) : Window;
    }

    private static int? Int(string? value) => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}

internal static class RateLimits
{
    /// <summary>
    /// ASP.NET Core's rate limiter with one fixed window per client, answering with the IETF draft's <c>RateLimit-Policy</c>
    /// and <c>RateLimit</c> headers on every response, and a 429 problem with <c>Retry-After</c> when the window is used up.
    /// </summary>
    public static IServiceCollection AddClientRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>()
            .Configure<IConfiguration>((options, configuration) => options.Bind(configuration))
            .Validate(o => o.PermitLimit > 0 && o.KeyPermitLimit > 0 && o.Window > TimeSpan.Zero, "CT_RATE_LIMIT, CT_RATE_LIMIT_KEY and CT_RATE_LIMIT_WINDOW must be positive")
            .ValidateOnStart();
        services.AddSingleton<ClientRateLimiter>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<ClientRateLimiter>((options, limiter) =>
        {
            options.GlobalLimiter = limiter;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, ct) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                var seconds = (long)Math.Ceiling(wait.TotalSeconds);
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = $"This client has used up its requests for now (see the RateLimit-Policy header); try again in {seconds} s.",
                    },
                });
            };
        });
        return services;
    }
}

/// <summary>
/// Fixed windows aligned to the clock, one per client: an API key's id, or the client's address (an IPv6 client by its
/// /64, which one host usually owns whole). Addresses are only held in memory for the window, never logged.
/// </summary>
internal sealed class ClientRateLimiter(Microsoft.Extensions.Options.IOptions<RateLimitOptions> options, TimeProvider time)
    : PartitionedRateLimiter<HttpContext>
{
    private readonly RateLimitOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);
    private long _sweptWindow;

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => null;

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount)
    {
        if (resource.Request.Path.StartsWithSegments("/healthz"))
        {
            return Lease.Granted;
        }

        var (client, policy, limit) = Partition(resource);
        var window = _options.Window.Ticks;
        var now = time.GetUtcNow().UtcTicks;
        var windowStart = now - (now % window);
        SweepOnce(windowStart);

        var counter = _counters.GetOrAdd(client, _ => new Counter());
        bool granted;
        int used;
        lock (counter)
        {
            if (counter.WindowStart != windowStart)
            {
                counter.WindowStart = windowStart;
                counter.Used = 0;
            }

            granted = counter.Used + permitCount <= limit;
            if (granted)
            {
                counter.Used += permitCount;
            }

            used = counter.Used;
        }

        var reset = (long)Math.Ceiling(TimeSpan.FromTicks(windowStart + window - now).TotalSeconds);
        var headers = resource.Response.Headers;
        headers["RateLimit-Policy"] = string.Create(CultureInfo.InvariantCulture, $"\"{policy}\";q={limit};w={(long)_options.Window.TotalSeconds}");
        headers["RateLimit"] = string.Create(CultureInfo.InvariantCulture, $"\"{policy}\";r={Math.Max(0, limit - used)};t={reset}");
        return granted ? Lease.Granted : new Lease(false, TimeSpan.FromSeconds(reset));
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(resource, permitCount));

    private (string Client, string Policy, int Limit) Partition(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true && context.User.FindFirst(ClaimTypes.NameIdentifier)?.Value is { } keyId)
        {
            return ("key:" + keyId, "api-key", _options.KeyPermitLimit);
        }

        return ("address:" + AddressKey(context.Connection.RemoteIpAddress), "anonymous", _options.PermitLimit);
    }

    private static string AddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes).ToString();
        }

        return address.ToString();
    }

    /// <summary>Forgets the clients of past windows, once per window.</summary>
    private void SweepOnce(long windowStart)
    {
        var swept = Interlocked.Read(ref _sweptWindow);
        if (swept == windowStart || Interlocked.CompareExchange(ref _sweptWindow, windowStart, swept) != swept)
        {
            return;
        }

        foreach (var (client, counter) in _counters)
        {
            if (counter.WindowStart < windowStart)
            {
                _counters.TryRemove(client, out _);
            }
        }
    }

    private sealed class Counter
    {
        public long WindowStart { get; set; }
        public int Used { get; set; }
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = wait;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
