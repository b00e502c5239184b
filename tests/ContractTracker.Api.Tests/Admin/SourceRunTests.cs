using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContractTracker.Ingest;
using ContractTracker.Sources;
using ContractTracker.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ContractTracker.Api.Tests.Admin;

/// <summary>Source runs against the fake USAspending: each ends in a clean import or a failed run that says why and applied nothing.</summary>
public sealed class SourceRunTests(ApiDatabase database) : AdminTest(database)
{
    private const string FirstYear = "All_PrimeTransactions_2026-07-04_H02M08S45570540.zip";
    private const string SecondYear = "All_PrimeTransactions_2026-07-04_H02M09S11223344.zip";

    [Fact]
    public async Task A_custom_award_data_source_asks_for_each_year_waits_for_the_files_and_imports_them()
    {
        Usaspending.PrepareDownload(FirstYear, ZipOf(FirstYear, "70CDCR24C00000001", "70CDCR24C00000002"), "queued", "running", "finished");
        Usaspending.PrepareDownload(SecondYear, ZipOf(SecondYear, "70CDCR25C00000003"), "running", "finished");
        using var admin = await AdminAsync();
        var source = await CreateSourceAsync(admin, CustomSource("ICE two years", "2023-10-01", "2025-09-30"));

        var run = await RunToEndAsync(admin, Id(source));

        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Assert.Equal(3L, await TransactionsAsync());
        var requests = Usaspending.RequestsTo("/api/v2/bulk_download/awards/").Select(r => r.Json!["filters"]!).ToList();
        Assert.Equal(2, requests.Count);
        Assert.Equal(("2023-10-01", "2024-09-30"), (requests[0]["date_range"]!["start_date"]!.ToString(), requests[0]["date_range"]!["end_date"]!.ToString()));
        Assert.Equal(("2024-10-01", "2025-09-30"), (requests[1]["date_range"]!["start_date"]!.ToString(), requests[1]["date_range"]!["end_date"]!.ToString()));
        Assert.Equal("action_date", requests[0]["date_type"]!.ToString());
        Assert.Equal("U.S. Immigration and Customs Enforcement", requests[0]["agencies"]![0]!["name"]!.ToString());
        Assert.Equal("Department of Homeland Security", requests[0]["agencies"]![0]!["toptier_name"]!.ToString());
        Assert.Contains("IDV_A", requests[0]["prime_award_types"]!.AsArray().Select(t => t!.ToString()));
        Assert.True(Usaspending.RequestsTo("/api/v2/download/status").Count >= 5);

        var files = run.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal([FirstYear, SecondYear], files.Select(f => f.GetProperty("fileName").GetString()));
        Assert.All(files, f => Assert.Equal("downloaded", f.GetProperty("outcome").GetString()));
        Assert.All(files, f => Assert.Equal(64, f.GetProperty("sha256").GetString()!.Length));
        var import = run.GetProperty("import");
        Assert.Equal("succeeded", import.GetProperty("status").GetString());
        var imported = import.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal([2L, 1L], imported.Select(f => f.GetProperty("counts").GetProperty("inserted").GetInt64()));
        Assert.Equal(FirstYear, imported[0].GetProperty("containerName").GetString());
        Assert.Equal("ICE two years", await Database.ScalarAsync<string>("SELECT source FROM import_runs"));
    }

    [Fact]
    public async Task A_failed_usaspending_job_fails_the_run_with_its_reason_and_imports_nothing_of_the_other_years()
    {
        Usaspending.PrepareDownload(FirstYear, ZipOf(FirstYear, "70CDCR24C00000001"), "running", "finished");
        Usaspending.PrepareDownload(SecondYear, ZipOf(SecondYear, "70CDCR25C00000003"), "running", "failed");
        using var admin = await AdminAsync();
        var source = await CreateSourceAsync(admin, CustomSource("ICE failing", "2023-10-01", "2025-09-30"));

        var run = await RunToEndAsync(admin, Id(source));

        Assert.Equal("failed", run.GetProperty("status").GetString());
        var message = run.GetProperty("message").GetString()!;
        Assert.Contains("USAspending could not prepare " + SecondYear, message);
        Assert.Contains("the query timed out", message);
        Assert.Contains("Nothing was imported; the data is as it was.", message);
        Assert.Equal(0L, await TransactionsAsync());
        Assert.Equal(0L, await Database.ScalarAsync<long>("SELECT count(*) FROM import_runs"));
        Assert.Equal(JsonValueKind.Null, run.GetProperty("import").ValueKind);
    }

