using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace ContractTracker.Downloads;

/// <summary>
/// The one HTTP client downloads go through. It checks every URL (each redirect hop too) against the
/// <see cref="DownloadPolicy"/>, and every address it connects to, after name resolution, in the socket's connect callback,
/// so a name that resolves to an internal address is refused however it is spelled. It uses no proxy (a proxy would
/// hide the address). Transient failures are retried with exponential backoff, honouring <c>Retry-After</c>.
/// </summary>
public sealed class GuardedHttp : IDisposable
{
    private const int MaxRedirects = 5;
    private readonly DownloadPolicy _policy;
    private readonly DownloadOptions _options;
    private readonly ILogger<GuardedHttp> _logger;
    private readonly TimeProvider _time;
    private readonly HttpClient _client;

    public GuardedHttp(DownloadPolicy policy, DownloadOptions options, ILogger<GuardedHttp> logger, TimeProvider time)
    {
        _policy = policy;
        _options = options;
        _logger = logger;
        _time = time;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            ConnectTimeout = options.RequestTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectCallback = ConnectAsync,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("ContractTracker", "1.0"));
    }

    public DownloadOptions Options => _options;

    /// <summary>
    /// Sends a request built by <paramref name="create"/> for <paramref name="url"/>, following redirects of GET requests
    /// hop by hop, and returns once the headers are read (the body is streamed by the caller).
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(Uri url, Func<Uri, HttpRequestMessage> create, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(create);
        for (var hop = 0; ; hop++)
        {
            if (_policy.Refusal(url) is { } refusal)
            {
                throw new DownloadRefusedException($"Refused to fetch {Describe(url)}: {refusal}.");
            }

            using var request = create(url);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(_options.RequestTimeout);
            HttpResponseMessage response;
            try
            {
                response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            }
            catch (HttpRequestException e) when (Refused(e) is { } refused)
            {
                throw refused;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException($"{Describe(url)} did not answer within {_options.RequestTimeout.TotalSeconds:0.#} s");
            }

            if (request.Method == HttpMethod.Get && (int)response.StatusCode is 301 or 302 or 303 or 307 or 308
                && response.Headers.Location is { } location)
            {
                response.Dispose();
                if (hop == MaxRedirects)
                {
                    throw new DownloadFailedException($"{Describe(url)} redirected more than {MaxRedirects} times.");
                }

                url = new Uri(url, location);
                continue;
            }

            return response;
        }
    }

    /// <summary>
    /// Runs <paramref name="attempt"/> until it succeeds, retrying timeouts, lost connections, cut-off bodies, 408, 429 and
    /// 5xx answers with exponential backoff (or the server's <c>Retry-After</c>). Refusals and other statuses fail at once.
    /// </summary>
    public async Task<T> RetryAsync<T>(string what, Func<CancellationToken, Task<T>> attempt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt(ct);
            }
            catch (Exception e) when (Transient(e, ct) is { } reason)
            {
                if (number >= _options.MaxAttempts)
                {
                    throw new DownloadFailedException($"{what} failed after {number} attempts: {reason}.", e);
                }

                var delay = (e as RetryableStatusException)?.RetryAfter is { } retryAfter
                    ? TimeSpan.FromTicks(Math.Min(retryAfter.Ticks, _options.MaxRetryDelay.Ticks))
                    : Backoff(number);
                _logger.LogWarning("{What} failed ({Reason}); attempt {Attempt} of {Attempts} in {Delay:0.###} s",
                    what, reason, number + 1, _options.MaxAttempts, delay.TotalSeconds);
                await Task.Delay(delay, _time, ct);
            }
        }
    }

    /// <summary>Throws for an answer that is not a success: retryably for 408, 429 and 5xx, for good otherwise.</summary>
    public static void EnsureSuccess(HttpResponseMessage response, string what)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var code = (int)response.StatusCode;
        var answer = $"{what}: the server answered {code} {response.ReasonPhrase}";
        if (code is 408 or 429 or >= 500)
        {
            throw new RetryableStatusException(answer, RetryAfter(response));
        }

        throw new DownloadFailedException(answer + ".");
    }

    public static string Describe(Uri url) => url.IsAbsoluteUri ? url.GetLeftPart(UriPartial.Path) : url.ToString();

    private TimeSpan Backoff(int attempt)
    {
        var delay = _options.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, attempt - 1) * (0.8 + (Random.Shared.NextDouble() * 0.4));
        return TimeSpan.FromMilliseconds(Math.Min(delay, _options.MaxRetryDelay.TotalMilliseconds));
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? TimeSpan.FromTicks(Math.Max(0, (date - DateTimeOffset.UtcNow).Ticks)) : null;
    }

    private static string? Transient(Exception e, CancellationToken ct) => e switch
    {
        DownloadRefusedException or DownloadFailedException => null,
        RetryableStatusException status => status.Message,
        OperationCanceledException when ct.IsCancellationRequested => null,
        OperationCanceledException or TimeoutException => e.Message.Length > 0 ? $"timed out: {e.Message}" : "timed out",
        HttpRequestException or IOException => e.Message,
        _ => null,
    };

    private static DownloadRefusedException? Refused(Exception e)
    {
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is DownloadRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        // Every address must pass, so a name that mixes public and internal answers cannot be raced into the internal one.
        foreach (var address in addresses)
        {
            if (_policy.AddressRefusal(host, address) is { } refusal)
            {
                throw new DownloadRefusedException($"Refused to connect to {host}: {refusal}.");
            }
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => _client.Dispose();
}

/// <summary>An answer worth asking again for (408, 429, 5xx), with the wait the server asked for.</summary>
public sealed class RetryableStatusException(string message, TimeSpan? retryAfter) : Exception(message)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
