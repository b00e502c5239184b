using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace ContractTracker.Ingest;

/// <summary>One CSV to import, on local disk: a file as given, or a zip member extracted to the work folder.</summary>
public sealed record CsvInput(string Path, string FileName, string? ContainerName, string Sha256, long SizeBytes);

/// <summary>
/// Turns the paths given to an import into CSV files: a <c>.csv</c> as it is, a <c>.zip</c> member by member (members
/// are stored flat; parts <c>_1.csv</c>/<c>_01.csv</c>, <c>_2.csv</c>, ... are taken in part order). Each CSV's SHA-256 is
/// computed while it is read or extracted, so it is known before anything is written.
/// </summary>
public static partial class ImportInputs
{
    public static async Task<IReadOnlyList<CsvInput>> ExpandAsync(string path, string workDirectory, ZipLimits limits, CancellationToken ct)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"No such file: {path}", path);
        }

        if (!full.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            await using var stream = File.OpenRead(full);
            var sha = await HashAsync(stream, ct);
            return [new CsvInput(full, Path.GetFileName(full), null, sha, stream.Length)];
        }

        Directory.CreateDirectory(workDirectory);
        using var zip = ZipFile.OpenRead(full);
        limits.Check(zip);
        var inputs = new List<CsvInput>();
        foreach (var entry in zip.Entries
                     .Where(e => e.FullName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !e.FullName.EndsWith('/'))
                     .OrderBy(e => PartKey(e.Name), StringComparer.Ordinal))
        {
            ct.ThrowIfCancellationRequested();
            var target = Path.Combine(workDirectory, $"{Guid.NewGuid():N}.csv");
            await using (var source = entry.Open())
            await using (var destination = File.Create(target))
            {
                var sha = await CopyAndHashAsync(source, destination, entry.Length, limits, ct);
                inputs.Add(new CsvInput(target, Path.GetFileName(entry.FullName), Path.GetFileName(full), sha, destination.Length));
            }
        }

        return inputs;
    }

    /// <summary>Orders <c>name_2.csv</c> before <c>name_10.csv</c>, and <c>_1</c> with <c>_01</c>.</summary>
    internal static string PartKey(string name)
    {
        var match = PartNumber().Match(name);
        return match.Success
            ? string.Concat(name.AsSpan(0, match.Index), "_", int.Parse(match.Groups[1].Value).ToString("D6"), ".csv")
            : name;
    }

    private static async Task<string> HashAsync(Stream stream, CancellationToken ct)
    {
        var hash = await SHA256.HashDataAsync(stream, ct);
        stream.Position = 0;
        return Convert.ToHexStringLower(hash);
    }

    private static async Task<string> CopyAndHashAsync(Stream source, Stream destination, long declaredLength, ZipLimits limits, CancellationToken ct)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
            if (total > declaredLength || total > limits.MaxMemberBytes)
            {
                throw new InvalidDataException("A zip member expands beyond its declared size or the configured limit.");
            }

            sha.AppendData(buffer, 0, read);
            await destination.WriteAsync(buffer.AsMemory(0, read), ct);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    [GeneratedRegex(@"_(\d+)\.csv$", RegexOptions.IgnoreCase)]
    private static partial Regex PartNumber();
}

/// <summary>What a zip may hold before it is opened further: guards against zip bombs and path tricks.</summary>
public sealed record ZipLimits(int MaxMembers = 1000, long MaxMemberBytes = 64L << 30, long MaxTotalBytes = 256L << 30, int MaxCompressionRatio = 200)
{
    public void Check(ZipArchive zip)
    {
        if (zip.Entries.Count > MaxMembers)
        {
            throw new InvalidDataException($"The zip has {zip.Entries.Count} members; at most {MaxMembers} are accepted.");
        }

        long total = 0;
        foreach (var entry in zip.Entries)
        {
            if (entry.FullName.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(entry.FullName) || entry.FullName.Contains('\\'))
            {
                throw new InvalidDataException($"The zip member '{entry.FullName}' has a path that points outside the archive.");
            }

            if (entry.Length > MaxMemberBytes)
            {
                throw new InvalidDataException($"The zip member '{entry.FullName}' expands to {entry.Length} bytes; the limit is {MaxMemberBytes}.");
            }

            if (entry.CompressedLength > 0 && entry.Length / entry.CompressedLength > MaxCompressionRatio)
            {
                throw new InvalidDataException($"The zip member '{entry.FullName}' has a compression ratio above {MaxCompressionRatio}:1.");
            }

            total += entry.Length;
        }

        if (total > MaxTotalBytes)
        {
            throw new InvalidDataException($"The zip expands to {total} bytes; the limit is {MaxTotalBytes}.");
        }
    }
}
