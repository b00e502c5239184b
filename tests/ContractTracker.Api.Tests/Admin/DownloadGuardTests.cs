using System.Net;
using ContractTracker.Downloads;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContractTracker.Api.Tests.Admin;

/// <summary>
/// The SSRF guard: only https hosts on the allowlist; internal addresses refused when the connection is made, whatever
/// the name, unless the host is listed exactly in CT_DOWNLOAD_ALLOW. Refused addresses are never connected to.
/// </summary>
public sealed class DownloadGuardTests : IAsyncLifetime
{
    private FakeUsaspending _server = null!;

    public async Task InitializeAsync() => _server = await FakeUsaspending.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_host_that_is_not_on_the_allowlist_is_refused()
    {
        using var http = Http(new DownloadOptions());

        var refused = await Assert.ThrowsAsync<DownloadRefusedException>(() => GetAsync(http, "https://example.org/contracts.zip"));

        Assert.Contains("example.org is not on the download allowlist", refused.Message);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("10.0.0.7")]
    [InlineData("172.20.0.1")]
    [InlineData("192.168.1.20")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("[::1]")]
    [InlineData("[fd00::1]")]
    [InlineData("[fe80::1]")]
    [InlineData("[::ffff:127.0.0.1]")]
    public async Task An_internal_address_is_refused_when_connecting_unless_listed_exactly(string host)
    {
        // Allowed by name (it is the configured API host) but not listed in CT_DOWNLOAD_ALLOW.
        using var http = Http(new DownloadOptions { UsaspendingApi = new Uri($"https://{host}/") });

        var refused = await Assert.ThrowsAsync<DownloadRefusedException>(() => GetAsync(http, $"https://{host}/api/v2/download/status"));

        Assert.Contains("an internal address; only hosts listed exactly in CT_DOWNLOAD_ALLOW may", refused.Message);
    }

    [Fact]
    public async Task A_host_listed_exactly_may_be_on_loopback_and_use_plain_http()
    {
        _server.Serve("/file.csv", "a,b\n"u8.ToArray());
        using var http = Http(new DownloadOptions { ExplicitHosts = ["127.0.0.1"] });

        using var response = await GetAsync(http, new Uri(_server.BaseUrl, "/file.csv").AbsoluteUri);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Listing_a_name_does_not_admit_another_spelling_of_its_address()
    {
        using var http = Http(new DownloadOptions { ExplicitHosts = ["localhost"] });

        var refused = await Assert.ThrowsAsync<DownloadRefusedException>(() => GetAsync(http, new Uri(_server.BaseUrl, "/file.csv").AbsoluteUri));

        Assert.Contains("127.0.0.1 is not on the download allowlist", refused.Message);
    }

    [Fact]
    public async Task Plain_http_is_refused_unless_the_host_is_listed()
    {
        using var http = Http(new DownloadOptions { UsaspendingFiles = new Uri("http://files.usaspending.gov") });

        var refused = await Assert.ThrowsAsync<DownloadRefusedException>(() => GetAsync(http, "http://files.usaspending.gov/award_data_archive/x.zip"));

        Assert.Contains("only https is allowed", refused.Message);
    }

    [Fact]
    public async Task A_name_that_resolves_to_loopback_is_refused()
    {
        using var http = Http(new DownloadOptions { UsaspendingFiles = new Uri($"https://localhost:{_server.BaseUrl.Port}") });

        var refused = await Assert.ThrowsAsync<DownloadRefusedException>(() => GetAsync(http, $"https://localhost:{_server.BaseUrl.Port}/file.csv"));

        Assert.Contains("localhost resolves to", refused.Message);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Every_redirect_hop_is_checked_against_the_allowlist()
    {
        _server.Serve("/moved.csv", "a,b\n"u8.ToArray());
        _server.Redirect("/here.csv", "/moved.csv");
        _server.Redirect("/metadata.csv", "http://169.254.169.254/latest/meta-data/");
        using var http = Http(new DownloadOptions { ExplicitHosts = ["127.0.0.1"] });

        using var followed = await GetAsync(http, new Uri(_server.BaseUrl, "/here.csv").AbsoluteUri);
        var refused = await Assert.ThrowsAsync<DownloadRefusedException>(() => GetAsync(http, new Uri(_server.BaseUrl, "/metadata.csv").AbsoluteUri));

        Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
        Assert.Contains("169.254.169.254 is not on the download allowlist", refused.Message);
    }

    [Fact]
    public async Task A_file_larger_than_the_download_limit_is_refused_and_nothing_is_kept()
    {
        var store = new FileStore(new DownloadOptions { StoreDirectory = Path.Combine(Path.GetTempPath(), "ct-guard-tests", Guid.NewGuid().ToString("N")) });
        using var body = new MemoryStream(new byte[10_000]);

        var refused = await Assert.ThrowsAsync<DownloadFailedException>(() =>
            store.SaveAsync(body, "big.zip", null, maxBytes: 4096, TimeSpan.FromSeconds(5), null, CancellationToken.None));

        Assert.Contains("larger than the download limit of 4,096 bytes", refused.Message);
        Assert.Empty(Directory.EnumerateFiles(store.Root, "*", SearchOption.AllDirectories));
        Directory.Delete(store.Root, recursive: true);
    }

    private static GuardedHttp Http(DownloadOptions options) =>
        new(new DownloadPolicy(options), options, NullLogger<GuardedHttp>.Instance, TimeProvider.System);

    private static Task<HttpResponseMessage> GetAsync(GuardedHttp http, string url) =>
        http.SendAsync(new Uri(url), u => new HttpRequestMessage(HttpMethod.Get, u), CancellationToken.None);
}
