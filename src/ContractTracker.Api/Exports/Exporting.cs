using ContractTracker.Api.Common;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace ContractTracker.Api.Exports;

internal enum ExportFormat
{
    Json,
    Csv,
    Xlsx,
    Zip,
}

/// <summary>The form an answer was asked for: JSON, or one of its tables as CSV, a workbook or a cited zip.</summary>
/// <param name="Table">Which of the endpoint's tables (the first when the endpoint has one, or none was named).</param>
internal sealed record ExportChoice(ExportFormat Format, bool SpreadsheetSafe, string Table);

/// <summary>The links a JSON answer gives to the same answer as files.</summary>
public sealed record DownloadLinks(string Table, string Csv, string Xlsx, string Zip);

/// <summary>The export parameters every exportable endpoint takes, as written.</summary>
/// <param name="Format">json (default), csv, xlsx or zip; without it, an Accept header of text/csv, the xlsx type or application/zip.</param>
/// <param name="SpreadsheetSafe">true (default): CSV text that a spreadsheet would run as a formula gets a leading apostrophe.</param>
/// <param name="Table">Which table of the answer to export, for answers with several.</param>
internal sealed record ExportParameters(string? Format, string? SpreadsheetSafe, string? Table);

internal sealed class ExportParametersValidator : AbstractValidator<ExportParameters>
{
    public ExportParametersValidator(IReadOnlyList<string> tables)
    {
        RuleFor(p => p.Format).IsOneOf("json", "csv", "xlsx", "zip");
        RuleFor(p => p.SpreadsheetSafe).IsOneOf("true", "false");
        RuleFor(p => p.Table).IsOneOf([.. tables]);
    }
}

/// <summary>Marks an endpoint whose answer can also be downloaded, naming its tables (for the OpenAPI document).</summary>
internal sealed record ExportMetadata(IReadOnlyList<string> Tables);

internal static class Exporting
{
    public const string CsvType = "text/csv";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string ZipType = "application/zip";

    private static readonly object ChoiceKey = new();

    /// <summary>
    /// Lets an endpoint answer as CSV, XLSX or a cited zip besides JSON: validates <c>format</c>, <c>spreadsheet_safe</c>
    /// and <c>table</c> before the handler runs (a bad value is a 400 before any byte of a file), and records the choice.
    /// </summary>
    public static RouteHandlerBuilder Exportable(this RouteHandlerBuilder builder, params string[] tables)
    {
        var validator = new ExportParametersValidator(tables);
        return builder
            .WithMetadata(new ExportMetadata(tables))
            .AddEndpointFilter(async (context, next) =>
            {
                var request = context.HttpContext.Request;
                var parameters = new ExportParameters(request.Query["format"], request.Query["spreadsheet_safe"], request.Query["table"]);
                var result = await validator.ValidateAsync(parameters, context.HttpContext.RequestAborted);
                if (!result.IsValid)
                {
                    return TypedResults.ValidationProblem(result.ToDictionary(), title: Problems.InvalidParameters);
                }

                var format = Negotiate(parameters.Format, request.Headers.Accept);
                if (format != ExportFormat.Json)
                {
                    var table = tables.FirstOrDefault(t => string.Equals(t, parameters.Table, StringComparison.OrdinalIgnoreCase)) ?? tables[0];
                    context.HttpContext.Items[ChoiceKey] = new ExportChoice(format, !"false".Equals(parameters.SpreadsheetSafe, StringComparison.OrdinalIgnoreCase), table);
                }

                return await next(context);
            })
            .ProducesValidationProblem();
    }

    /// <summary>The file form the request asked for, or null for JSON.</summary>
    public static ExportChoice? Export(this HttpRequest request) => request.HttpContext.Items[ChoiceKey] as ExportChoice;

    /// <summary>
    /// Links to the same question answered as files: <paramref name="parameters"/> are the canonical ones of the answer,
    /// without those that only page the JSON form (a file is never paged).
    /// </summary>
    public static DownloadLinks Downloads(this HttpRequest request, string path, IEnumerable<(string Name, string? Value)> parameters, string table, bool named = false)
    {
        var list = parameters.Where(p => p.Name is not "cursor").ToList();
        string Link(string format) => request.LinkTo(path, [.. list, ("format", format), ("table", named ? table : null)]);
        return new DownloadLinks(table, Link("csv"), Link("xlsx"), Link("zip"));
    }

    /// <summary>The query a file answer reproduces: the canonical parameters with the file's own format, table and safety.</summary>
    public static string Query(this HttpRequest request, ExportChoice choice, IEnumerable<(string Name, string? Value)> parameters, bool named = false) =>
        request.LinkTo(request.Path, [.. parameters.Where(p => p.Name is not ("cursor" or "format" or "table" or "spreadsheet_safe")),
            ("format", Name(choice.Format)), ("table", named ? choice.Table : null), ("spreadsheet_safe", choice.SpreadsheetSafe ? null : "false")]);

    private static ExportFormat Negotiate(string? format, IList<string?> accept)
    {
        if (format is not null)
        {
            return Enum.Parse<ExportFormat>(format, ignoreCase: true);
        }

        if (MediaTypeHeaderValue.TryParseList(accept.OfType<string>().ToList(), out var types))
        {
            foreach (var type in types.OrderByDescending(t => t.Quality ?? 1))
            {
                var name = type.MediaType.Value;
                if (string.Equals(name, CsvType, StringComparison.OrdinalIgnoreCase))
                {
                    return ExportFormat.Csv;
                }

                if (string.Equals(name, XlsxType, StringComparison.OrdinalIgnoreCase))
                {
                    return ExportFormat.Xlsx;
                }

                if (string.Equals(name, ZipType, StringComparison.OrdinalIgnoreCase))
                {
                    return ExportFormat.Zip;
                }

                if (name is "application/json" or "application/problem+json" or "*/*")
                {
                    return ExportFormat.Json;
                }
            }
        }

        return ExportFormat.Json;
    }

    public static string Name(ExportFormat format) => format.ToString().ToLowerInvariant();
}
