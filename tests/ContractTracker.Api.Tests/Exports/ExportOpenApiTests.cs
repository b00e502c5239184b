using System.Text.Json;

namespace ContractTracker.Api.Tests.Exports;

public sealed class ExportOpenApiTests(ApiDatabase database) : ApiTest(database)
{
    [Fact]
    public async Task Every_query_parameter_is_documented_under_the_name_a_caller_writes()
    {
        using var client = Database.CreateClient();
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;

        var names = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject())
            .Where(operation => operation.Value.TryGetProperty("parameters", out _))
            .SelectMany(operation => operation.Value.GetProperty("parameters").EnumerateArray()
                .Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!))
            .Distinct()
            .ToList();

        Assert.Contains("vendor", names);
        Assert.All(names, name => Assert.Matches("^[a-z][a-z_]*$", name));
    }

    [Theory]
    [InlineData("/api/v1/transactions", null)]
    [InlineData("/api/v1/transactions/raw", null)]
    [InlineData("/api/v1/relationships", "series,awards,events")]
    [InlineData("/api/v1/vendors", null)]
    [InlineData("/api/v1/vendors/{uei}", "members,names,parents,by_agency,by_fiscal_year")]
    [InlineData("/api/v1/agencies/{code}", "top_vendors,by_fiscal_year,components")]
    [InlineData("/api/v1/awards/{key}", "transactions,orders")]
    [InlineData("/api/v1/reports/{name}", null)]
    public async Task Every_exportable_endpoint_documents_its_file_forms(string path, string? tables)
    {
        using var client = Database.CreateClient();
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;

        var operation = document.GetProperty("paths").GetProperty(path).GetProperty("get");
        var parameters = operation.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.Equal(["json", "csv", "xlsx", "zip"], parameters["format"].GetProperty("schema").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        Assert.True(parameters.ContainsKey("spreadsheet_safe"));
        if (tables is not null)
        {
            Assert.Equal(tables.Split(','), parameters["table"].GetProperty("schema").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        }

        var content = operation.GetProperty("responses").GetProperty("200").GetProperty("content");
        Assert.True(content.TryGetProperty("text/csv", out _));
        Assert.True(content.TryGetProperty("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", out _));
        Assert.True(content.TryGetProperty("application/zip", out _));
        Assert.True(operation.GetProperty("responses").GetProperty("200").GetProperty("headers").TryGetProperty("X-Data-As-Of", out _));
        Assert.True(operation.GetProperty("responses").TryGetProperty("400", out _));
    }
}
