using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContractTracker.Sources;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ContractTracker.Api.Tests.Admin;

/// <summary>Sources through /api/v1/admin/sources, and the Hangfire recurring jobs that follow them.</summary>
public sealed class SourceEndpointTests(ApiDatabase database) : AdminTest(database)
{
    [Fact]
    public async Task Creating_an_enabled_source_schedules_a_recurring_job_and_shows_its_next_run_in_utc()
    {
        using var admin = await AdminAsync();

        var response = await admin.PostAsJsonAsync(Sources, new { name = "Newsroom drop", kind = "drop_folder", schedule = "30 6 * * *", enabled = true, folder = "newsroom" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var source = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(response.Headers.Location!.AbsoluteUri, source.GetProperty("links").GetProperty("self").GetString());
        Assert.Equal("drop_folder", source.GetProperty("kind").GetString());
        Assert.Equal("newsroom", source.GetProperty("folder").GetString());
        var next = source.GetProperty("nextRunAt").GetDateTimeOffset();
        Assert.Equal(TimeSpan.Zero, next.Offset);
        Assert.Equal((6, 30), (next.Hour, next.Minute));
        Assert.InRange(next - DateTimeOffset.UtcNow, TimeSpan.Zero, TimeSpan.FromDays(1));
        var job = Assert.Single(RecurringJobs());
        Assert.Equal($"source:{Id(source)}", job.Id);
        Assert.Equal("30 6 * * *", job.Cron);
        Assert.Equal("imports", job.Job.Queue);
        Assert.Equal(nameof(ContractTracker.Api.Admin.SourceRunJob.RunScheduledAsync), job.Job.Method.Name);
    }

    [Fact]
    public async Task Disabling_a_source_removes_its_recurring_job_and_enabling_it_brings_it_back()
    {
        using var admin = await AdminAsync();
        var source = await CreateSourceAsync(admin, new { name = "Drop", kind = "drop_folder", schedule = "0 6 * * *", enabled = true, folder = "x" });

        var disabled = await (await admin.PostAsync($"{Sources}/{Id(source)}/disable", null)).Content.ReadFromJsonAsync<JsonElement>();
        var jobsWhileDisabled = RecurringJobs().Count;
        var enabled = await (await admin.PostAsync($"{Sources}/{Id(source)}/enable", null)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.False(disabled.GetProperty("enabled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, disabled.GetProperty("nextRunAt").ValueKind);
        Assert.Equal(0, jobsWhileDisabled);
        Assert.True(enabled.GetProperty("enabled").GetBoolean());
        Assert.Single(RecurringJobs());
    }

    [Fact]
    public async Task Updating_a_source_replaces_it_and_reschedules_its_job()
    {
        using var admin = await AdminAsync();
        var source = await CreateSourceAsync(admin, new { name = "Drop", kind = "drop_folder", schedule = "0 6 * * *", enabled = true, folder = "x" });

        var response = await admin.PutAsJsonAsync($"{Sources}/{Id(source)}", new
        {
            name = "DHS archive", kind = "award_data_archive", schedule = "0 9 * * 2", enabled = true,
            archive = new { toptierCode = "070", fromFiscalYear = 2024, full = false },
        });

        var updated = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("award_data_archive", updated.GetProperty("kind").GetString());
        Assert.False(updated.GetProperty("archive").GetProperty("full").GetBoolean());
        Assert.True(updated.GetProperty("archive").GetProperty("delta").GetBoolean());
        Assert.Equal(JsonValueKind.Null, updated.GetProperty("folder").ValueKind);
        Assert.Equal("0 9 * * 2", Assert.Single(RecurringJobs()).Cron);
    }

    [Fact]
    public async Task Deleting_a_source_removes_it_and_its_recurring_job()
    {
        using var admin = await AdminAsync();
        var source = await CreateSourceAsync(admin, new { name = "Drop", kind = "drop_folder", schedule = "0 6 * * *", enabled = true, folder = "x" });

        var deleted = await admin.DeleteAsync($"{Sources}/{Id(source)}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{Sources}/{Id(source)}")).StatusCode);
        Assert.Empty(RecurringJobs());
    }

    [Theory]
    [InlineData("schedule", """{"name":"x","kind":"drop_folder","schedule":"every day","folder":"x"}""", "is not a cron expression")]
    [InlineData("schedule", """{"name":"x","kind":"drop_folder","schedule":"* * * * *","folder":"x"}""", "runs more often than every 5 minutes")]
    [InlineData("kind", """{"name":"x","kind":"ftp","schedule":"0 6 * * *"}""", "is not a kind")]
    [InlineData("folder", """{"name":"x","kind":"drop_folder","schedule":"0 6 * * *","folder":"../../etc"}""", "without '..'")]
    [InlineData("url", """{"name":"x","kind":"url","schedule":"0 6 * * *","url":"https://example.org/file.zip"}""", "example.org is not on the download allowlist")]
    [InlineData("url", """{"name":"x","kind":"url","schedule":"0 6 * * *","url":"http://files.usaspending.gov/a.zip"}""", "is not on the download allowlist")]
    [InlineData("custom", """{"name":"x","kind":"custom_award_data","schedule":"0 6 * * *"}""", "needs 'custom'")]
    [InlineData("toptier_name", """{"name":"x","kind":"custom_award_data","schedule":"0 6 * * *","custom":{"agency":{"type":"awarding","tier":"subtier","name":"ICE"},"startDate":"2024-10-01"}}""", "toptier agency's name")]
    [InlineData("start_date", """{"name":"x","kind":"custom_award_data","schedule":"0 6 * * *","custom":{"agency":{"type":"awarding","tier":"toptier","name":"Department of Homeland Security"},"startDate":"2001-01-01"}}""", "starts on 2007-10-01")]
    [InlineData("toptier_code", """{"name":"x","kind":"award_data_archive","schedule":"0 6 * * *","archive":{"toptierCode":"DHS","fromFiscalYear":2020}}""", "is not a toptier agency code")]
    public async Task An_invalid_source_is_answered_with_a_400_that_says_what_is_wrong(string field, string body, string message)
    {
        using var admin = await AdminAsync();

        var response = await admin.PostAsync(Sources, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors").EnumerateObject().ToList();
        Assert.Contains(errors, e => e.Name.EndsWith(field, StringComparison.Ordinal)
            && e.Value.EnumerateArray().Any(m => m.GetString()!.Contains(message, StringComparison.Ordinal)));
        Assert.Equal(0L, await Database.ScalarAsync<long>("SELECT count(*) FROM sources"));
    }

    [Fact]
    public async Task A_second_source_with_the_same_name_is_a_conflict()
    {
        using var admin = await AdminAsync();
        await CreateSourceAsync(admin, new { name = "Drop", kind = "drop_folder", schedule = "0 6 * * *", folder = "x" });

        var response = await admin.PostAsJsonAsync(Sources, new { name = "Drop", kind = "drop_folder", schedule = "0 7 * * *", folder = "y" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("exists already", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_seed_sources_wait_disabled_and_are_valid_as_they_stand()
    {
        await Database.ScalarAsync<int>(SourceSeeds.InsertSql());
        using var admin = await AdminAsync();

        var sources = await admin.GetFromJsonAsync<List<JsonElement>>(Sources);

        Assert.Equal(2, sources!.Count);
        Assert.All(sources, s => Assert.False(s.GetProperty("enabled").GetBoolean()));
        Assert.All(sources, s => Assert.Equal(JsonValueKind.Null, s.GetProperty("nextRunAt").ValueKind));
        var ice = sources.Single(s => s.GetProperty("kind").GetString() == "custom_award_data").GetProperty("custom");
        Assert.Equal("U.S. Immigration and Customs Enforcement", ice.GetProperty("agency").GetProperty("name").GetString());
        Assert.Equal("2018-10-01", ice.GetProperty("startDate").GetString());
        Assert.True(ice.GetProperty("incremental").GetBoolean());
        var dhs = sources.Single(s => s.GetProperty("kind").GetString() == "award_data_archive").GetProperty("archive");
        Assert.Equal("070", dhs.GetProperty("toptierCode").GetString());
        Assert.True(dhs.GetProperty("full").GetBoolean() && dhs.GetProperty("delta").GetBoolean());
        foreach (var source in sources)
        {
            // Sent back as they are, enabled: they pass the same validation as an admin's own.
            var enabled = await admin.PutAsJsonAsync($"{Sources}/{Id(source)}", new
            {
                name = source.GetProperty("name").GetString(),
                kind = source.GetProperty("kind").GetString(),
                schedule = source.GetProperty("schedule").GetString(),
                enabled = true,
                archive = source.GetProperty("archive"),
                custom = source.GetProperty("custom"),
            });
            Assert.True(enabled.StatusCode == HttpStatusCode.OK, await enabled.Content.ReadAsStringAsync());
            Assert.Equal(JsonValueKind.String, (await enabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("nextRunAt").ValueKind);
        }

        Assert.Equal(2, RecurringJobs().Count);
    }

    [Fact]
    public async Task Unknown_sources_and_runs_are_404_problems()
    {
        using var admin = await AdminAsync();
        var source = await CreateSourceAsync(admin, new { name = "Drop", kind = "drop_folder", schedule = "0 6 * * *", folder = "x" });

        var noSource = await admin.GetAsync($"{Sources}/999999");
        var noRun = await admin.GetAsync($"{Sources}/{Id(source)}/runs/999999");

        Assert.Equal(HttpStatusCode.NotFound, noSource.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noRun.StatusCode);
        Assert.Equal("application/problem+json", noRun.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_recurring_jobs_follow_the_sources_table_when_a_host_starts()
    {
        using var admin = await AdminAsync();
        var kept = await CreateSourceAsync(admin, new { name = "Kept", kind = "drop_folder", schedule = "0 6 * * *", enabled = true, folder = "x" });
        await Database.ScalarAsync<int>("UPDATE sources SET schedule = '15 4 * * *'");
        Database.Factory.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<SourceRunJobProbe>("source:424242", p => p.Nothing(), "0 1 * * *");

        await Database.Factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>()
            .OfType<ContractTracker.Api.Admin.SourceScheduleSync>().Single().StartAsync(CancellationToken.None);

        var job = Assert.Single(RecurringJobs());
        Assert.Equal($"source:{Id(kept)}", job.Id);
        Assert.Equal("15 4 * * *", job.Cron);
    }

    private List<RecurringJobDto> RecurringJobs()
    {
        using var connection = Database.Factory.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs();
    }
}

/// <summary>A job type for a stale recurring job that no source owns.</summary>
public sealed class SourceRunJobProbe
{
    public void Nothing()
    {
    }
}
