using ContractTracker.Downloads;
using ContractTracker.Ingest;
using Npgsql;

namespace ContractTracker.Sources;

/// <summary>
/// A running source run's live progress: reports come from the downloads and the importer as often as they like, and are
/// written to the run's row at most once per interval (and once more at the end), so watching a run costs one small
/// update a second.
/// </summary>
internal sealed class RunProgress : IProgress<TransferProgress>, IProgress<ImportProgress>, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly long _runId;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _writer;
    private Snapshot _current = new("finding", null, 0, null, 0, null, null);
    private Snapshot? _written;
    private long _bytesBefore;
    private string? _transferFile;
    private (string File, ImportPhase Phase)? _importPhase;
    private DateTimeOffset _phaseStarted;

    public RunProgress(NpgsqlDataSource dataSource, long runId, TimeSpan interval, TimeProvider time)
    {
        _dataSource = dataSource;
        _runId = runId;
        _time = time;
        _phaseStarted = time.GetUtcNow();
        _writer = WriteLoopAsync(interval);
    }

    public void SetPhase(string phase, string? file)
    {
        lock (_lock)
        {
            _phaseStarted = _time.GetUtcNow();
            _current = _current with { Phase = phase, CurrentFile = file, Percent = null, SecondsLeft = null };
        }
    }

    public void Report(TransferProgress value)
    {
        lock (_lock)
        {
            if (_transferFile != value.FileName)
            {
                _bytesBefore = _current.BytesDownloaded;
                _transferFile = value.FileName;
                _phaseStarted = _time.GetUtcNow();
            }

            var fraction = value.TotalBytes is { } total && total > 0 ? (double)value.Bytes / total : (double?)null;
            _current = _current with
            {
                Phase = "downloading",
                CurrentFile = value.FileName,
                BytesDownloaded = _bytesBefore + value.Bytes,
                BytesTotal = value.TotalBytes is { } t ? _bytesBefore + t : null,
                Percent = fraction * 100,
                SecondsLeft = SecondsLeft(fraction),
            };
        }
    }

    public void Report(ImportProgress value)
    {
        lock (_lock)
        {
            if (_importPhase != (value.FileName, value.Phase))
            {
                _importPhase = (value.FileName, value.Phase);
                _phaseStarted = _time.GetUtcNow();
            }

            _current = _current with
            {
                Phase = "importing: " + value.Phase.ToString().ToLowerInvariant(),
                CurrentFile = value.FileName,
                RecordsProcessed = value.Records,
                Percent = value.Fraction * 100,
                SecondsLeft = SecondsLeft(value.Fraction),
            };
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _writer;
        }
        catch (OperationCanceledException)
        {
        }

        await WriteAsync(CancellationToken.None);
        _stop.Dispose();
    }

    private long? SecondsLeft(double? fraction)
    {
        var elapsed = (_time.GetUtcNow() - _phaseStarted).TotalSeconds;
        return fraction is > 0.01 and < 1 && elapsed > 0 ? (long)Math.Ceiling(elapsed * (1 - fraction.Value) / fraction.Value) : null;
    }

    private async Task WriteLoopAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval, _time);
        while (await timer.WaitForNextTickAsync(_stop.Token))
        {
            try
            {
                await WriteAsync(_stop.Token);
            }
            catch (NpgsqlException)
            {
                // Progress is a courtesy; the run goes on and its outcome is written at the end.
            }
        }
    }

    private async Task WriteAsync(CancellationToken ct)
    {
        Snapshot snapshot;
        lock (_lock)
        {
            snapshot = _current;
        }

        if (snapshot == _written)
        {
            return;
        }

        await using var command = _dataSource.CreateCommand("""
            UPDATE source_runs SET phase = @phase, current_file = @file, bytes_downloaded = @bytes, bytes_total = @total,
                records_processed = @records, percent = @percent, seconds_left = @left, progress_at = now()
            WHERE id = @id
            """);
        command.Parameters.AddWithValue("phase", snapshot.Phase);
        command.Parameters.AddWithValue("file", (object?)snapshot.CurrentFile ?? DBNull.Value);
        command.Parameters.AddWithValue("bytes", snapshot.BytesDownloaded);
        command.Parameters.AddWithValue("total", (object?)snapshot.BytesTotal ?? DBNull.Value);
        command.Parameters.AddWithValue("records", snapshot.RecordsProcessed);
        command.Parameters.AddWithValue("percent", (object?)(snapshot.Percent is { } p ? Math.Round(p, 1) : null) ?? DBNull.Value);
        command.Parameters.AddWithValue("left", (object?)snapshot.SecondsLeft ?? DBNull.Value);
        command.Parameters.AddWithValue("id", _runId);
        await command.ExecuteNonQueryAsync(ct);
        _written = snapshot;
    }

    private sealed record Snapshot(
        string Phase, string? CurrentFile, long BytesDownloaded, long? BytesTotal, long RecordsProcessed, double? Percent, long? SecondsLeft);
}
