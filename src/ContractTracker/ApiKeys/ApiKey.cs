namespace ContractTracker.ApiKeys;

/// <summary>
/// A credential for the API. Only a SHA-256 of the key is stored (keys are 256 random bits, so a fast hash is enough);
/// the key itself is shown once, when it is created.
/// </summary>
public sealed class ApiKey
{
    public long Id { get; init; }
    /// <summary>Who or what holds the key, for the admin reading the list.</summary>
    public required string Name { get; set; }
    public ApiKeyRole Role { get; set; }
    /// <summary>The key's first characters, so a holder can tell which key is which without the key being stored.</summary>
    public required string Prefix { get; set; }
    /// <summary>Lower-case hex SHA-256 of the whole key.</summary>
    public required string KeyHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
}

public enum ApiKeyRole
{
    /// <summary>Reads, under a per-key rate limit of its own instead of its address's.</summary>
    Reader,
    /// <summary>Also manages sources and runs, and sees the job dashboard.</summary>
    Admin,
}
