using Microsoft.Extensions.Logging;
using Npgsql;

namespace ContractTracker.Downloads;

/// <summary>A file in the store, ready to import, and whether this fetch found it unchanged.</summary>
/// <param name="NotModified">The server answered 304 (or the drop folder file was seen before): the stored copy is current.</param>
public sealed record FetchedFile(long DownloadId, string Path, string FileName, string Sha256, long SizeBytes, bool NotModified, bool AppliedBefore);

/// <summary>
/// Fetches files into the <see cref="FileStore"/> and records them in <c>downloads</c>: conditional requests with the
/// validators of the last copy of the same URL, retries through <see cref="GuardedHttp"/>, a size limit, and at most
/// <see cref="DownloadOptions.MaxConcurrentDownloads"/> downloads at once in this process.
/// </summary>
public sealed class FileDownloader(GuardedHttp http, FileStore store, NpgsqlDataSource dataSource, ILogger<FileDownloader> logger)
{
    private readonly SemaphoreSlim _slots = new(http.Options.MaxConcurrentDownloads);

    public async Task<FetchedFile> FetchAsync(Uri url, string fileName, IProgress<TransferProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(url);
        var previous = await FindAsync(url.AbsoluteUri, ct);
        await _slots.WaitAsync(ct);
        try
        {
            return await http.RetryAsync($"Downloading {fileName}", async attemptCt =>
            {
                using var response = await http.SendAsync(url, u =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Get, u);
                    if (previous?.ETag is { } etag && System.Net.Http.Headers.EntityTagHeaderValue.TryParse(etag, out var tag))
                    {
                        request.Headers.IfNoneMatch.Add(tag);
                    }
                    else if (previous?.LastModified is { } lastModified)
                    {
                        request.Headers.IfModifiedSince = lastModified;
                    }

                    return request;
                }, attemptCt);

                if (response.StatusCode == System.Net.HttpStatusCode.NotModified && previous is not null)
                {
                    logger.LogInformation("{File} has not changed since {DownloadedAt:u} (file {DownloadId})", fileName, previous.DownloadedAt, previous.Id);
                    return previous.ToFetched(store, notModified: true);
                }

                GuardedHttp.EnsureSuccess(response, $"Downloading {fileName} from {GuardedHttp.Describe(url)}");
                var length = response.Content.Headers.ContentLength;
                if (length > http.Options.MaxDownloadBytes)
                {
                    throw new DownloadFailedException(
                        $"{fileName} is {length:N0} bytes, more than the download limit of {http.Options.MaxDownloadBytes:N0} bytes (CT_DOWNLOAD_MAX_BYTES).");
                }

                await using var body = await response.Content.ReadAsStreamAsync(attemptCt);
                var stored = await store.SaveAsync(body, fileName, length, http.Options.MaxDownloadBytes, http.Options.RequestTimeout, progress, attemptCt);
                var row = await RecordAsync(url.AbsoluteUri, fileName, stored, response.Headers.ETag?.ToString(), response.Content.Headers.LastModified, ct);
                logger.LogInformation("Downloaded {File}: {Bytes} bytes, sha256 {Sha256}", fileName, stored.SizeBytes, stored.Sha256);
                return row.ToFetched(store, notModified: false);
            }, ct);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>
    /// Copies a local file (a drop folder's) into the store, unless the same path with the same size and modification
    /// time was stored before.
    /// </summary>
    public async Task<FetchedFile> StoreLocalAsync(string path, CancellationToken ct)
    {
        var info = new FileInfo(path);
        var url = new Uri(info.FullName).AbsoluteUri;
        var modified = new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero);
        var previous = await FindAsync(url, ct);
        if (previous is not null && previous.SizeBytes == info.Length && previous.LastModified == modified)
        {
            return previous.ToFetched(store, notModified: true);
        }

        await using var source = new FileStream(info.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var stored = await store.SaveAsync(source, info.Name, info.Length, long.MaxValue, http.Options.RequestTimeout, null, ct);
        var row = await RecordAsync(url, info.Name, stored, null, modified, ct);
        return row.ToFetched(store, notModified: false);
    }

    /// <summary>Marks downloads as applied: an import run took every file in them.</summary>
    public async Task MarkAppliedAsync(IEnumerable<long> downloadIds, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("UPDATE downloads SET applied_at = now() WHERE id = ANY(@ids) AND applied_at IS NULL");
        command.Parameters.AddWithValue("ids", downloadIds.ToArray());
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The last copy stored from <paramref name="url"/>, if its file is still in the store.</summary>
    private async Task<DownloadRow?> FindAsync(string url, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, file_name, sha256, size_bytes, stored_path, etag, last_modified, downloaded_at, applied_at
            FROM downloads WHERE url = @url ORDER BY downloaded_at DESC LIMIT 1
            """);
        command.Parameters.AddWithValue("url", url);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        var row = DownloadRow.Read(reader);
        return File.Exists(store.FullPath(row.StoredPath)) ? row : null;
    }

    private async Task<DownloadRow> RecordAsync(string url, string fileName, StoredFile stored, string? etag, DateTimeOffset? lastModified, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO downloads (url, file_name, sha256, size_bytes, stored_path, etag, last_modified, downloaded_at)
            VALUES (@url, @name, @sha, @size, @path, @etag, @modified, now())
            ON CONFLICT (sha256) DO UPDATE SET url = excluded.url, file_name = excluded.file_name, stored_path = excluded.stored_path,
                etag = excluded.etag, last_modified = excluded.last_modified, downloaded_at = excluded.downloaded_at
            RETURNING id, file_name, sha256, size_bytes, stored_path, etag, last_modified, downloaded_at, applied_at
            """);
        command.Parameters.AddWithValue("url", url);
        command.Parameters.AddWithValue("name", fileName);
        command.Parameters.AddWithValue("sha", stored.Sha256);
        command.Parameters.AddWithValue("size", stored.SizeBytes);
        command.Parameters.AddWithValue("path", stored.StoredPath);
        command.Parameters.AddWithValue("etag", (object?)etag ?? DBNull.Value);
        command.Parameters.AddWithValue("modified", (object?)lastModified ?? DBNull.Value);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return DownloadRow.Read(reader);
    }

    private sealed record DownloadRow(
        long Id, string FileName, string Sha256, long SizeBytes, string StoredPath, string? ETag, DateTimeOffset? LastModified,
        DateTimeOffset DownloadedAt, DateTimeOffset? AppliedAt)
    {
        public static DownloadRow Read(NpgsqlDataReader r) => new(
            r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5),
            r.IsDBNull(6) ? null : r.GetFieldValue<DateTimeOffset>(6), r.GetFieldValue<DateTimeOffset>(7),
            r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8));

        public FetchedFile ToFetched(FileStore store, bool notModified) =>
            new(Id, store.FullPath(StoredPath), FileName, Sha256, SizeBytes, notModified, AppliedAt is not null);
    }
}
