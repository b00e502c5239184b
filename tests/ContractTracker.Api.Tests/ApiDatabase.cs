using ContractTracker.Api.Tests.Admin;
using ContractTracker.Database;
using ContractTracker.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace ContractTracker.Api.Tests;

/// <summary>
/// The API tests' database and the host on top of it (API and Hangfire server in one process, as scripts/up runs it).
/// The host reads CT_DATABASE_URL like the real one; log events are collected so tests can check what is logged.
/// USAspending is a local fake (<see cref="Usaspending"/>), allowed by name in CT_DOWNLOAD_ALLOW, with retry delays,
/// polling and progress intervals short enough for tests; rate limits are high so only their own tests meet them.
/// </summary>
public sealed class ApiDatabase : TestDatabase, IAsyncLifetime
{
    private WebApplicationFactory<Program>? _factory;

    protected override string DatabaseSuffix => "api";

    public LogCollector Logs { get; } = new();

    public FakeUsaspending Usaspending { get; private set; } = null!;

    /// <summary>The download store and drop folder root of the host.</summary>
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "ct-api-tests", "data-" + Guid.NewGuid().ToString("N"));

    public string DropDirectory => Path.Combine(DataDirectory, "drop");

    /// <summary>The host's settings for downloads and rate limits (tests start other hosts with some of them changed).</summary>
    public IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>
    {
        ["CT_USASPENDING_API"] = Usaspending.BaseUrl.AbsoluteUri,
        ["CT_USASPENDING_FILES"] = Usaspending.BaseUrl.AbsoluteUri,
        ["CT_DOWNLOAD_ALLOW"] = Usaspending.BaseUrl.Host,
        ["CT_DOWNLOAD_DIR"] = Path.Combine(DataDirectory, "downloads"),
        ["CT_DROP_DIR"] = DropDirectory,
        ["CT_DROP_SETTLE_TIME"] = "0",
        ["CT_DOWNLOAD_ATTEMPTS"] = "3",
        ["CT_DOWNLOAD_RETRY_DELAY"] = "0.01",
        ["CT_DOWNLOAD_MAX_RETRY_DELAY"] = "2",
        ["CT_DOWNLOAD_TIMEOUT"] = "10",
        ["CT_USASPENDING_POLL_INTERVAL"] = "0.02",
        ["CT_PROGRESS_INTERVAL"] = "0.05",
        ["CT_RATE_LIMIT"] = "1000000",
        ["CT_RATE_LIMIT_KEY"] = "1000000",
    };

    async Task IAsyncLifetime.InitializeAsync()
    {
        Usaspending = await FakeUsaspending.StartAsync();
        await InitializeAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Usaspending.DisposeAsync();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    public WebApplicationFactory<Program> Factory => _factory ??= CreateFactory();

    public HttpClient CreateClient() => Factory.CreateClient();

    private WebApplicationFactory<Program> CreateFactory()
    {
        Environment.SetEnvironmentVariable(DatabaseUrl.EnvironmentVariable, ConnectionString);
        return new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            foreach (var (name, value) in HostSettings)
            {
                builder.UseSetting(name, value);
            }

            builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(Logs));
        });
    }
}

[CollectionDefinition(nameof(ApiCollection))]
public sealed class ApiCollection : ICollectionFixture<ApiDatabase>;

/// <summary>Resets the database before each test.</summary>
[Collection(nameof(ApiCollection))]
public abstract class ApiTest(ApiDatabase database) : IAsyncLifetime
{
    protected ApiDatabase Database { get; } = database;
    protected string Scratch { get; } = Path.Combine(Path.GetTempPath(), "ct-api-tests", Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        _ = Database.Factory.Server; // start the host (and its Hangfire schema) before resetting
        await Database.ResetAsync();
        Database.Logs.Clear();
        Database.Usaspending.Reset();
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(Scratch))
        {
            Directory.Delete(Scratch, recursive: true);
        }

        return Task.CompletedTask;
    }
}

public sealed class LogCollector : ILogEventSink
{
    private readonly List<LogEvent> _events = [];

    public void Emit(LogEvent logEvent)
    {
        lock (_events)
        {
            _events.Add(logEvent);
        }
    }

    public IReadOnlyList<LogEvent> Events
    {
        get
        {
            lock (_events)
            {
                return _events.ToList();
            }
        }
    }

    public void Clear()
    {
        lock (_events)
        {
            _events.Clear();
        }
    }
}
