using System.Runtime.CompilerServices;
using Npgsql;

namespace ContractTracker.Database;

/// <summary>
/// Reads a query's rows as the caller consumes them, for exports of any length. When the caller cancels (a client that
/// went away), the query is cancelled in PostgreSQL, not drained: otherwise closing the reader would read every
/// remaining row first.
/// </summary>
public static class RowStream
{
    public static async IAsyncEnumerable<T> ReadAsync<T>(
        NpgsqlDataSource dataSource, NpgsqlBatchCommand command, Func<NpgsqlDataReader, T> map,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(command);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await using var cancelInServer = ct.Register(batch.Cancel);
        while (await reader.ReadAsync(ct))
        {
            yield return map(reader);
        }
    }
}
