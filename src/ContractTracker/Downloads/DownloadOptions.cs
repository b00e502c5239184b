using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace ContractTracker.Downloads;

/// <summary>
/// Where USAspending is, which hosts may be fetched from, and how downloads behave. Every setting has a working default
/// and an environment variable, so a mirror or a test server can stand in.
/// </summary>
public sealed class DownloadOptions
{
    /// <summary>The USAspending API (<c>CT_USASPENDING_API</c>).</summary>
    public Uri UsaspendingApi { get; set; } = new("https://api.usaspending.gov");

    /// <summary>Where Award Data Archive files are served (<c>CT_USASPENDING_FILES</c>).</summary>
    public Uri UsaspendingFiles { get; set; } = new("https://files.usaspending.gov");

    /// <summary>
    /// Hosts listed explicitly by an admin (<c>CT_DOWNLOAD_ALLOW</c>, comma-separated): allowed, and only these may be on
    /// loopback, private or link-local addresses or use plain <c>http</c> (a local mirror or a test server).
    /// </summary>
    public IReadOnlyList<string> ExplicitHosts { get; set; } = [];

    /// <summary>The download store: files kept under their SHA-256 (<c>CT_DOWNLOAD_DIR</c>; default <c>downloads</c> in the work folder).</summary>
    public string StoreDirectory { get; set; } = "";

    /// <summary>The root under which drop folder sources live (<c>CT_DROP_DIR</c>; default <c>drop</c> in the work folder).</summary>
    public string DropDirectory { get; set; } = "";

    /// <summary>The largest file accepted (<c>CT_DOWNLOAD_MAX_BYTES</c>); USAspending's biggest zips are a few GB.</summary>
    public long MaxDownloadBytes { get; set; } = 50L << 30;

    /// <summary>Downloads from USAspending at once in this process (<c>CT_DOWNLOAD_CONCURRENCY</c>); it throttles clients that fetch too much.</summary>
    public int MaxConcurrentDownloads { get; set; } = 2;

    /// <summary>Tries per request or download before a run fails (<c>CT_DOWNLOAD_ATTEMPTS</c>).</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The first backoff; it doubles with each retry up to <see cref="MaxRetryDelay"/> (<c>CT_DOWNLOAD_RETRY_DELAY</c>).</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a server may stay silent (for an answer, or between bytes of a download) before it counts as a timeout.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>How often a Custom Award Data request's status is asked (<c>CT_USASPENDING_POLL_INTERVAL</c>).</summary>
    public TimeSpan StatusPollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long USAspending may take to prepare a requested file; its queue has been seen backed up for many minutes.</summary>
    public TimeSpan StatusPollTimeout { get; set; } = TimeSpan.FromHours(4);

    /// <summary>
    /// An incremental refresh asks for records modified since this long before the last successful run, because USAspending
    /// loads FPDS changes days after their <c>last_modified_date</c>. Records seen twice are recognised as unchanged.
    /// </summary>
    public TimeSpan IncrementalOverlap { get; set; } = TimeSpan.FromDays(14);

    /// <summary>A drop folder file modified more recently than this may still be being written, and waits for the next run.</summary>
    public TimeSpan DropSettleTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a running source run's progress is written.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Reads the <c>CT_*</c> variables over the defaults; <paramref name="workDirectory"/> roots the default folders.</summary>
    public void Bind(IConfiguration configuration, string workDirectory)
    {
        if (configuration["CT_USASPENDING_API"] is { Length: > 0 } api)
        {
            UsaspendingApi = new Uri(api.TrimEnd('/'));
        }

        if (configuration["CT_USASPENDING_FILES"] is { Length: > 0 } files)
        {
            UsaspendingFiles = new Uri(files.TrimEnd('/'));
        }

        if (configuration["CT_DOWNLOAD_ALLOW"] is { Length: > 0 } allow)
        {
            ExplicitHosts = allow.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        StoreDirectory = configuration["CT_DOWNLOAD_DIR"] is { Length: > 0 } store ? store : Path.Combine(workDirectory, "downloads");
        DropDirectory = configuration["CT_DROP_DIR"] is { Length: > 0 } drop ? drop : Path.Combine(workDirectory, "drop");
        MaxDownloadBytes = Long(configuration["CT_DOWNLOAD_MAX_BYTES"]) ?? MaxDownloadBytes;
        MaxConcurrentDownloads = (int?)Long(configuration["CT_DOWNLOAD_CONCURRENCY"]) ?? MaxConcurrentDownloads;
        MaxAttempts = (int?)Long(configuration["CT_DOWNLOAD_ATTEMPTS"]) ?? MaxAttempts;
        FirstRetryDelay = Duration(configuration["CT_DOWNLOAD_RETRY_DELAY"]) ?? FirstRetryDelay;
        MaxRetryDelay = Duration(configuration["CT_DOWNLOAD_MAX_RETRY_DELAY"]) ?? MaxRetryDelay;
        RequestTimeout = Duration(configuration["CT_DOWNLOAD_TIMEOUT"]) ?? RequestTimeout;
        StatusPollInterval = Duration(configuration["CT_USASPENDING_POLL_INTERVAL"]) ?? StatusPollInterval;
        DropSettleTime = Duration(configuration["CT_DROP_SETTLE_TIME"]) ?? DropSettleTime;
        ProgressInterval = Duration(configuration["CT_PROGRESS_INTERVAL"]) ?? ProgressInterval;
    }

    public string? Problem()
    {
        if (MaxConcurrentDownloads < 1 || MaxAttempts < 1 || MaxDownloadBytes < 1)
        {
            return "CT_DOWNLOAD_CONCURRENCY, CT_DOWNLOAD_ATTEMPTS and CT_DOWNLOAD_MAX_BYTES must be positive";
        }

        if (!UsaspendingApi.IsAbsoluteUri || !UsaspendingFiles.IsAbsoluteUri)
        {
            return "CT_USASPENDING_API and CT_USASPENDING_FILES must be absolute URLs";
        }

        return string.IsNullOrWhiteSpace(StoreDirectory) ? "CT_DOWNLOAD_DIR must name a folder" : null;
    }

    private static long? Long(string? value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>Seconds (<c>2.5</c>) or a time span (<c>00:00:02.5</c>).</summary>
    private static TimeSpan? Duration(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null
        : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? TimeSpan.FromSeconds(seconds)
        : TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) ? span
        : throw new FormatException($"'{value}' is not a duration (seconds, or hh:mm:ss).");
}
