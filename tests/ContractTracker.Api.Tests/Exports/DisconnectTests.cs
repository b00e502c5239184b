using ContractTracker.Api.Tests.Scenario;

namespace ContractTracker.Api.Tests.Exports;

public sealed class DisconnectTests(ApiDatabase database) : ApiTest(database)
{
    // The start of the events query (pg_stat_activity keeps only the first kilobyte of a query's text).
    private const string ExportQuery = "SELECT e.contract_transaction_unique_key, e.contract_award_unique_key, e.action_date";

    [Fact]
    public async Task A_client_that_goes_away_mid_export_stops_the_database_query()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        // 200,000 more actions of the family with ICE: far more than the buffers between the database and the client hold.
        var columns = await Database.ScalarAsync<string>("""
            SELECT string_agg(quote_ident(column_name), ',' ORDER BY ordinal_position) FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name = 'transactions'
            """);
        var copied = columns
            .Replace("contract_transaction_unique_key", "contract_transaction_unique_key || '_COPY' || g")
            .Replace("action_date,", "date '2021-01-01' + (g % 1000),");
        await Database.ScalarAsync<int>($"""
            INSERT INTO transactions ({columns})
            SELECT {copied} FROM transactions t, generate_series(1, 200000) g
            WHERE t.contract_transaction_unique_key = (
                SELECT min(contract_transaction_unique_key) FROM transactions WHERE contract_award_unique_key = '{NewsroomScenario.ParentContract}');
            SELECT 0;
            """);

        var rollbacksBefore = await RollbacksAsync();
        using var client = Database.CreateClient();
        using var cancel = new CancellationTokenSource();
        var response = await client.GetAsync(
            $"/api/v1/relationships?vendor={NewsroomScenario.Parent}&agency=ICE&format=csv&table=events",
            HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        try
        {
            var body = await response.Content.ReadAsStreamAsync(cancel.Token);
            var start = new byte[4096];
            await body.ReadExactlyAsync(start, cancel.Token);

            Assert.True(await WaitForAsync(() => RunningExportsAsync(), n => n == 1), "the export's query should be running while the client reads slowly");
        }
        finally
        {
            // The client goes away (also when an assertion above failed, so no export outlives the test).
            await cancel.CancelAsync();
            response.Dispose();
        }

        Assert.True(await WaitForAsync(() => RunningExportsAsync(), n => n == 0), "the export's query should stop when the client goes away");
        // Stopped, not read to its end: PostgreSQL cancelled the statement, which counts as a rolled-back transaction.
        Assert.True(await WaitForAsync(() => RollbacksAsync(), n => n > rollbacksBefore), "the export's query should have been cancelled in the server");
    }

    private Task<long> RollbacksAsync() => Database.ScalarAsync<long>(
        "SELECT xact_rollback FROM pg_stat_database WHERE datname = current_database()");

    private Task<long> RunningExportsAsync() => Database.ScalarAsync<long>($"""
        SELECT count(*) FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active' AND query LIKE '%{ExportQuery}%'
        """);

    /// <summary>Polls for up to 30 s: backends report their statistics some seconds after the fact.</summary>
    private static async Task<bool> WaitForAsync(Func<Task<long>> probe, Func<long, bool> done)
    {
        for (var i = 0; i < 300; i++)
        {
            if (done(await probe()))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}
