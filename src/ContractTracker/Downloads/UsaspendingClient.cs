using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ContractTracker.Downloads;

/// <summary>A monthly Award Data Archive file as <c>list_monthly_files</c> lists it.</summary>
/// <param name="FiscalYear">Null for Delta files, which cover all fiscal years.</param>
public sealed record MonthlyFile(int? FiscalYear, string FileName, DateOnly? UpdatedDate, Uri Url)
{
    public bool IsDelta => FileName.Contains("_Delta_", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A Custom Award Data job: the zip USAspending is preparing and where it will be.</summary>
public sealed record AwardDownloadJob(string FileName, Uri? FileUrl);

/// <summary>A job's status: <c>finished</c>, <c>failed</c>, or anything else (keep polling).</summary>
public sealed record AwardDownloadStatus(string Status, string? Message, Uri? FileUrl, long? TotalRows);

/// <summary>
/// The USAspending API calls a source needs (<c>CT_USASPENDING_API</c>): the toptier agency ids, the monthly archive
/// listing, and Custom Award Data requests with their status. Every call is retried like a download.
/// </summary>
public sealed class UsaspendingClient(GuardedHttp http)
{
    /// <summary>USAspending's <c>toptier_agency_id</c> (a database id, not the CGAC code) of the agency with <paramref name="toptierCode"/>.</summary>
    public async Task<int?> FindToptierAgencyIdAsync(string toptierCode, CancellationToken ct)
    {
        var json = await PostAsync("/api/v2/bulk_download/list_agencies/", new JsonObject { ["type"] = "award_agencies" }, ct);
        var agencies = json["agencies"];
        foreach (var group in new[] { "cfo_agencies", "other_agencies" })
        {
            foreach (var agency in agencies?[group]?.AsArray() ?? [])
            {
                if (agency?["toptier_code"]?.ToString() == toptierCode && agency["toptier_agency_id"] is { } id)
                {
                    return int.Parse(id.ToString(), CultureInfo.InvariantCulture);
                }
            }
        }

        return null;
    }

    public async Task<IReadOnlyList<MonthlyFile>> ListMonthlyFilesAsync(int toptierAgencyId, int fiscalYear, CancellationToken ct)
    {
        var json = await PostAsync("/api/v2/bulk_download/list_monthly_files/",
            new JsonObject { ["agency"] = toptierAgencyId, ["fiscal_year"] = fiscalYear, ["type"] = "contracts" }, ct);
        var files = new List<MonthlyFile>();
        foreach (var file in json["monthly_files"]?.AsArray() ?? [])
        {
            if (file?["file_name"]?.ToString() is not { Length: > 0 } name)
            {
                continue;
            }

            var year = file["fiscal_year"] is JsonValue y && y.TryGetValue<int>(out var fy) ? fy : (int?)null;
            var updated = DateOnly.TryParseExact(file["updated_date"]?.ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d : (DateOnly?)null;
            files.Add(new MonthlyFile(year, name, updated, ArchiveUrl(name)));
        }

        return files;
    }

    /// <summary>
    /// Where the files host serves an archive file (<c>{CT_USASPENDING_FILES}/award_data_archive/{name}</c>), with the
    /// parentheses of <c>FY(All)</c> encoded.
    /// </summary>
    public Uri ArchiveUrl(string fileName) =>
        new(http.Options.UsaspendingFiles, "/award_data_archive/" + Uri.EscapeDataString(fileName).Replace("(", "%28", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal));

    /// <summary>Asks for a Custom Award Data file (<c>POST /api/v2/bulk_download/awards/</c>).</summary>
    public async Task<AwardDownloadJob> RequestAwardsAsync(JsonObject filters, CancellationToken ct)
    {
        var json = await PostAsync("/api/v2/bulk_download/awards/", new JsonObject { ["filters"] = filters, ["file_format"] = "csv" }, ct);
        var name = json["file_name"]?.ToString();
        if (string.IsNullOrEmpty(name))
        {
            throw new DownloadFailedException("USAspending accepted the download request but named no file.");
        }

        return new AwardDownloadJob(name, Absolute(json["file_url"]?.ToString()));
    }

    public async Task<AwardDownloadStatus> GetStatusAsync(string fileName, CancellationToken ct)
    {
        var json = await SendJsonAsync(HttpMethod.Get, "/api/v2/download/status?file_name=" + Uri.EscapeDataString(fileName), null, ct);
        return new AwardDownloadStatus(
            json["status"]?.ToString() ?? "", json["message"]?.ToString(), Absolute(json["file_url"]?.ToString()),
            json["total_rows"] is JsonValue rows && rows.TryGetValue<long>(out var n) ? n : null);
    }

    private Task<JsonNode> PostAsync(string path, JsonObject body, CancellationToken ct) => SendJsonAsync(HttpMethod.Post, path, body, ct);

    private Task<JsonNode> SendJsonAsync(HttpMethod method, string pathAndQuery, JsonObject? body, CancellationToken ct)
    {
        var url = new Uri(http.Options.UsaspendingApi, pathAndQuery);
        var what = $"{method} {url.AbsolutePath}";
        return http.RetryAsync(what, async attemptCt =>
        {
            using var response = await http.SendAsync(url, u => new HttpRequestMessage(method, u)
            {
                Content = body is null ? null : JsonContent.Create(body),
            }, attemptCt);
            if ((int)response.StatusCode == 400)
            {
                var detail = await response.Content.ReadAsStringAsync(attemptCt);
                throw new DownloadFailedException($"USAspending refused {what}: {Truncate(detail)}");
            }

            GuardedHttp.EnsureSuccess(response, what);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(attemptCt);
            timeout.CancelAfter(http.Options.RequestTimeout);
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            try
            {
                return JsonNode.Parse(text) ?? throw new JsonException("empty");
            }
            catch (JsonException)
            {
                throw new DownloadFailedException($"{what} answered something that is not JSON: {Truncate(text)}");
            }
        }, ct);
    }

    /// <summary>A <c>file_url</c>; relative ones (as in USAspending's own contract example) are on the API host.</summary>
    private Uri? Absolute(string? url) =>
        string.IsNullOrEmpty(url) ? null : Uri.TryCreate(http.Options.UsaspendingApi, url, out var absolute) ? absolute : null;

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
