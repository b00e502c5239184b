using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using ContractTracker.Ingest.Format;
using CsvHelper;
using FluentValidation;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace ContractTracker.Ingest;

/// <summary>Counts of what one file did. <c>RecordsRead</c> is the sum of the others.</summary>
public sealed record FileCounts(long RecordsRead, long Inserted, long Updated, long Deleted, long Unchanged, long Stale, long Superseded, long Rejected);

/// <summary>
/// Applies one CSV file inside the caller's transaction, in two passes over the file:
/// <list type="number">
/// <item>check: every record is validated; the key, <c>last_modified_date</c> and content hash of each good record (and
/// each rejected record with its reason) go to a temporary table with one COPY;</item>
/// <item>the database decides, set-based, which records win (newest <c>last_modified_date</c>, ties to the later row),
/// which are unchanged or stale, and which existing rows they replace or delete;</item>
/// <item>load: the winning records are read again and copied straight into <c>transactions</c>.</item>
/// </list>
/// Only the winners are written, so re-importing a file writes nothing, and memory holds one record at a time.
/// </summary>
internal sealed class FileLoader(SourceRecordValidator validator, ImportOptions options, ILogger logger)
{
    private const int ProgressEvery = 5000;

    public async Task<FileCounts> LoadAsync(
        NpgsqlConnection connection, long importFileId, CsvInput input, FileLayout layout,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        await ExecuteAsync(connection, """
            CREATE TEMP TABLE incoming (
                record_number bigint NOT NULL, line_number bigint NOT NULL, transaction_key text, last_modified_date timestamptz,
                is_delete boolean NOT NULL, content_hash bytea, award_key text, recipient_uei text,
                reject_column text, reject_reason text, raw_record text
            ) ON COMMIT DROP;
            """ + LoadedAggregates.CreateTablesSql, ct);

        var clock = Stopwatch.StartNew();
        var read = await CheckAsync(connection, input, layout, progress, ct);
        var checkedAt = clock.Elapsed;
        var empty = await TransactionsAreEmptyAsync(connection, ct);
        var counts = await PlanAsync(connection, importFileId, read, existingRows: !empty, ct);
        var winners = await WinningRecordsAsync(connection, ct);
        var plannedAt = clock.Elapsed;
        var rebuild = counts.Inserted >= options.FirstLoadThreshold && empty
            ? await DropSecondaryIndexesAsync(connection, ct)
            : [];
        await LoadWinnersAsync(connection, importFileId, input, layout, winners, freeze: rebuild.Count > 0, options.PartialsFlushThreshold, progress, ct);
        if (rebuild.Count > 0)
        {
            var copiedAt = clock.Elapsed;
            await RebuildIndexesAsync(connection, rebuild, ct);
            logger.LogDebug("First load: copied in {Copy:0.0} s, built {Count} indexes in {Build:0.0} s",
                (copiedAt - plannedAt).TotalSeconds, rebuild.Count, (clock.Elapsed - copiedAt).TotalSeconds);
        }

        var loadedAt = clock.Elapsed;
        progress?.Report(new ImportProgress(input.FileName, ImportPhase.Deriving, input.SizeBytes, input.SizeBytes, read));
        await DerivedTables.RecomputeAsync(connection, logger, ct);
        logger.LogInformation(
            "{File}: checked in {Check:0.0} s, planned in {Plan:0.0} s, loaded in {Load:0.0} s, derived in {Derive:0.0} s",
            input.FileName, checkedAt.TotalSeconds, (plannedAt - checkedAt).TotalSeconds, (loadedAt - plannedAt).TotalSeconds,
            (clock.Elapsed - loadedAt).TotalSeconds);
        return counts;
    }

    private sealed record CheckedRecord(
        long RecordNumber, long LineNumber, long ByteOffset, string? Key, DateTimeOffset? LastModified, bool IsDelete, byte[]? Hash,
        string? AwardKey, string? RecipientUei, string? RejectColumn, string? RejectReason, string? Raw);

