using ContractTracker.Database;
using Npgsql;

namespace ContractTracker.Tests.Database;

/// <summary>The sessions the application queries through: no JIT, no parallel workers, repeated statements prepared.</summary>
[Collection(nameof(DatabaseCollection))]
public sealed class QuerySessionTests(EngineDatabase database)
{
    [Fact]
    public async Task A_query_session_runs_without_jit_or_parallel_workers_and_prepares_a_statement_asked_twice()
    {
        await using var dataSource = NpgsqlDataSource.Create(DatabaseUrl.ForQueries(database.ConnectionString));
        const string Question = "SELECT count(*) FROM import_runs WHERE source = $1";

        for (var i = 0; i < 3; i++)
        {
            await using var command = dataSource.CreateCommand(Question);
            command.Parameters.Add(new NpgsqlParameter { Value = "nobody" });
            Assert.Equal(0L, await command.ExecuteScalarAsync());
        }

        // The pool hands back the same idle session, with its settings and its prepared statement kept.
        await using var check = dataSource.CreateCommand("""
            SELECT current_setting('jit'), current_setting('max_parallel_workers_per_gather'),
                   (SELECT count(*) FROM pg_prepared_statements WHERE statement = $1)
            """);
        check.Parameters.Add(new NpgsqlParameter { Value = Question });
        await using var reader = await check.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal("off", reader.GetString(0));
        Assert.Equal("0", reader.GetString(1));
        Assert.Equal(1L, reader.GetInt64(2));
    }

    [Fact]
    public void A_connection_string_that_chooses_its_own_preparation_keeps_it()
    {
        var chosen = new NpgsqlConnectionStringBuilder(DatabaseUrl.ForQueries("Host=db;Max Auto Prepare=5;Options=-c work_mem=64MB"));

        Assert.Equal(5, chosen.MaxAutoPrepare);
        Assert.False(chosen.NoResetOnClose);
        Assert.Equal("-c work_mem=64MB " + DatabaseUrl.QuerySettings, chosen.Options);
    }
}
