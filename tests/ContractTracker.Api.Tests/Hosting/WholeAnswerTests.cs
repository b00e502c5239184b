using System.Net;
using System.Text.Json;
using ContractTracker.Api.Tests.Scenario;

namespace ContractTracker.Api.Tests.Hosting;

/// <summary>A question's JSON answer goes out whole, with its length; a file streams, whatever its size.</summary>
public sealed class WholeAnswerTests(ApiDatabase database) : ApiTest(database)
{
    [Fact]
    public async Task A_question_is_answered_with_its_content_length_and_a_file_without_one()
    {
        await NewsroomScenario.ImportAsync(Database, Scratch);
        using var client = Database.Factory.CreateClient();

        foreach (var question in new[]
        {
            $"/api/v1/awards/{NewsroomScenario.Idv}",
            "/api/v1/transactions?limit=500",
            "/api/v1/awards/CONT_AWD_NO_SUCH_AWARD",
        })
        {
            // Headers as they came: a buffered body would get a computed length.
            using var answer = await client.GetAsync(question, HttpCompletionOption.ResponseHeadersRead);
            var length = answer.Content.Headers.ContentLength;
            var body = await answer.Content.ReadAsByteArrayAsync();

            Assert.Equal(body.Length, length);
            Assert.True(body.Length > 100, question);
            using var json = JsonDocument.Parse(body);
        }

        using var file = await client.GetAsync("/api/v1/transactions?format=csv", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Null(file.Content.Headers.ContentLength);
        Assert.NotEmpty(await file.Content.ReadAsByteArrayAsync());
    }
}
