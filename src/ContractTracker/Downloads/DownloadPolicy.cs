using System.Net;
using System.Net.Sockets;

namespace ContractTracker.Downloads;

/// <summary>
/// Which addresses downloads may reach (the SSRF guard). A URL must be <c>https</c> and name a host on the allowlist
/// (the configured USAspending API and files hosts, plus <c>CT_DOWNLOAD_ALLOW</c>); when it connects, every address the
/// name resolves to must be public. Only hosts an admin listed exactly in <c>CT_DOWNLOAD_ALLOW</c> may use plain
/// <c>http</c> or resolve to loopback, private, link-local or other internal addresses.
/// </summary>
public sealed class DownloadPolicy
{
    private readonly HashSet<string> _allowed;
    private readonly HashSet<string> _explicit;

    public DownloadPolicy(DownloadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _explicit = new HashSet<string>(options.ExplicitHosts.Select(Normalize), StringComparer.OrdinalIgnoreCase);
        _allowed = new HashSet<string>(_explicit, StringComparer.OrdinalIgnoreCase)
        {
            Normalize(options.UsaspendingApi.DnsSafeHost),
            Normalize(options.UsaspendingFiles.DnsSafeHost),
        };
    }

    /// <summary>Why <paramref name="url"/> may not be fetched, or null when its scheme and host are allowed.</summary>
    public string? Refusal(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            return $"'{url}' is not an absolute URL";
        }

        var host = Normalize(url.DnsSafeHost);
        if (!_allowed.Contains(host))
        {
            return $"{host} is not on the download allowlist (the USAspending hosts and CT_DOWNLOAD_ALLOW)";
        }

        if (url.Scheme == Uri.UriSchemeHttps)
        {
            return null;
        }

        return url.Scheme == Uri.UriSchemeHttp && _explicit.Contains(host)
            ? null
            : $"{url.Scheme}://{host} is refused: only https is allowed, except for hosts listed in CT_DOWNLOAD_ALLOW";
    }

    /// <summary>Why a connection to <paramref name="address"/>, resolved from <paramref name="host"/>, is refused, or null.</summary>
    public string? AddressRefusal(string host, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        host = Normalize(host);
        if (_explicit.Contains(host) || IsPublic(address))
        {
            return null;
        }

        return $"{host} resolves to {address}, an internal address; only hosts listed exactly in CT_DOWNLOAD_ALLOW may";
    }

    /// <summary>
    /// Public unicast: not loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16, fe80::/10),
    /// shared (100.64/10), unspecified, multicast, benchmarking or reserved. IPv4-mapped IPv6 addresses are judged as IPv4.
    /// </summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127 || b[0] >= 224
                     || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
                     || (b[0] == 169 && b[1] == 254)
                     || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                     || (b[0] == 192 && b[1] == 168)
                     || (b[0] == 192 && b[1] == 0 && b[2] == 0)
                     || (b[0] == 198 && (b[1] == 18 || b[1] == 19)));
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            var unspecified = address.Equals(IPAddress.IPv6Any);
            var uniqueLocal = (b[0] & 0xFE) == 0xFC;
            // 64:ff9b::/96 (NAT64) and ::a.b.c.d (IPv4-compatible) reach IPv4 addresses this check has not seen.
            var embedsIPv4 = (b[0] == 0 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B) || b.Take(12).All(x => x == 0);
            return !(unspecified || uniqueLocal || embedsIPv4 || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast);
        }

        return false;
    }

    private static string Normalize(string host) => host.Trim().TrimStart('[').TrimEnd(']').TrimEnd('.').ToLowerInvariant();
}

/// <summary>A URL or address the download policy does not allow; never retried.</summary>
public sealed class DownloadRefusedException(string message) : Exception(message);

/// <summary>A request or download that failed for good: a status that retrying cannot fix, or the last of its tries.</summary>
public sealed class DownloadFailedException(string message, Exception? inner = null) : Exception(message, inner);
