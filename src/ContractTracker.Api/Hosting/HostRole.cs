namespace ContractTracker.Api.Hosting;

/// <summary>What one process of the service does: serve the API, run background jobs, or both (local use).</summary>
public enum HostRole
{
    All,
    /// <summary>The REST API, the OpenAPI page and the Hangfire dashboard; enqueues jobs but runs none.</summary>
    Api,
    /// <summary>The Hangfire server that runs imports and refreshes.</summary>
    Worker,
}
