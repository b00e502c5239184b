using ContractTracker.Ingest.Format;
using Npgsql;
using NpgsqlTypes;

namespace ContractTracker.Ingest;

/// <summary>
/// Partial aggregates of the records a file loads, built while they are copied (the load pass waits on the server, so
/// the client has time to spare) and sent to the temporary tables <c>award_partials</c> and <c>group_partials</c>.
/// The derivation merges them with the partials of the rows already stored, so it never reads the loaded rows back.
/// Every aggregate here merges: sums, counts, minimums, maximums and "latest by date, then timestamp, then key".
/// </summary>
internal sealed class LoadedAggregates(long importFileId)
{
    private static readonly int TransactionKey = TypedColumns.IndexOf("contract_transaction_unique_key");
    private static readonly int AwardKey = TypedColumns.IndexOf("contract_award_unique_key");
    private static readonly int[] GroupColumns = new[]
    {
        "recipient_uei", "recipient_parent_uei", "recipient_name", "recipient_name_raw", "recipient_parent_name", "recipient_duns",
        "awarding_agency_code", "awarding_agency_name", "awarding_sub_agency_code", "awarding_sub_agency_name",
        "awarding_office_code", "awarding_office_name",
        "funding_agency_code", "funding_agency_name", "funding_sub_agency_code", "funding_sub_agency_name",
        "funding_office_code", "funding_office_name",
    }.Select(TypedColumns.IndexOf).ToArray();

    /// <summary>The typed columns whose text the aggregates need, by typed column index.</summary>
    public static bool[] KeptColumns { get; } = TypedColumns.All
        .Select((_, i) => i == TransactionKey || i == AwardKey || GroupColumns.Contains(i))
        .ToArray();

    public const string CreateTablesSql = """
        CREATE TEMP TABLE award_partials (
            award_key text NOT NULL, first_action_date date, last_action_date date, transaction_count bigint,
            obligated_amount numeric, sole_proprietorship boolean,
            latest_action_date date, latest_modified timestamptz, latest_key text
        ) ON COMMIT DROP;
        CREATE TEMP TABLE group_partials (
            recipient_uei text, reported_parent_uei text, recipient_name text, recipient_name_raw text, recipient_parent_name text,
            recipient_duns text,
            awarding_agency_code text, awarding_agency_name text, awarding_sub_agency_code text, awarding_sub_agency_name text,
            awarding_office_code text, awarding_office_name text,
            funding_agency_code text, funding_agency_name text, funding_sub_agency_code text, funding_sub_agency_name text,
            funding_office_code text, funding_office_name text,
            fiscal_year integer, import_file_id bigint,
            obligated_amount numeric, transaction_count bigint, first_action_date date, last_action_date date,
            last_modified_date timestamptz, sole_proprietorship boolean
        ) ON COMMIT DROP;
        """;

    private readonly Dictionary<string, AwardPartial> _awards = new(StringComparer.Ordinal);
    private readonly Dictionary<GroupKey, GroupPartial> _groups = [];

