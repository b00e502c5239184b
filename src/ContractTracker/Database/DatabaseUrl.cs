using Npgsql;

namespace ContractTracker.Database;

/// <summary>
/// Reads <c>CT_DATABASE_URL</c>: either an Npgsql connection string (<c>Host=...;Database=...</c>) or a
/// <c>postgres://user:password@host:port/database?sslmode=require</c> URL, as hosting platforms hand them out.
/// </summary>
public static class DatabaseUrl
{
    public const string EnvironmentVariable = "CT_DATABASE_URL";

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
