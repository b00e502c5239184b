using System.Security.Cryptography;

namespace ContractTracker.Downloads;

/// <summary>A file written to the store: its path inside the store, SHA-256 and size.</summary>
public sealed record StoredFile(string StoredPath, string Sha256, long SizeBytes);

/// <summary>Bytes so far of the file being stored, and its size when known.</summary>
public sealed record TransferProgress(string FileName, long Bytes, long? TotalBytes);

/// <summary>
/// The download store: each file is streamed to disk (never held in memory) while its SHA-256 is computed, then kept as
/// <c>{sha[0..2]}/{sha}/{file name}</c>, so the same bytes are stored once and keep the name the importer records.
/// </summary>
public sealed class FileStore(DownloadOptions options)
{
    public string Root => Path.GetFullPath(options.StoreDirectory);

    public string FullPath(string storedPath) => Path.Combine(Root, storedPath);

    /// <summary>
    /// Streams <paramref name="source"/> into the store. A body shorter than <paramref name="expectedBytes"/> is a cut-off
    /// download (an <see cref="IOException"/>, worth retrying); one longer than <paramref name="maxBytes"/> is refused.
    /// <paramref name="idleTimeout"/> bounds the wait for each chunk.
    /// </summary>
    public async Task<StoredFile> SaveAsync(
        Stream source, string fileName, long? expectedBytes, long maxBytes, TimeSpan idleTimeout, IProgress<TransferProgress>? progress,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        var partial = Path.Combine(Root, ".partial");
        Directory.CreateDirectory(partial);
        var temporary = Path.Combine(partial, $"{Guid.NewGuid():N}.part");
        try
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[1 << 17];
            var head = new byte[4];
            long total = 0;
            await using (var destination = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
                while (true)
                {
                    idle.CancelAfter(idleTimeout);
                    int read;
                    try
                    {
                        read = await source.ReadAsync(buffer, idle.Token);
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                    {
                        throw new TimeoutException($"no data for {idleTimeout.TotalSeconds:0.#} s after {total:N0} bytes");
                    }

                    if (read == 0)
                    {
                        break;
                    }

                    if (total < head.Length)
                    {
                        Array.Copy(buffer, 0, head, (int)total, Math.Min(read, head.Length - (int)total));
                    }

                    total += read;
                    if (total > maxBytes)
                    {
                        throw new DownloadFailedException($"{fileName} is larger than the download limit of {maxBytes:N0} bytes (CT_DOWNLOAD_MAX_BYTES).");
                    }

                    sha.AppendData(buffer, 0, read);
                    await destination.WriteAsync(buffer.AsMemory(0, read), ct);
                    progress?.Report(new TransferProgress(fileName, total, expectedBytes));
                }
            }

            if (expectedBytes is { } expected && total != expected)
            {
                throw new IOException($"the download of {fileName} ended after {total:N0} of {expected:N0} bytes");
            }

            var hash = Convert.ToHexStringLower(sha.GetHashAndReset());
            var storedPath = Path.Combine(hash[..2], hash, Name(fileName, head));
            var target = FullPath(storedPath);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (File.Exists(target))
            {
                File.Delete(temporary);
            }
            else
            {
                File.Move(temporary, target);
            }

            return new StoredFile(storedPath, hash, total);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>A safe file name that ends in <c>.zip</c> or <c>.csv</c> (by the zip signature when the name says neither).</summary>
    private static string Name(string fileName, byte[] head)
    {
        var name = string.Concat(Path.GetFileName(fileName.Replace('\\', '/')).Select(c => Path.GetInvalidFileNameChars().Contains(c) ? '_' : c));
        if (name.Length == 0 || name is "." or "..")
        {
            name = "download";
        }

        if (name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return name;
        }

        return head is [0x50, 0x4B, 0x03, 0x04] ? name + ".zip" : name + ".csv";
    }
}
