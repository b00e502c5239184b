using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace ContractTracker.Provenance;

/// <summary>
/// Rows read from the database under one data version (the data as of, <see cref="Citations.DataAsOfSql"/>), forgotten as
/// soon as a caller presents another version. Only imports write what is kept here, and every import that commits moves the
/// version, so a caller that reads the version before it reads the rows it adds never keeps a row under a version newer
/// than the row. A version that goes back (a database emptied or restored, ids reused) is just another version.
/// </summary>
/// <param name="capacity">Entries one version keeps at most; past that they are dropped, so junk keys cannot grow it.</param>
public sealed class AsOfCache<TKey, TValue>(int capacity) where TKey : notnull
{
    private AsOfEntries<TKey, TValue>? _latest;

    /// <summary>The entries of the version last presented, or null before any was.</summary>
    public AsOfEntries<TKey, TValue>? Latest => Volatile.Read(ref _latest);

    /// <summary>
    /// The entries kept for <paramref name="dataAsOf"/>: the latest ones when they are of that version, otherwise new, empty
    /// ones that replace them. A caller keeps using the entries it was given; adding to replaced ones is harmless.
    /// </summary>
    public AsOfEntries<TKey, TValue> For(DateTimeOffset? dataAsOf)
    {
        var latest = Volatile.Read(ref _latest);
        if (latest is not null && latest.DataAsOf == dataAsOf)
        {
            return latest;
        }

        var fresh = new AsOfEntries<TKey, TValue>(dataAsOf, capacity);
        Volatile.Write(ref _latest, fresh);
        return fresh;
    }
}

/// <summary>What an <see cref="AsOfCache{TKey, TValue}"/> keeps for one data version.</summary>
public sealed class AsOfEntries<TKey, TValue>(DateTimeOffset? dataAsOf, int capacity) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _values = new();

    public DateTimeOffset? DataAsOf { get; } = dataAsOf;

    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value) => _values.TryGetValue(key, out value);

    /// <summary>The values kept for <paramref name="keys"/> (each once), and the keys not kept, for the caller to read.</summary>
    public (List<(TKey Key, TValue Value)> Kept, List<TKey> Missing) Split(IEnumerable<TKey> keys)
    {
        List<(TKey, TValue)> kept = [];
        List<TKey> missing = [];
        foreach (var key in keys.Distinct())
        {
            if (_values.TryGetValue(key, out var value))
            {
                kept.Add((key, value));
            }
            else
            {
                missing.Add(key);
            }
        }

        return (kept, missing);
    }

    public void Add(TKey key, TValue value)
    {
        if (_values.Count >= capacity)
        {
            _values.Clear();
        }

        _values[key] = value;
    }
}