    private async Task<long> CheckAsync(NpgsqlConnection connection, CsvInput input, FileLayout layout, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var malformed = new ConcurrentDictionary<long, CsvMalformedReason>();
        using var reader = OpenReader(input.Path, m => malformed.TryAdd(m.RecordNumber - 1, m.Reason));
        _ = reader.Headers;

        var records = new ThreadLocal<SourceRecord>(() => new SourceRecord());
        var hashes = new ThreadLocal<RecordHash>(() => new RecordHash(layout));
        var keyIndex = layout.IndexOf(TypedColumns.TransactionKey);
        var awardIndex = layout.IndexOf(TypedColumns.AwardKey);
        var modifiedIndex = layout.IndexOf(TypedColumns.LastModifiedDate);
        var ueiIndex = TypedColumns.IndexOf("recipient_uei");

        CheckedRecord Check(CsvReader r)
        {
            var record = records.Value!;
            record.MoveTo(r, layout, malformed.TryRemove(r.RowNumber, out var reason) ? reason : null);
            var result = validator.Validate(record);
            if (!result.IsValid)
            {
                var first = result.Errors[0];
                var why = string.Join("; ", result.Errors.Select(e => e.PropertyName == SourceRecordValidator.WholeRecord
                    ? e.ErrorMessage
                    : $"{e.PropertyName}: {e.ErrorMessage}"));
                return new CheckedRecord(record.RecordNumber, record.LineNumber, r.ByteOffset, null, null, record.IsDelete, null, null, null,
                    first.PropertyName == SourceRecordValidator.WholeRecord ? null : first.PropertyName, why, record.RawText());
            }

            FieldParsers.TryParseTimestamp(r.GetSpan(modifiedIndex), allowDateOnly: record.IsDelete, out var modified);
            var key = Encoding.UTF8.GetString(r.GetSpan(keyIndex)).ToUpperInvariant();
            if (record.IsDelete)
            {
                return new CheckedRecord(record.RecordNumber, record.LineNumber, r.ByteOffset, key, modified, true, null, null, null, null, null, null);
            }

            return new CheckedRecord(record.RecordNumber, record.LineNumber, r.ByteOffset, key, modified, false, hashes.Value!.Compute(r),
                Encoding.UTF8.GetString(r.GetSpan(awardIndex)).ToUpperInvariant(), record.Text(ueiIndex), null, null, null);
        }

        long count = 0;
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY incoming (record_number, line_number, transaction_key, last_modified_date, is_delete, content_hash, award_key, recipient_uei, reject_column, reject_reason, raw_record) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var row in reader.ParallelEnumerate(Check, Environment.ProcessorCount))
            {
                copy.StartRow();
                copy.Write(row.RecordNumber, NpgsqlDbType.Bigint);
                copy.Write(row.LineNumber, NpgsqlDbType.Bigint);
                WriteText(copy, row.Key);
                if (row.LastModified is { } modified)
                {
                    copy.Write(modified.UtcDateTime, NpgsqlDbType.TimestampTz);
                }
                else
                {
                    copy.WriteNull();
                }

                copy.Write(row.IsDelete, NpgsqlDbType.Boolean);
                if (row.Hash is null)
                {
                    copy.WriteNull();
                }
                else
                {
                    copy.Write(row.Hash, NpgsqlDbType.Bytea);
                }

                WriteText(copy, row.AwardKey);
                WriteText(copy, row.RecipientUei);
                WriteText(copy, row.RejectColumn);
                WriteText(copy, row.RejectReason);
                WriteText(copy, row.Raw);

                if (++count % ProgressEvery == 0)
                {
                    ct.ThrowIfCancellationRequested();
                    progress?.Report(new ImportProgress(input.FileName, ImportPhase.Checking, row.ByteOffset, input.SizeBytes, count));
                }
            }

