using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using ContractTracker.Database;
using Npgsql;

namespace ContractTracker.ApiKeys;

/// <summary>A key as the CLI lists it: never the key itself.</summary>
public sealed record ApiKeyInfo(long Id, string Name, ApiKeyRole Role, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt);

/// <summary>A verified key's holder.</summary>
public sealed record ApiKeyHolder(long Id, string Name, ApiKeyRole Role);

/// <summary>
/// Creates, verifies, lists and revokes API keys. A key is <c>ct_</c> and 43 characters of base64url (256 random bits);
/// only its SHA-256 is stored, and it is shown once, when it is created.
/// </summary>
public sealed class ApiKeyStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string KeyPrefix = "ct_";

    /// <summary>Last use is written at most this often per key, so busy clients do not write on every request.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(5);

    public async Task<(ApiKeyInfo Info, string Key)> CreateAsync(ApiKeyRole role, string name, CancellationToken ct)
    {
        var key = KeyPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var prefix = key[..10];
        await using var command = dataSource.CreateCommand("""
            INSERT INTO api_keys (name, role, prefix, key_hash, created_at) VALUES (@name, @role, @prefix, @hash, @now)
            RETURNING id, created_at
            """);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("role", SnakeCaseEnumConverter<ApiKeyRole>.ToDb(role));
        command.Parameters.AddWithValue("prefix", prefix);
        command.Parameters.AddWithValue("hash", Hash(key));
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (new ApiKeyInfo(reader.GetInt64(0), name, role, prefix, reader.GetFieldValue<DateTimeOffset>(1), null, null), key);
    }

    /// <summary>The holder of <paramref name="key"/>, or null for a key that is unknown or revoked.</summary>
    public async Task<ApiKeyHolder?> VerifyAsync(string key, CancellationToken ct)
    {
        if (!key.StartsWith(KeyPrefix, StringComparison.Ordinal) || key.Length > 100)
        {
            return null;
        }

        await using var command = dataSource.CreateCommand("""
            SELECT id, name, role, last_used_at FROM api_keys WHERE key_hash = @hash AND revoked_at IS NULL
            """);
        command.Parameters.AddWithValue("hash", Hash(key));
        ApiKeyHolder holder;
        DateTimeOffset? lastUsed;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct))
            {
                return null;
            }

            holder = new ApiKeyHolder(reader.GetInt64(0), reader.GetString(1), SnakeCaseEnumConverter<ApiKeyRole>.FromDb(reader.GetString(2)));
            lastUsed = reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3);
        }

        var now = time.GetUtcNow();
        if (lastUsed is null || now - lastUsed > LastUsedResolution)
        {
            await using var touch = dataSource.CreateCommand("UPDATE api_keys SET last_used_at = @now WHERE id = @id");
            touch.Parameters.AddWithValue("now", now);
            touch.Parameters.AddWithValue("id", holder.Id);
            await touch.ExecuteNonQueryAsync(ct);
        }

        return holder;
    }

    /// <summary>Revokes the key; false when no key has that id. Revoking twice keeps the first time.</summary>
    public async Task<bool> RevokeAsync(long id, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("UPDATE api_keys SET revoked_at = coalesce(revoked_at, @now) WHERE id = @id");
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, name, role, prefix, created_at, revoked_at, last_used_at FROM api_keys ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var keys = new List<ApiKeyInfo>();
        while (await reader.ReadAsync(ct))
        {
            keys.Add(new ApiKeyInfo(
                reader.GetInt64(0), reader.GetString(1), SnakeCaseEnumConverter<ApiKeyRole>.FromDb(reader.GetString(2)), reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return keys;
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