    [Fact]
    public async Task A_server_error_is_retried_and_the_run_then_succeeds()
    {
        Usaspending.PrepareDownload(FirstYear, ZipOf(FirstYear, "70CDCR24C00000001"));
        Usaspending.Trouble("/generated_downloads/" + FirstYear, Trouble.ServerError(500), Trouble.ServerError(503));
        using var admin = await AdminAsync();
        var source = await CreateSourceAsync(admin, CustomSource("ICE flaky", "2024-10-01", "2025-09-30"));

        var run = await RunToEndAsync(admin, Id(source));

        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Assert.Equal(3, Usaspending.RequestsTo("/generated_downloads/" + FirstYear).Count);
        Assert.Equal(1L, await TransactionsAsync());
    }

    [Fact]
    public async Task A_429_is_retried_after_the_wait_the_server_asks_for()
    {
        Usaspending.PrepareDownload(FirstYear, ZipOf(FirstYear, "70CDCR24C00000001"));
        Usaspending.Trouble("/api/v2/bulk_download/awards/", Trouble.TooMany(retryAfterSeconds: 1));
        using var admin = await AdminAsync();
        var source = await CreateSourceAsync(admin, CustomSource("ICE throttled", "2024-10-01", "2025-09-30"));

        var run = await RunToEndAsync(admin, Id(source));

        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        var asks = Usaspending.RequestsTo("/api/v2/bulk_download/awards/");
        Assert.Equal(2, asks.Count);
        // The configured backoff is 10 ms; only Retry-After explains a wait of a second.
        Assert.True(asks[1].At - asks[0].At >= TimeSpan.FromSeconds(0.95), $"retried after {(asks[1].At - asks[0].At).TotalSeconds:0.000} s");
        Assert.Equal(1L, await TransactionsAsync());
    }

    [Fact]
    public async Task A_download_cut_off_half_way_is_downloaded_again()
    {
        Usaspending.PrepareDownload(FirstYear, ZipOf(FirstYear, "70CDCR24C00000001", "70CDCR24C00000002"));
        Usaspending.Trouble("/generated_downloads/" + FirstYear, Trouble.CutOffHalfWay);
        using var admin = await AdminAsync();
        var source = await CreateSourceAsync(admin, CustomSource("ICE cut once", "2024-10-01", "2025-09-30"));

        var run = await RunToEndAsync(admin, Id(source));

        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Assert.Equal(2, Usaspending.RequestsTo("/generated_downloads/" + FirstYear).Count);
        Assert.Equal(2L, await TransactionsAsync());
        Assert.Empty(Directory.GetFiles(Path.Combine(Database.DataDirectory, "downloads", ".partial")));
    }

    [Fact]
    public async Task A_download_that_keeps_being_cut_off_fails_the_run_and_leaves_the_data_as_it_was()
    {
        var importer = Database.Factory.Services.GetRequiredService<Importer>();
        await importer.ImportAsync(new ImportRequest([FixtureFiles.PathOf(FixtureFiles.RealFull)]), null, CancellationToken.None);
        var before = await Database.ScalarAsync<string>("SELECT string_agg(contract_transaction_unique_key || federal_action_obligation, ',' ORDER BY 1) FROM transactions");
        Usaspending.PrepareDownload(FirstYear, ZipOf(FirstYear, "70CDCR24C00000001"));
        Usaspending.Trouble("/generated_downloads/" + FirstYear, Trouble.CutOffHalfWay, Trouble.CutOffHalfWay, Trouble.CutOffHalfWay);
        using var admin = await AdminAsync();
        var source = await CreateSourceAsync(admin, CustomSource("ICE always cut", "2024-10-01", "2025-09-30"));

        var run = await RunToEndAsync(admin, Id(source));

        Assert.Equal("failed", run.GetProperty("status").GetString());
        var message = run.GetProperty("message").GetString()!;
        Assert.Contains($"Downloading {FirstYear} failed after 3 attempts", message);
        Assert.Contains("Nothing was imported", message);
        Assert.Equal("failed", run.GetProperty("files")[0].GetProperty("outcome").GetString());
        Assert.Equal(before, await Database.ScalarAsync<string>("SELECT string_agg(contract_transaction_unique_key || federal_action_obligation, ',' ORDER BY 1) FROM transactions"));
        Assert.Equal(1L, await Database.ScalarAsync<long>("SELECT count(*) FROM import_runs"));
    }

