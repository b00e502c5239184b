using ContractTracker.Provenance;
using Npgsql;

namespace ContractTracker.Agencies;

/// <summary>
/// Finds agencies by code, abbreviation or name, at toptier, sub-tier and office level. Names and resolutions can be kept
/// per data version (<see cref="Citations.DataAsOfSql"/>): agencies change only through imports (and migrations, before the
/// host starts), and every import that commits moves the version.
/// </summary>
public sealed class AgencyDirectory(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Entries one version keeps at most: more than the agencies and offices that answers name, few enough that a flood of
    /// made-up codes (unknown ones are kept too, as they may become known only with a new version) stays small.
    /// </summary>
    private const int KeptPerVersion = 20_000;

    private readonly AsOfCache<(AgencyLevel Level, string Code), AgencyRef?> _names = new(KeptPerVersion);
    private readonly AsOfCache<(string Code, AgencyLevel? Level), AgencyResolution> _resolutions = new(KeptPerVersion);

    private const string Candidates = """
        SELECT 0 AS level, a.code, a.name, a.abbreviation, a.code AS toptier_code, NULL AS subtier_code
        FROM toptier_agencies a WHERE a.code = @code OR upper(a.abbreviation) = @code
        UNION ALL
        SELECT 1, s.code, s.name, s.abbreviation, s.toptier_code, s.code
        FROM sub_agencies s WHERE s.code = @code OR upper(s.abbreviation) = @code
        UNION ALL
        SELECT 2, o.code, o.name, NULL, s.toptier_code, o.sub_agency_code
        FROM offices o LEFT JOIN sub_agencies s ON s.code = o.sub_agency_code WHERE o.code = @code
        """;

    /// <summary>
    /// Resolves a code (<c>070</c>, <c>7012</c>, <c>70CDCR</c>) or a common abbreviation (<c>DHS</c>, <c>ICE</c>). Codes win over
    /// abbreviations; a department's abbreviation that its own headquarters sub-tier shares (DHS, DOD) means the department.
    /// Anything else that matches more than one agency is ambiguous.
    /// </summary>
    public async Task<AgencyResolution> ResolveAsync(string input, AgencyLevel? level, CancellationToken ct)
    {
        var code = input.Trim().ToUpperInvariant();
        await using var command = dataSource.CreateCommand(Candidates);
        command.Parameters.AddWithValue("code", code);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await ResolveAsync(reader, code, level, ct);
    }

    /// <summary>
    /// <see cref="ResolveAsync(string, AgencyLevel?, CancellationToken)"/> as kept for the version the last caller presented, or
    /// read with the current version when not kept. That version may be older than the caller's own query reads: the caller
    /// compares the <see cref="AgencyResolutionAsOf.DataAsOf"/> with its query's and resolves again when they differ. Only an
    /// agency found is taken from what is kept: a code not found or ambiguous is answered (a 400) before the caller's query
    /// runs, with nothing to compare, so it is read again, as an import may have added the agency since.
    /// </summary>
    public async Task<AgencyResolutionAsOf> ResolveLatestAsync(string input, AgencyLevel? level, CancellationToken ct)
    {
        var key = (input.Trim().ToUpperInvariant(), level);
        return _resolutions.Latest is { } latest && latest.TryGet(key, out var known) && known is AgencyResolution.Found
            ? new AgencyResolutionAsOf(known, latest.DataAsOf)
            : await ReadResolutionAsync(key, ct);
    }

    /// <summary>
    /// <see cref="ResolveAsync(string, AgencyLevel?, CancellationToken)"/> as kept for <paramref name="dataAsOf"/>, or read when not
    /// kept; the answer says the version it holds for, newer than <paramref name="dataAsOf"/> when an import committed since.
    /// </summary>
    public async Task<AgencyResolutionAsOf> ResolveAsync(string input, AgencyLevel? level, DateTimeOffset? dataAsOf, CancellationToken ct)
    {
        var key = (input.Trim().ToUpperInvariant(), level);
        return _resolutions.For(dataAsOf).TryGet(key, out var known)
            ? new AgencyResolutionAsOf(known, dataAsOf)
            : await ReadResolutionAsync(key, ct);
    }

    private async Task<AgencyResolutionAsOf> ReadResolutionAsync((string Code, AgencyLevel? Level) key, CancellationToken ct)
    {
        // The version first: the agencies read after it are at least as new, so none is kept under a version newer than it.
        await using var command = dataSource.CreateCommand($"{Citations.DataAsOfSql};\n{Candidates}");
        command.Parameters.AddWithValue("code", key.Code);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var dataAsOf = Citations.ReadDataAsOf(reader);
        await reader.NextResultAsync(ct);
        var resolution = await ResolveAsync(reader, key.Code, key.Level, ct);
        _resolutions.For(dataAsOf).Add(key, resolution);
        return new AgencyResolutionAsOf(resolution, dataAsOf);
    }

    private static async Task<AgencyResolution> ResolveAsync(NpgsqlDataReader reader, string code, AgencyLevel? level, CancellationToken ct)
    {
        var matches = new List<(AgencyRef Agency, bool ByCode)>();
        while (await reader.ReadAsync(ct))
        {
            var agency = ReadRef(reader);
            matches.Add((agency, agency.Code == code));
        }

        var candidates = matches.Where(m => level is null || m.Agency.Level == level).ToList();
        var byCode = candidates.Where(m => m.ByCode).Select(m => m.Agency).ToList();
        var chosen = byCode.Count > 0 ? byCode : candidates.Select(m => m.Agency).ToList();
        return Decide(chosen);
    }

    private static AgencyResolution Decide(List<AgencyRef> matches)
    {
        switch (matches.Count)
        {
            case 0:
                return new AgencyResolution.NotFound();
            case 1:
                return new AgencyResolution.Found(matches[0]);
        }

        var toptiers = matches.Where(m => m.Level == AgencyLevel.Toptier).ToList();
        if (toptiers.Count == 1 && matches.All(m => m.Level == AgencyLevel.Toptier || m.ToptierCode == toptiers[0].Code))
        {
            return new AgencyResolution.Found(toptiers[0]);
        }

        return new AgencyResolution.Ambiguous(matches);
    }

    /// <summary>Agencies whose code starts with, abbreviation equals, or name contains the text; exact matches first.</summary>
    /// <remarks>
    /// Name matches are branches of their own (<c>normalize_name(name) LIKE</c> alone), so a trigram index on
    /// <c>normalize_name(name)</c> can answer them instead of normalizing every name of every office.
    /// </remarks>
    public async Task<IReadOnlyList<AgencyRef>> SearchAsync(string text, int limit, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT level, code, name, abbreviation, toptier_code, subtier_code
            FROM (
                SELECT 0 AS level, a.code, a.name, a.abbreviation, a.code AS toptier_code, NULL AS subtier_code FROM toptier_agencies a
                WHERE a.code = @code OR upper(a.abbreviation) = @code OR starts_with(a.code, @code)
                UNION
                SELECT 0, a.code, a.name, a.abbreviation, a.code, NULL FROM toptier_agencies a
                WHERE normalize_name(a.name) LIKE '%' || nullif(normalize_name(@q), '') || '%'
                UNION
                SELECT 1, s.code, s.name, s.abbreviation, s.toptier_code, s.code FROM sub_agencies s
                WHERE s.code = @code OR upper(s.abbreviation) = @code OR starts_with(s.code, @code)
                UNION
                SELECT 1, s.code, s.name, s.abbreviation, s.toptier_code, s.code FROM sub_agencies s
                WHERE normalize_name(s.name) LIKE '%' || nullif(normalize_name(@q), '') || '%'
                UNION
                SELECT 2, o.code, o.name, NULL, s.toptier_code, o.sub_agency_code FROM offices o LEFT JOIN sub_agencies s ON s.code = o.sub_agency_code
                WHERE o.code = @code OR starts_with(o.code, @code)
                UNION
                SELECT 2, o.code, o.name, NULL, s.toptier_code, o.sub_agency_code FROM offices o LEFT JOIN sub_agencies s ON s.code = o.sub_agency_code
                WHERE normalize_name(o.name) LIKE '%' || nullif(normalize_name(@q), '') || '%'
            ) hits
            ORDER BY (code = @code OR coalesce(upper(abbreviation) = @code, false)) DESC, level, name, code
            LIMIT @limit
            """);
        command.Parameters.AddWithValue("code", text.Trim().ToUpperInvariant());
        command.Parameters.AddWithValue("q", text);
        command.Parameters.AddWithValue("limit", limit);
        var result = new List<AgencyRef>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add(ReadRef(reader));
        }

        return result;
    }

    /// <summary>The toptier, sub-tier and office names for a set of codes, for labelling aggregates.</summary>
    public async Task<IReadOnlyDictionary<(AgencyLevel, string), AgencyRef>> NameAsync(
        IEnumerable<string> toptiers, IEnumerable<string> subtiers, IEnumerable<string> offices, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT 0, code, name, abbreviation, code, NULL FROM toptier_agencies WHERE code = ANY(@toptiers)
            UNION ALL
            SELECT 1, code, name, abbreviation, toptier_code, code FROM sub_agencies WHERE code = ANY(@subtiers)
            UNION ALL
            SELECT 2, o.code, o.name, NULL, s.toptier_code, o.sub_agency_code
            FROM offices o LEFT JOIN sub_agencies s ON s.code = o.sub_agency_code WHERE o.code = ANY(@offices)
            """);
        command.Parameters.AddWithValue("toptiers", toptiers.Distinct().ToArray());
        command.Parameters.AddWithValue("subtiers", subtiers.Distinct().ToArray());
        command.Parameters.AddWithValue("offices", offices.Distinct().ToArray());
        var result = new Dictionary<(AgencyLevel, string), AgencyRef>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var agency = ReadRef(reader);
            result[(agency.Level, agency.Code)] = agency;
        }

        return result;
    }

    /// <summary>
    /// <see cref="NameAsync(IEnumerable{string}, IEnumerable{string}, IEnumerable{string}, CancellationToken)"/> for an answer
    /// whose own query read <paramref name="dataAsOf"/> before this is called: codes kept for that version, unknown ones too,
    /// are not read again.
    /// </summary>
    public async Task<IReadOnlyDictionary<(AgencyLevel, string), AgencyRef>> NameAsync(
        IEnumerable<string> toptiers, IEnumerable<string> subtiers, IEnumerable<string> offices, DateTimeOffset? dataAsOf, CancellationToken ct)
    {
        var kept = _names.For(dataAsOf);
        var (found, missing) = kept.Split(toptiers.Select(c => (AgencyLevel.Toptier, c))
            .Concat(subtiers.Select(c => (AgencyLevel.Subtier, c)))
            .Concat(offices.Select(c => (AgencyLevel.Office, c))));
        var result = new Dictionary<(AgencyLevel, string), AgencyRef>();
        foreach (var (key, agency) in found.Where(f => f.Value is not null))
        {
            result[key] = agency!;
        }

        if (missing.Count > 0)
        {
            IEnumerable<string> Codes(AgencyLevel level) => missing.Where(k => k.Level == level).Select(k => k.Code);
            var read = await NameAsync(Codes(AgencyLevel.Toptier), Codes(AgencyLevel.Subtier), Codes(AgencyLevel.Office), ct);
            foreach (var key in missing)
            {
                var agency = read.GetValueOrDefault(key);
                kept.Add(key, agency);
                if (agency is not null)
                {
                    result[key] = agency;
                }
            }
        }

        return result;
    }

    internal static AgencyRef ReadRef(NpgsqlDataReader reader) => new(
        (AgencyLevel)reader.GetInt32(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5));
}

/// <summary>What an agency code or abbreviation resolved to, and the data version (data as of) that holds for.</summary>
public sealed record AgencyResolutionAsOf(AgencyResolution Resolution, DateTimeOffset? DataAsOf);
