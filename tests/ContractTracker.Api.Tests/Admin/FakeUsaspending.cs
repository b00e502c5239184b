using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ContractTracker.Api.Tests.Admin;

/// <summary>
/// A stand-in for USAspending on 127.0.0.1 (Kestrel, in the test process): the bulk download API (list_agencies,
/// list_monthly_files, bulk_download/awards, download/status) and the files behind it, with ETag and Last-Modified, and
/// scripted misbehaviour per path: 5xx, 429 with Retry-After, a body cut off half-way, a slow body.
/// </summary>
public sealed class FakeUsaspending : IAsyncDisposable
{
    public const int DhsToptierAgencyId = 63;

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ServedFile> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Trouble>> _trouble = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<PreparedDownload> _prepared = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _statuses = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<SeenRequest> _requests = new();
    private readonly ConcurrentDictionary<string, string> _redirects = new(StringComparer.Ordinal);
    private List<(int? FiscalYear, string FileName)> _monthly = [];

    private FakeUsaspending(WebApplication app)
    {
        _app = app;
        app.Run(HandleAsync);
    }

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<SeenRequest> Requests => _requests.ToList();

    public static async Task<FakeUsaspending> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var fake = new FakeUsaspending(builder.Build());
        await fake._app.StartAsync();
        var address = fake._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUrl = new Uri(address);
        return fake;
    }

    /// <summary>Forgets every file, script and request seen (each test starts from nothing).</summary>
    public void Reset()
    {
        _files.Clear();
        _trouble.Clear();
        _prepared.Clear();
        _statuses.Clear();
        _requests.Clear();
        _redirects.Clear();
        _monthly = [];
    }

    /// <summary>Serves <paramref name="content"/> at <paramref name="path"/>, with a strong ETag of its hash unless told otherwise.</summary>
    public void Serve(string path, byte[] content, bool etag = true, DateTimeOffset? lastModified = null) =>
        _files[path] = new ServedFile(content, etag ? $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"" : null,
            lastModified ?? new DateTimeOffset(2026, 9, 6, 12, 0, 0, TimeSpan.Zero));

    /// <summary>Answers <paramref name="path"/> with a 302 to <paramref name="location"/>.</summary>
    public void Redirect(string path, string location) => _redirects[path] = location;

    public void ServeArchiveFile(string fileName, byte[] content) => Serve(ArchivePath(fileName), content);

    /// <summary>The path an archive file is asked for at, as the server decodes it (the client sends <c>FY%28All%29</c>).</summary>
    public static string ArchivePath(string fileName) => "/award_data_archive/" + fileName;

    /// <summary>What list_monthly_files lists (Delta files, with a null fiscal year, are listed for every year).</summary>
    public void ListMonthlyFiles(params (int? FiscalYear, string FileName)[] files) => _monthly = files.ToList();

    /// <summary>
    /// The next Custom Award Data request is answered with <paramref name="fileName"/>, whose status goes through
    /// <paramref name="statuses"/> (the last one repeats); a <c>finished</c> file is served from generated_downloads.
    /// </summary>
    public void PrepareDownload(string fileName, byte[] content, params string[] statuses)
    {
        _prepared.Enqueue(new PreparedDownload(fileName, content));
        _statuses[fileName] = new ConcurrentQueue<string>(statuses.Length == 0 ? ["finished"] : statuses);
    }

    /// <summary>The next requests to <paramref name="path"/> misbehave, one trouble each, in order.</summary>
    public void Trouble(string path, params Trouble[] troubles)
    {
        var queue = _trouble.GetOrAdd(path, _ => new ConcurrentQueue<Trouble>());
        foreach (var trouble in troubles)
        {
            queue.Enqueue(trouble);
        }
    }

    public IReadOnlyList<SeenRequest> RequestsTo(string path) => Requests.Where(r => r.Path == path).ToList();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var body = request.ContentLength > 0 || request.Method == "POST" ? await new StreamReader(request.Body).ReadToEndAsync() : null;
        _requests.Enqueue(new SeenRequest(request.Method, path, request.QueryString.Value, body, request.Headers.IfNoneMatch.ToString(),
            request.Headers.IfModifiedSince.ToString(), DateTimeOffset.UtcNow));

        if (_trouble.TryGetValue(path, out var troubles) && troubles.TryPeek(out var next) && next.Kind != TroubleKind.Slow && troubles.TryDequeue(out var trouble))
        {
            switch (trouble.Kind)
            {
                case TroubleKind.Status:
                    context.Response.StatusCode = trouble.Status;
                    return;
                case TroubleKind.TooManyRequests:
                    context.Response.StatusCode = 429;
                    context.Response.Headers.RetryAfter = trouble.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return;
                case TroubleKind.CutOff when _files.TryGetValue(path, out var cut):
                    context.Response.ContentLength = cut.Content.Length;
                    await context.Response.Body.WriteAsync(cut.Content.AsMemory(0, cut.Content.Length / 2));
                    await context.Response.Body.FlushAsync();
                    context.Abort();
                    return;
            }
        }

        if (_redirects.TryGetValue(path, out var location))
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = location;
            return;
        }

        switch (path)
        {
            case "/api/v2/bulk_download/list_agencies/":
                await WriteJsonAsync(context, new JsonObject
                {
                    ["agencies"] = new JsonObject
                    {
                        ["cfo_agencies"] = new JsonArray(new JsonObject
                        {
                            ["toptier_code"] = "070", ["name"] = "Department of Homeland Security", ["toptier_agency_id"] = DhsToptierAgencyId,
                        }),
                        ["other_agencies"] = new JsonArray(),
                    },
                    ["sub_agencies"] = new JsonArray(),
                });
                return;
            case "/api/v2/bulk_download/list_monthly_files/":
                var query = JsonNode.Parse(body!)!;
                var year = query["fiscal_year"]!.GetValue<int>();
                var listed = query["agency"]!.ToString() == DhsToptierAgencyId.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    ? _monthly.Where(f => f.FiscalYear is null || f.FiscalYear == year) : [];
                await WriteJsonAsync(context, new JsonObject
                {
                    ["monthly_files"] = new JsonArray(listed.Select(f => (JsonNode)new JsonObject
                    {
                        ["fiscal_year"] = f.FiscalYear, ["agency_name"] = "Department of Homeland Security", ["agency_acronym"] = "DHS",
                        ["type"] = "contracts", ["updated_date"] = "2026-09-06", ["file_name"] = f.FileName,
                        ["url"] = "https://files.usaspending.gov/award_data_archive/" + f.FileName,
                    }).ToArray()),
                });
                return;
            case "/api/v2/bulk_download/awards/":
                if (!_prepared.TryDequeue(out var prepared))
                {
                    context.Response.StatusCode = 500;
                    return;
                }

                Serve("/generated_downloads/" + prepared.FileName, prepared.Content);
                await WriteJsonAsync(context, new JsonObject
                {
                    ["status_url"] = new Uri(BaseUrl, "/api/v2/download/status?file_name=" + prepared.FileName).AbsoluteUri,
                    ["file_name"] = prepared.FileName,
                    ["file_url"] = new Uri(BaseUrl, "/generated_downloads/" + prepared.FileName).AbsoluteUri,
                });
                return;
            case "/api/v2/download/status":
                var name = request.Query["file_name"].ToString();
                if (!_statuses.TryGetValue(name, out var statuses))
                {
                    context.Response.StatusCode = 404;
                    return;
                }

                var status = statuses.Count > 1 && statuses.TryDequeue(out var s) ? s : statuses.TryPeek(out var last) ? last : "finished";
                await WriteJsonAsync(context, new JsonObject
                {
                    ["status"] = status,
                    ["message"] = status == "failed" ? "Download job failed: the query timed out" : null,
                    ["file_name"] = name,
                    ["file_url"] = new Uri(BaseUrl, "/generated_downloads/" + name).AbsoluteUri,
                    ["total_rows"] = 1,
                });
                return;
        }

        if (!_files.TryGetValue(path, out var file))
        {
            context.Response.StatusCode = 404;
            return;
        }

        if ((file.ETag is not null && request.Headers.IfNoneMatch.ToString() == file.ETag)
            || (file.ETag is null && DateTimeOffset.TryParse(request.Headers.IfModifiedSince.ToString(), out var since) && since >= file.LastModified))
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        if (file.ETag is not null)
        {
            context.Response.Headers.ETag = file.ETag;
        }

        context.Response.Headers.LastModified = file.LastModified.ToString("R");
        context.Response.ContentLength = file.Content.Length;
        if (troubles is not null && troubles.TryPeek(out var slow) && slow.Kind == TroubleKind.Slow && troubles.TryDequeue(out _))
        {
            var chunk = Math.Max(1, file.Content.Length / 20);
            for (var offset = 0; offset < file.Content.Length; offset += chunk)
            {
                await context.Response.Body.WriteAsync(file.Content.AsMemory(offset, Math.Min(chunk, file.Content.Length - offset)));
                await context.Response.Body.FlushAsync();
                await Task.Delay(slow.Delay);
            }

            return;
        }

        await context.Response.Body.WriteAsync(file.Content);
    }

    private static async Task WriteJsonAsync(HttpContext context, JsonNode json)
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed record ServedFile(byte[] Content, string? ETag, DateTimeOffset LastModified);

    private sealed record PreparedDownload(string FileName, byte[] Content);
}

public sealed record SeenRequest(string Method, string Path, string? Query, string? Body, string IfNoneMatch, string IfModifiedSince, DateTimeOffset At)
{
    public JsonNode? Json => Body is { Length: > 0 } ? JsonNode.Parse(Body) : null;
}

public enum TroubleKind
{
    Status,
    TooManyRequests,
    CutOff,
    Slow,
}

public sealed record Trouble(TroubleKind Kind, int Status = 0, int RetryAfterSeconds = 0, TimeSpan Delay = default)
{
    public static Trouble ServerError(int status = 500) => new(TroubleKind.Status, status);

    public static Trouble TooMany(int retryAfterSeconds) => new(TroubleKind.TooManyRequests, RetryAfterSeconds: retryAfterSeconds);

    public static Trouble CutOffHalfWay => new(TroubleKind.CutOff);

    public static Trouble SlowBody(TimeSpan perChunk) => new(TroubleKind.Slow, Delay: perChunk);
}