    [Fact]
    public async Task An_unchanged_archive_file_is_neither_downloaded_nor_imported_again_and_a_changed_one_is()
    {
        const string full = "FY2025_070_Contracts_Full_20260906.zip";
        const string delta = "FY(All)_070_Contracts_Delta_20260908.zip";
        Usaspending.ListMonthlyFiles((2025, full), (null, delta));
        Usaspending.ServeArchiveFile(full, ZipOf(full, "70CDCR25C00000001", "70CDCR25C00000002"));
        Usaspending.ServeArchiveFile(delta, DeltaZip(delta, "70CDCR25C00000009"));
        using var admin = await AdminAsync();
        var source = await CreateSourceAsync(admin, new
        {
            name = "DHS archive",
            kind = "award_data_archive",
            schedule = "0 8 * * 1",
            archive = new { toptierCode = "070", fromFiscalYear = 2025, toFiscalYear = 2025 },
        });

        var first = await RunToEndAsync(admin, Id(source));
        var second = await RunToEndAsync(admin, Id(source));
        Usaspending.ServeArchiveFile(delta, DeltaZip(delta, "70CDCR25C00000010"));
        var third = await RunToEndAsync(admin, Id(source));

        Assert.True(first.GetProperty("status").GetString() == "succeeded", first.ToString());
        Assert.Equal([full, delta], first.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("fileName").GetString()));
        Assert.Equal(2, first.GetProperty("import").GetProperty("files").GetArrayLength());