            ct.ThrowIfCancellationRequested();
            await copy.CompleteAsync(ct);
        }

        progress?.Report(new ImportProgress(input.FileName, ImportPhase.Checking, input.SizeBytes, input.SizeBytes, count));
        return count;
    }

    /// <param name="existingRows">False when <c>transactions</c> is empty, so no stored row can add to what the file touches.</param>
    private static async Task<FileCounts> PlanAsync(NpgsqlConnection connection, long importFileId, long read, bool existingRows, CancellationToken ct)
    {
        await ExecuteAsync(connection, $"""
            INSERT INTO import_rejects (import_file_id, record_number, line_number, column_name, reason, raw_record)
            SELECT {importFileId}, record_number, line_number, reject_column, reject_reason, raw_record
            FROM incoming WHERE reject_reason IS NOT NULL;

            CREATE TEMP TABLE plan ON COMMIT DROP AS
            WITH winners AS (
                SELECT DISTINCT ON (transaction_key) *
                FROM incoming
                WHERE reject_reason IS NULL
                ORDER BY transaction_key, last_modified_date DESC, record_number DESC
            )
            SELECT w.record_number, w.line_number, w.transaction_key, w.last_modified_date, w.award_key, w.recipient_uei, w.content_hash,
                   t.contract_award_unique_key AS old_award_key, t.recipient_uei AS old_recipient_uei,
                   CASE
                       WHEN w.is_delete THEN
                           CASE WHEN t.contract_transaction_unique_key IS NULL THEN 'delete_unknown'
                                WHEN t.last_modified_date > w.last_modified_date THEN 'stale'
                                ELSE 'delete' END
                       WHEN t.contract_transaction_unique_key IS NOT NULL THEN
                           CASE WHEN t.last_modified_date < w.last_modified_date THEN 'update'
                                WHEN t.last_modified_date > w.last_modified_date THEN 'stale'
                                WHEN t.content_hash = w.content_hash THEN 'unchanged'
                                ELSE 'update' END
                       WHEN d.deleted_as_of >= w.last_modified_date THEN 'stale'
                       ELSE 'insert'
                   END AS action
            FROM winners w
            LEFT JOIN transactions t ON t.contract_transaction_unique_key = w.transaction_key
            LEFT JOIN transaction_tombstones d ON d.contract_transaction_unique_key = w.transaction_key;

            ANALYZE plan;

            CREATE TEMP TABLE touched_awards ON COMMIT DROP AS
            SELECT DISTINCT key FROM (
                SELECT award_key AS key FROM plan WHERE action IN ('insert', 'update')
                UNION ALL
                SELECT old_award_key FROM plan WHERE action IN ('update', 'delete') AND old_award_key IS NOT NULL) k;

            CREATE TEMP TABLE touched_recipients ON COMMIT DROP AS
            SELECT DISTINCT uei FROM (
                SELECT recipient_uei AS uei FROM plan WHERE action IN ('insert', 'update') AND recipient_uei IS NOT NULL
                UNION ALL
                SELECT old_recipient_uei FROM plan WHERE action IN ('update', 'delete') AND old_recipient_uei IS NOT NULL) u;
            """ + (existingRows ? StoredPartialsSql : "") + $"""

            DELETE FROM transactions t
            USING plan p
            WHERE p.action IN ('update', 'delete') AND t.contract_transaction_unique_key = p.transaction_key;

            INSERT INTO transaction_tombstones (contract_transaction_unique_key, contract_award_unique_key, deleted_as_of, import_file_id, line_number)
            SELECT transaction_key, old_award_key, last_modified_date, {importFileId}, line_number
            FROM plan WHERE action IN ('delete', 'delete_unknown')
            ON CONFLICT (contract_transaction_unique_key) DO UPDATE
            SET contract_award_unique_key = coalesce(excluded.contract_award_unique_key, transaction_tombstones.contract_award_unique_key),
                deleted_as_of = excluded.deleted_as_of,
                import_file_id = excluded.import_file_id,
                line_number = excluded.line_number
            WHERE excluded.deleted_as_of >= transaction_tombstones.deleted_as_of;

            DELETE FROM transaction_tombstones d
            USING plan p
            WHERE p.action IN ('insert', 'update') AND d.contract_transaction_unique_key = p.transaction_key;
            """, ct);

        var byAction = new Dictionary<string, long>();
        await using (var command = new NpgsqlCommand("SELECT action, count(*) FROM plan GROUP BY action", connection))
        await using (var rows = await command.ExecuteReaderAsync(ct))
        {
            while (await rows.ReadAsync(ct))
            {
                byAction[rows.GetString(0)] = rows.GetInt64(1);
            }
        }

        long rejected;
        await using (var command = new NpgsqlCommand("SELECT count(*) FROM incoming WHERE reject_reason IS NOT NULL", connection))
        {
            rejected = (long)(await command.ExecuteScalarAsync(ct))!;
        }

        long Count(string action) => byAction.GetValueOrDefault(action);
        var winners = byAction.Values.Sum();
        return new FileCounts(
            RecordsRead: read,
            Inserted: Count("insert"),
            Updated: Count("update"),
            Deleted: Count("delete"),
            Unchanged: Count("unchanged") + Count("delete_unknown"),
            Stale: Count("stale"),
            Superseded: read - rejected - winners,
            Rejected: rejected);
    }

    /// <summary>
    /// The partial aggregates of the rows already stored that stay (not replaced or deleted by this file) for the awards and
    /// recipients the file touches: the derivation merges them with the file's own.
    /// </summary>
    private const string StoredPartialsSql = """

        ANALYZE touched_awards;
        ANALYZE touched_recipients;

        CREATE TEMP TABLE stored_tx ON COMMIT DROP AS
        SELECT t.contract_transaction_unique_key, t.contract_award_unique_key, t.action_date, t.action_date_fiscal_year,
               t.last_modified_date, t.federal_action_obligation, t.import_file_id, t.sole_proprietorship,
               t.recipient_uei, coalesce(t.recipient_parent_uei, t.recipient_uei) AS reported_parent_uei,
               t.recipient_name, t.recipient_name_raw, t.recipient_parent_name, t.recipient_duns,
               t.awarding_agency_code, t.awarding_agency_name, t.awarding_sub_agency_code, t.awarding_sub_agency_name,
               t.awarding_office_code, t.awarding_office_name,
               t.funding_agency_code, t.funding_agency_name, t.funding_sub_agency_code, t.funding_sub_agency_name,
               t.funding_office_code, t.funding_office_name
        FROM transactions t
        WHERE (t.contract_award_unique_key = ANY(ARRAY(SELECT key FROM touched_awards))
               OR t.recipient_uei = ANY(ARRAY(SELECT uei FROM touched_recipients)))
          AND NOT EXISTS (SELECT 1 FROM plan p WHERE p.transaction_key = t.contract_transaction_unique_key AND p.action IN ('update', 'delete'));

        INSERT INTO award_partials
        SELECT a.contract_award_unique_key, a.first_action_date, a.last_action_date, a.transaction_count, a.obligated_amount,
               a.sole_proprietorship, l.action_date, l.last_modified_date, l.contract_transaction_unique_key
        FROM (SELECT contract_award_unique_key, min(action_date) AS first_action_date, max(action_date) AS last_action_date,
                     count(*) AS transaction_count, sum(federal_action_obligation) AS obligated_amount,
                     bool_or(coalesce(sole_proprietorship, false)) AS sole_proprietorship
              FROM stored_tx WHERE contract_award_unique_key IN (SELECT key FROM touched_awards)
              GROUP BY contract_award_unique_key) a
        JOIN (SELECT DISTINCT ON (contract_award_unique_key) contract_award_unique_key, action_date, last_modified_date, contract_transaction_unique_key
              FROM stored_tx
              ORDER BY contract_award_unique_key, action_date DESC, last_modified_date DESC, contract_transaction_unique_key COLLATE "C" DESC) l
          USING (contract_award_unique_key);

        INSERT INTO group_partials
        SELECT recipient_uei, reported_parent_uei, recipient_name, recipient_name_raw, recipient_parent_name, recipient_duns,
               awarding_agency_code, awarding_agency_name, awarding_sub_agency_code, awarding_sub_agency_name,
               awarding_office_code, awarding_office_name,
               funding_agency_code, funding_agency_name, funding_sub_agency_code, funding_sub_agency_name,
               funding_office_code, funding_office_name,
               action_date_fiscal_year, import_file_id,
               sum(federal_action_obligation), count(*), min(action_date), max(action_date), max(last_modified_date),
               bool_or(coalesce(sole_proprietorship, false))
        FROM stored_tx
        WHERE recipient_uei IN (SELECT uei FROM touched_recipients)
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20;
        """;

    /// <summary>The records to load (by record number) with the content hashes the check pass computed for them.</summary>
    private sealed class Winners
    {
        private const int HashBytes = 16;
        private BitArray _records = new(1024);
        private byte[] _hashes = new byte[1024 * HashBytes];

        public bool Any { get; private set; }

        public bool Contains(long record) => record < _records.Length && _records[(int)record];

        public byte[] HashOf(long record) => _hashes.AsSpan((int)record * HashBytes, HashBytes).ToArray();

        public void Add(long record, byte[] hash)
        {
            if (record >= _records.Length)
            {
                var length = (int)Math.Max(record + 1, _records.Length * 2L);
                _records.Length = length;
                Array.Resize(ref _hashes, length * HashBytes);
            }

            _records[(int)record] = true;
            hash.CopyTo(_hashes, (int)record * HashBytes);
            Any = true;
        }
    }

    private static async Task<Winners> WinningRecordsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var winners = new Winners();
        await using var command = new NpgsqlCommand("SELECT record_number, content_hash FROM plan WHERE action IN ('insert', 'update')", connection);
        await using var rows = await command.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct))
        {
            winners.Add(rows.GetInt64(0), rows.GetFieldValue<byte[]>(1));
        }

        return winners;
    }

    private static async Task LoadWinnersAsync(
        NpgsqlConnection connection, long importFileId, CsvInput input, FileLayout layout, Winners winners, bool freeze, int flushAt,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        if (!winners.Any)
        {
            return;
        }

        if (freeze)
        {
            // The table is empty and locked by this transaction; emptying it here lets COPY write the rows frozen and
            // all-visible, so no later read has to set their hint bits and index-only scans work at once.
            await ExecuteAsync(connection, "TRUNCATE transactions", ct);
        }

        using var reader = OpenReader(input.Path, null);
        var columns = string.Join(", ", TypedColumns.All.Select(c => c.Name).Concat(TypedColumns.Provenance));
        var copyCommand = $"COPY transactions ({columns}) FROM STDIN (FORMAT BINARY{(freeze ? ", FREEZE" : "")})";
        var aggregates = new LoadedAggregates(importFileId);
        var loaded = new LoadedRecord(LoadedAggregates.KeptColumns);
        var scratch = new byte[8192];
        var copy = await connection.BeginBinaryImportAsync(copyCommand, ct);
        try
        {
            long seen = 0;
            while (await reader.ReadAsync(ct))
            {
                var number = reader.RowNumber;
                if (++seen % ProgressEvery == 0)
                {
                    ct.ThrowIfCancellationRequested();
                    progress?.Report(new ImportProgress(input.FileName, ImportPhase.Loading, reader.ByteOffset, input.SizeBytes, seen));
                }

                if (!winners.Contains(number))
                {
                    continue;
                }

                copy.StartRow();
                TransactionRow.Write(copy, reader, layout, loaded, ref scratch);
                copy.Write(importFileId, NpgsqlDbType.Bigint);
                copy.Write(number, NpgsqlDbType.Bigint);
                copy.Write(reader.LineNumber, NpgsqlDbType.Bigint);
                copy.Write(winners.HashOf(number), NpgsqlDbType.Bytea);
                TransactionRow.WriteUtf8(copy, reader.RawRecord, ref scratch);
                aggregates.Add(loaded);
                if (aggregates.Count >= flushAt)
                {
                    // Memory stays flat whatever the file: end this COPY, send the partials, go on with a new one.
                    await copy.CompleteAsync(ct);
                    await copy.DisposeAsync();
                    await aggregates.FlushAsync(connection, ct);
                    copy = await connection.BeginBinaryImportAsync(copyCommand, ct);
                }
            }

            ct.ThrowIfCancellationRequested();
            await copy.CompleteAsync(ct);
            progress?.Report(new ImportProgress(input.FileName, ImportPhase.Loading, input.SizeBytes, input.SizeBytes, seen));
        }
        finally
        {
            await copy.DisposeAsync();
        }

        await aggregates.FlushAsync(connection, ct);
    }

    private static async Task<bool> TransactionsAreEmptyAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT NOT EXISTS (SELECT 1 FROM transactions)", connection);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// For a first load into an empty table: maintaining the indexes row by row cost about as much again as the COPY itself
    /// (index pages in random order, each written to the WAL after every checkpoint), while building them afterwards is a
    /// sort each. The primary key goes too (the plan has made the keys unique). The drops and the rebuild are part of the
    /// file's transaction, so a failure restores them; readers of the (empty) table wait until the file commits.
    /// </summary>
    private async Task<IReadOnlyList<string>> DropSecondaryIndexesAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var rebuild = new List<string>();
        var drops = new List<string>();
        await using (var command = new NpgsqlCommand("""
            SELECT 'ALTER TABLE transactions DROP CONSTRAINT ' || quote_ident(c.conname),
                   'ALTER TABLE transactions ADD CONSTRAINT ' || quote_ident(c.conname) || ' ' || pg_get_constraintdef(c.oid)
            FROM pg_constraint c
            WHERE c.conrelid = 'transactions'::regclass AND c.contype = 'p'
            UNION ALL
            SELECT 'DROP INDEX ' || quote_ident(i.indexname), i.indexdef
            FROM pg_indexes i
            WHERE i.schemaname = current_schema() AND i.tablename = 'transactions'
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                drops.Add(reader.GetString(0));
                rebuild.Add(reader.GetString(1));
            }
        }

        foreach (var drop in drops)
        {
            await ExecuteAsync(connection, drop, ct);
        }

        logger.LogDebug("First load: building {Count} indexes after the COPY", rebuild.Count);
        return rebuild;
    }

    private static async Task RebuildIndexesAsync(NpgsqlConnection connection, IReadOnlyList<string> definitions, CancellationToken ct)
    {
        foreach (var definition in definitions)
        {
            await ExecuteAsync(connection, definition, ct);
        }

        await ExecuteAsync(connection, "ANALYZE transactions", ct);
    }

    internal static CsvReader OpenReader(string path, Action<CsvMalformedRecord>? onMalformed) =>
        CsvReader.FromFile(path, CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
            OnMalformedRecord = onMalformed ?? (_ => { }),
            BufferSize = 1 << 20,
        });

    private static void WriteText(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value, NpgsqlDbType.Text);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }
}
