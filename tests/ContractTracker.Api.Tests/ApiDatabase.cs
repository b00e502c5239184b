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
/// </summary>
public sealed class ApiDatabase : TestDatabase
{
    private WebApplicationFactory<Program>? _factory;

    protected override string DatabaseSuffix => "api";

    public LogCollector Logs { get; } = new();

    public WebApplicationFactory<Program> Factory => _factory ??= CreateFactory();

    public HttpClient CreateClient() => Factory.CreateClient();

    private WebApplicationFactory<Program> CreateFactory()
    {
        Environment.SetEnvironmentVariable(DatabaseUrl.EnvironmentVariable, ConnectionString);
        return new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
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
