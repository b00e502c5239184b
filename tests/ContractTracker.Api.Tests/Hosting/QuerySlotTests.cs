using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContractTracker.Api.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ContractTracker.Api.Tests.Hosting;

/// <summary>
/// Interactive questions are answered a few at a time, the rest waiting in line: on a host of their own with one slot and a
/// line of one, the test holds the slot itself, so which request waits and which is turned away is certain.
/// </summary>
public sealed class QuerySlotTests(ApiDatabase database) : ApiTest(database)
{
    private const string Unknown = "/api/v1/awards/CONT_AWD_NO_SUCH_AWARD";

    [Fact]
    public async Task A_question_waits_for_a_free_slot_and_one_past_the_line_gets_a_503_with_retry_after()
    {
        await using var host = Host("1", "1");
        using var client = host.CreateClient();
        var slots = host.Services.GetRequiredService<QuerySlots>();

        var held = await slots.Limiter.AcquireAsync(1);
        Assert.True(held.IsAcquired);
        var waiting = client.GetAsync(Unknown);
        await Until(() => slots.Limiter.GetStatistics()!.CurrentQueuedCount == 1);

        var refused = await client.GetAsync(Unknown);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.False(waiting.IsCompleted);

        held.Dispose();
        Assert.Equal(HttpStatusCode.NotFound, (await waiting).StatusCode);
        Assert.Equal(1, slots.Limiter.GetStatistics()!.CurrentAvailablePermits);
    }

    [Fact]
    public async Task Files_and_rejected_parameters_never_wait_for_a_slot()
    {
        await using var host = Host("1", "1");
        using var client = host.CreateClient();
        using var held = await host.Services.GetRequiredService<QuerySlots>().Limiter.AcquireAsync(1);

        var file = await client.GetAsync(Unknown + "?format=csv");
        var invalid = await client.GetAsync(Unknown + "?orders_limit=0");

        Assert.Equal(HttpStatusCode.NotFound, file.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }

    [Theory]
    [InlineData("CT_QUERY_SLOTS", "0")]
    [InlineData("CT_QUERY_QUEUE", "-1")]
    [InlineData("CT_QUERY_SLOTS", "many")]
    public void A_setting_that_is_not_a_positive_number_is_refused_by_name(string name, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(name, value)]).Build();

        var failure = Assert.Throws<InvalidOperationException>(() => new QuerySlotOptions().Bind(configuration));

        Assert.Contains(name, failure.Message);
        Assert.Contains(value, failure.Message);
    }

    [Fact]
    public void By_default_the_host_answers_twice_as_many_questions_at_once_as_it_has_processors()
    {
        var options = Database.Factory.Services.GetRequiredService<IOptions<QuerySlotOptions>>().Value;
        var limiter = Database.Factory.Services.GetRequiredService<QuerySlots>().Limiter;

        Assert.Equal(2 * Environment.ProcessorCount, options.Slots);
        Assert.Equal(1000, options.Queue);
        Assert.Equal(options.Slots, limiter.GetStatistics()!.CurrentAvailablePermits);
    }

    private WebApplicationFactory<Program> Host(string slots, string queue) => Database.Factory.WithWebHostBuilder(builder =>
    {
        builder.UseSetting("CT_QUERY_SLOTS", slots);
        builder.UseSetting("CT_QUERY_QUEUE", queue);
    });

    private static async Task Until(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "the request never joined the line");
    }
}
