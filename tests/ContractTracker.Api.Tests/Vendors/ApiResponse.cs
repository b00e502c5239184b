using System.Net;
using System.Text.Json;

namespace ContractTracker.Api.Tests.Vendors;

/// <summary>An answer of the API as the tests read it: status, the body's text and its JSON.</summary>
public sealed record ApiResponse(HttpStatusCode Status, string? ContentType, string Text, JsonElement Json)
{
    public static async Task<ApiResponse> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return new ApiResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, text, json);
    }

    /// <summary>The messages a 400 gives for <paramref name="parameter"/>; fails unless this is a 400 naming it.</summary>
    public IReadOnlyList<string> ErrorsFor(string parameter)
    {
        Assert.Equal(HttpStatusCode.BadRequest, Status);
        Assert.Equal("application/problem+json", ContentType);
        Assert.True(Json.GetProperty("errors").TryGetProperty(parameter, out var messages), $"no error for '{parameter}' in {Text}");
        return messages.EnumerateArray().Select(m => m.GetString()!).ToList();
    }
}