    // Group values repeat endlessly (agency names, a vendor's spellings): keep one copy of each while groups are held.
    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);

    public int Count => _awards.Count + _groups.Count;

    public void Add(LoadedRecord record)
    {
        var awardKey = record.Text[AwardKey]!;
        if (!_awards.TryGetValue(awardKey, out var award))
        {
            award = new AwardPartial { First = record.ActionDate, Last = record.ActionDate };
            _awards[awardKey] = award;
        }

        award.Add(record, record.Text[TransactionKey]!);

        var values = new string?[GroupColumns.Length];
        for (var i = 0; i < GroupColumns.Length; i++)
        {
            values[i] = Shared(record.Text[GroupColumns[i]]);
        }

        // The family an action belongs to is the parent it reported, or the recipient itself when it reported none.
        values[1] ??= values[0];
        var key = new GroupKey(values, record.FiscalYear);
        if (!_groups.TryGetValue(key, out var group))
        {
            group = new GroupPartial { First = record.ActionDate, Last = record.ActionDate, LastModified = record.LastModifiedDate };
            _groups[key] = group;
        }

        group.Add(record);
    }

    public async Task FlushAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        if (_awards.Count > 0)
        {
            await using var copy = await connection.BeginBinaryImportAsync(
                "COPY award_partials FROM STDIN (FORMAT BINARY)", ct);
            foreach (var (key, a) in _awards)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(key, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(a.First, NpgsqlDbType.Date, ct);
                await copy.WriteAsync(a.Last, NpgsqlDbType.Date, ct);
                await copy.WriteAsync(a.Count, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(a.Obligated, NpgsqlDbType.Numeric, ct);
                await copy.WriteAsync(a.SoleProprietorship, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(a.LatestDate, NpgsqlDbType.Date, ct);
                await copy.WriteAsync(a.LatestModified.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(a.LatestKey, NpgsqlDbType.Text, ct);
            }

            await copy.CompleteAsync(ct);
        }

        if (_groups.Count > 0)
        {
            await using var copy = await connection.BeginBinaryImportAsync("COPY group_partials FROM STDIN (FORMAT BINARY)", ct);
            foreach (var (key, g) in _groups)
            {
                await copy.StartRowAsync(ct);
                foreach (var value in key.Values)
                {
                    if (value is null)
                    {
                        await copy.WriteNullAsync(ct);
                    }
                    else
                    {
                        await copy.WriteAsync(value, NpgsqlDbType.Text, ct);
                    }
                }

                await copy.WriteAsync(key.FiscalYear, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(importFileId, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(g.Obligated, NpgsqlDbType.Numeric, ct);
                await copy.WriteAsync(g.Count, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(g.First, NpgsqlDbType.Date, ct);
                await copy.WriteAsync(g.Last, NpgsqlDbType.Date, ct);
                await copy.WriteAsync(g.LastModified.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(g.SoleProprietorship, NpgsqlDbType.Boolean, ct);
            }

            await copy.CompleteAsync(ct);
        }

        _awards.Clear();
        _groups.Clear();
        _strings.Clear();
    }

    private string? Shared(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (_strings.TryGetValue(value, out var shared))
        {
            return shared;
        }

        _strings.Add(value);
        return value;
    }

    private sealed class AwardPartial
    {
        public DateOnly First;
        public DateOnly Last;
        public long Count;
        public decimal Obligated;
        public bool SoleProprietorship;
        public DateOnly LatestDate;
        public DateTimeOffset LatestModified;
        public string LatestKey = "";

        public void Add(LoadedRecord record, string transactionKey)
        {
            if (record.ActionDate < First)
            {
                First = record.ActionDate;
            }

            if (record.ActionDate > Last)
            {
                Last = record.ActionDate;
            }

            Count++;
            Obligated += record.FederalActionObligation;
            SoleProprietorship |= record.SoleProprietorship;
            var later = (record.ActionDate, record.LastModifiedDate).CompareTo((LatestDate, LatestModified)) switch
            {
                > 0 => true,
                < 0 => false,
                _ => string.CompareOrdinal(transactionKey, LatestKey) > 0,
            };
            if (later)
            {
                (LatestDate, LatestModified, LatestKey) = (record.ActionDate, record.LastModifiedDate, transactionKey);
            }
        }
    }

    private sealed class GroupPartial
    {
        public decimal Obligated;
        public long Count;
        public DateOnly First;
        public DateOnly Last;
        public DateTimeOffset LastModified;
        public bool SoleProprietorship;

        public void Add(LoadedRecord record)
        {
            Obligated += record.FederalActionObligation;
            Count++;
            if (record.ActionDate < First)
            {
                First = record.ActionDate;
            }

            if (record.ActionDate > Last)
            {
                Last = record.ActionDate;
            }

            if (record.LastModifiedDate > LastModified)
            {
                LastModified = record.LastModifiedDate;
            }

            SoleProprietorship |= record.SoleProprietorship;
        }
    }

    private readonly struct GroupKey(string?[] values, int fiscalYear) : IEquatable<GroupKey>
    {
        public string?[] Values { get; } = values;
        public int FiscalYear { get; } = fiscalYear;

        public bool Equals(GroupKey other)
        {
            if (FiscalYear != other.FiscalYear)
            {
                return false;
            }

            for (var i = 0; i < Values.Length; i++)
            {
                if (!string.Equals(Values[i], other.Values[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        public override bool Equals(object? obj) => obj is GroupKey other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            hash.Add(FiscalYear);
            foreach (var value in Values)
            {
                hash.Add(value, StringComparer.Ordinal);
            }

            return hash.ToHashCode();
        }
    }
}
