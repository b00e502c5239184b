using Npgsql;

namespace ContractTracker.Database;

/// <summary>
/// Reads <c>CT_DATABASE_URL</c>: either an Npgsql connection string (<c>Host=...;Database=...</c>) or a
/// <c>postgres://user:password@host:port/database?sslmode=require</c> URL, as hosting platforms hand them out.
/// </summary>
public static class DatabaseUrl
{
    public const string EnvironmentVariable = "CT_DATABASE_URL";

    /// <summary>
    /// The connection string with the session settings the application's queries are written for, added to any the
    /// string already sets: no JIT compilation (PostgreSQL 15 compiles a statement whose estimated cost passes
    /// <c>jit_above_cost</c>, and at this data's costs that took 0.9-1.4 s per statement for queries that run in
    /// milliseconds), and no parallel workers (a request's plan is small, and the API serves many requests at once on few
    /// cores, so workers only add start-up cost and contention). Set per session, so a stock server needs no tuning.
    /// </summary>
    /// <remarks>
    /// Statements run a second time are prepared (<c>Max Auto Prepare</c>): the API asks the same few dozen statements over
    /// and over with other parameters, and planning them each time was more than half of the database's work per request
    /// (the relationship, award and transactions answers ran at twice the rate prepared). A connection goes back to the
    /// pool without a reset (<c>No Reset On Close</c>), which would drop the prepared statements: the application sets
    /// nothing on a session that could leak (its settings, the trigram threshold and <see cref="GenericPlansInBatch"/>, are
    /// local to a transaction). A connection string that sets <c>Max Auto Prepare</c> itself keeps its own preparation and
    /// reset settings.
    /// </remarks>
    public static string ForQueries(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = string.Join(' ', new[] { builder.Options, QuerySettings }.Where(o => !string.IsNullOrWhiteSpace(o)));
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    /// <summary>The settings <see cref="ForQueries"/> adds, as PostgreSQL command-line options.</summary>
    public const string QuerySettings = "-c jit=off -c max_parallel_workers_per_gather=0";

    /// <summary>
    /// A select-list expression that has the statements after it in the same round trip planned generically: set locally,
    /// it holds for the batch's implicit transaction and never leaks to the pooled connection. For statements whose best
    /// plan is the same whatever their values, where planning each one cost more than running it.
    /// </summary>
    public const string GenericPlansInBatch = "set_config('plan_cache_mode', 'force_generic_plan', true)";

    /// <remarks>
    /// The password is kept in the data source's connection string (Persist Security Info), so the importer can open its
    /// own unpooled session with import settings from it.
    /// </remarks>
    public static string ToConnectionString(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        if (!value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            && !value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return new NpgsqlConnectionStringBuilder(value) { PersistSecurityInfo = true }.ConnectionString;
        }

        var uri = new Uri(value);
        var builder = new NpgsqlConnectionStringBuilder
        {
            PersistSecurityInfo = true,
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(kv[0]);
            var val = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
            if (key.Equals("sslmode", StringComparison.OrdinalIgnoreCase))
            {
                builder.SslMode = Enum.Parse<SslMode>(val, ignoreCase: true);
            }
            else
            {
                builder[key] = val;
            }
        }

        return builder.ConnectionString;
    }
}