        Assert.Equal("succeeded", second.GetProperty("status").GetString());
        Assert.Contains("Nothing new", second.GetProperty("message").GetString());
        Assert.All(second.GetProperty("files").EnumerateArray(), f => Assert.Equal("unchanged", f.GetProperty("outcome").GetString()));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("import").ValueKind);
        var gets = Usaspending.RequestsTo(FakeUsaspending.ArchivePath(full));
        Assert.Equal(3, gets.Count);
        Assert.False(string.IsNullOrEmpty(gets[1].IfNoneMatch));

        Assert.Equal("succeeded", third.GetProperty("status").GetString());
        Assert.Equal(["unchanged", "downloaded"], third.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("outcome").GetString()));
        var applied = Assert.Single(third.GetProperty("import").GetProperty("files").EnumerateArray());
        Assert.Equal(delta, applied.GetProperty("containerName").GetString());
        Assert.Equal(4L, await TransactionsAsync());
        Assert.Equal(2L, await Database.ScalarAsync<long>("SELECT count(*) FROM import_runs"));
    }

    [Fact]
    public async Task A_url_source_without_an_etag_asks_again_with_if_modified_since()
    {
        const string name = "ice_extract.csv";
        Usaspending.Serve("/mirror/" + name, System.Text.Encoding.UTF8.GetBytes(SourceFileBuilder.Transactions().Add(r => r.Award("70CDCR25C00000001", "7012")).ToCsv()),
            etag: false, lastModified: new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero));
        using var admin = await AdminAsync();
        var source = await CreateSourceAsync(admin, new
        {
            name = "Mirror extract",
            kind = "url",
            schedule = "0 5 * * *",
            url = new Uri(Usaspending.BaseUrl, "/mirror/" + name).AbsoluteUri,
        });

        var first = await RunToEndAsync(admin, Id(source));
        var second = await RunToEndAsync(admin, Id(source));

        Assert.Equal("downloaded", first.GetProperty("files")[0].GetProperty("outcome").GetString());
        Assert.Equal("unchanged", second.GetProperty("files")[0].GetProperty("outcome").GetString());
        Assert.Equal("Tue, 01 Sep 2026 00:00:00 GMT", Usaspending.RequestsTo("/mirror/" + name)[1].IfModifiedSince);
        Assert.Equal(1L, await TransactionsAsync());
    }

    [Fact]
    public async Task Each_new_file_in_a_drop_folder_is_imported_once()
    {
        var folder = Path.Combine(Database.DropDirectory, "newsroom");
        SourceFileBuilder.Transactions().Add(r => r.Award("70CDCR25C00000001", "7012")).WriteTo(folder, "first.csv");
        using var admin = await AdminAsync();
        var source = await CreateSourceAsync(admin, new { name = "Newsroom drop", kind = "drop_folder", schedule = "*/15 * * * *", folder = "newsroom" });

        var first = await RunToEndAsync(admin, Id(source));
        SourceFileBuilder.Transactions().Add(r => r.Award("70CDCR25C00000002", "7012")).WriteTo(folder, "second.csv");
        var second = await RunToEndAsync(admin, Id(source));

        Assert.Equal(["downloaded"], first.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("outcome").GetString()));
        Assert.Equal(["unchanged", "downloaded"], second.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("outcome").GetString()));
        Assert.Equal("second.csv", Assert.Single(second.GetProperty("import").GetProperty("files").EnumerateArray()).GetProperty("fileName").GetString());
        Assert.Equal(2L, await TransactionsAsync());
    }

    [Fact]
    public async Task An_incremental_source_then_asks_only_for_what_changed_since_its_last_successful_run()
    {
        Usaspending.PrepareDownload(FirstYear, ZipOf(FirstYear, "70CDCR25C00000001"));
        Usaspending.PrepareDownload(SecondYear, ZipOf(SecondYear, "70CDCR25C00000001", "70CDCR25C00000002"));
        using var admin = await AdminAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var source = await CreateSourceAsync(admin, CustomSource("ICE incremental", today.AddDays(-100).ToString("yyyy-MM-dd"), null, incremental: true));

        await RunToEndAsync(admin, Id(source));
        var again = await admin.GetFromJsonAsync<JsonElement>($"{Sources}/{Id(source)}");
        await RunToEndAsync(admin, Id(source));

        var since = today.AddDays(-14).ToString("yyyy-MM-dd");
        Assert.Equal(since, again.GetProperty("changedSince").GetString());
        var requests = Usaspending.RequestsTo("/api/v2/bulk_download/awards/").Select(r => r.Json!["filters"]!).ToList();
        Assert.Equal("action_date", requests[0]["date_type"]!.ToString());
        Assert.Equal("last_modified_date", requests[1]["date_type"]!.ToString());
        Assert.Equal(since, requests[1]["date_range"]!["start_date"]!.ToString());
        Assert.Equal(today.ToString("yyyy-MM-dd"), requests[1]["date_range"]!["end_date"]!.ToString());
        Assert.Equal(2L, await TransactionsAsync());
    }

    [Fact]
    public async Task A_running_source_shows_its_progress_and_refuses_a_second_run()
    {
        Usaspending.PrepareDownload(FirstYear, ZipOf(FirstYear, Enumerable.Range(1, 400).Select(i => $"70CDCR25C{i:D8}").ToArray()));
        Usaspending.Trouble("/generated_downloads/" + FirstYear, Trouble.SlowBody(TimeSpan.FromMilliseconds(100)));
        using var admin = await AdminAsync();
        var source = await CreateSourceAsync(admin, CustomSource("ICE slow", "2024-10-01", "2025-09-30"));

        var started = await admin.PostAsync($"{Sources}/{Id(source)}/runs", null);
        JsonElement progress = default;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            var detail = await admin.GetFromJsonAsync<JsonElement>(started.Headers.Location);
            if (detail.GetProperty("progress") is { ValueKind: JsonValueKind.Object } p && p.GetProperty("phase").GetString() == "downloading"
                && p.GetProperty("bytesDownloaded").GetInt64() > 0)
            {
                progress = p;
                break;
            }

            await Task.Delay(20);
        }

        var second = await admin.PostAsync($"{Sources}/{Id(source)}/runs", null);
        var run = await WaitForEndAsync(admin, started.Headers.Location!);

        Assert.Equal(JsonValueKind.Object, progress.ValueKind);
        Assert.Equal(FirstYear, progress.GetProperty("currentFile").GetString());
        Assert.True(progress.GetProperty("bytesTotal").GetInt64() > progress.GetProperty("bytesDownloaded").GetInt64());
        Assert.InRange(progress.GetProperty("percent").GetDouble(), 0.1, 99.9);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Assert.Equal(400L, await TransactionsAsync());
    }

    [Fact]
    public async Task A_run_of_a_source_that_is_already_running_is_skipped()
    {
        var runner = Database.Factory.Services.GetRequiredService<SourceRunner>();
        Usaspending.PrepareDownload(FirstYear, ZipOf(FirstYear, "70CDCR25C00000001"));
        Usaspending.Trouble("/generated_downloads/" + FirstYear, Trouble.SlowBody(TimeSpan.FromMilliseconds(50)));
        using var admin = await AdminAsync();
        var source = await CreateSourceAsync(admin, CustomSource("ICE twice", "2024-10-01", "2025-09-30"));

        var first = runner.RunAsync(Id(source), null, SourceRunTrigger.Scheduled, CancellationToken.None);
        while (!await runner.IsRunningAsync(Id(source), CancellationToken.None))
        {
            await Task.Delay(10);
        }

        var second = await runner.RunAsync(Id(source), null, SourceRunTrigger.Scheduled, CancellationToken.None);

        Assert.Equal(SourceRunStatus.Skipped, second.Status);
        Assert.Equal(SourceRunStatus.Succeeded, (await first).Status);
        Assert.Equal(1L, await TransactionsAsync());
    }

    [Fact]
    public async Task A_file_that_is_not_a_transactions_file_fails_the_run_with_the_importers_reason()
    {
        var zip = Path.Combine(Scratch, FirstYear);
        Directory.CreateDirectory(Scratch);
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            archive.CreateEntryFromFile(FixtureFiles.PathOf(FixtureFiles.AwardSummaries), "All_Contracts_PrimeAwardSummaries_2026-07-04_H02M08S46_1.csv");
        }

        Usaspending.PrepareDownload(FirstYear, File.ReadAllBytes(zip));
        using var admin = await AdminAsync();
        var source = await CreateSourceAsync(admin, CustomSource("ICE wrong file", "2024-10-01", "2025-09-30"));

        var run = await RunToEndAsync(admin, Id(source));

        Assert.Equal("failed", run.GetProperty("status").GetString());
        Assert.Contains("Prime Award Summaries", run.GetProperty("message").GetString());
        Assert.Equal("refused", run.GetProperty("import").GetProperty("files")[0].GetProperty("status").GetString());
        Assert.Equal(0L, await TransactionsAsync());
    }

    [Fact]
    public async Task A_finished_run_keeps_each_files_rejected_records()
    {
        var csv = File.ReadAllBytes(FixtureFiles.PathOf(FixtureFiles.BadRows));
        Usaspending.Serve("/mirror/bad_rows.csv", csv);
        using var admin = await AdminAsync();
        var source = await CreateSourceAsync(admin, new
        {
            name = "Bad rows", kind = "url", schedule = "0 5 * * *", url = new Uri(Usaspending.BaseUrl, "/mirror/bad_rows.csv").AbsoluteUri,
        });

        var run = await RunToEndAsync(admin, Id(source));

        var file = run.GetProperty("import").GetProperty("files")[0];
        var rejected = file.GetProperty("counts").GetProperty("rejected").GetInt64();
        Assert.True(rejected > 0);
        Assert.Equal(rejected, file.GetProperty("firstRejects").GetArrayLength());
        var page = await admin.GetFromJsonAsync<JsonElement>(file.GetProperty("rejects").GetString());
        Assert.Equal(rejected, page.GetProperty("rejects").GetArrayLength());
        Assert.Contains("'27,500.00' is not an amount", page.GetProperty("rejects").EnumerateArray().Select(r => r.GetProperty("reason").GetString()!).First(r => r.Contains("27,500", StringComparison.Ordinal)));
    }

    private byte[] DeltaZip(string zipName, string piid)
    {
        var builder = SourceFileBuilder.Delta().Add(r => r.Award(piid, "7012").Set("correction_delete_ind", "").Set("agency_id", "7012"));
        return File.ReadAllBytes(builder.WriteZip(Path.Combine(Scratch, Guid.NewGuid().ToString("N")), zipName, recordsPerPart: 1000));
    }
}
