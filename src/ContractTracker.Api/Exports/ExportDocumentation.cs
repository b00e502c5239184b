using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ContractTracker.Api.Exports;

/// <summary>Describes the export parameters and file responses of every exportable endpoint in the OpenAPI document.</summary>
internal static class ExportDocumentation
{
    public static OpenApiOptions AddExportDocumentation(this OpenApiOptions options)
    {
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ExportMetadata>().FirstOrDefault() is not { } export)
            {
                return Task.CompletedTask;
            }

            operation.Parameters ??= [];
            operation.Parameters.Add(Parameter("format",
                "json (default), csv (RFC 4180, UTF-8 with a byte order mark), xlsx (a workbook: identifiers as text, amounts as numbers, dates as dates) "
                + "or zip (the CSV with citation.txt and data-dictionary.csv). Files hold the whole answer, never a page. "
                + "Accept: text/csv, the xlsx media type or application/zip choose the same.",
                ["json", "csv", "xlsx", "zip"]));
            operation.Parameters.Add(Parameter("spreadsheet_safe",
                "true (default): CSV text beginning with =, +, -, @, a tab or a carriage return gets a leading apostrophe so spreadsheets "
                + "do not run it as a formula; amounts stay plain numbers. false: text exactly as stored.",
                ["true", "false"]));
            if (export.Tables.Count > 1)
            {
                operation.Parameters.Add(Parameter("table", $"Which table of the answer a file holds (default {export.Tables[0]}).", [.. export.Tables]));
            }

            operation.Responses ??= new OpenApiResponses();
            if (!operation.Responses.TryGetValue("200", out var ok))
            {
                ok = new OpenApiResponse { Description = "The answer as a file." };
                operation.Responses["200"] = ok;
            }

            if (ok is OpenApiResponse response)
            {
                response.Content ??= new Dictionary<string, OpenApiMediaType>();
                var file = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } };
                response.Content[Exporting.CsvType] = file;
                response.Content[Exporting.XlsxType] = file;
                response.Content[Exporting.ZipType] = file;
                response.Headers ??= new Dictionary<string, IOpenApiHeader>();
                response.Headers["X-Data-As-Of"] = Header("Files only: when the last successful import finished (UTC).");
                response.Headers["X-Source-Files"] = Header("Files only: the source files (name; sha256=...) the answer stands on, at most 20.");
                response.Headers["X-Source-File-Count"] = Header("Files only: how many source files the answer stands on.");
                response.Headers["X-Source-Files-Scope"] = Header("Files only: answer (the files behind these rows) or data-set (the files of the whole database).");
                response.Headers["X-Includes-Synthetic-Data"] = Header("Files only: true when any source file is the synthetic demo set.");
                response.Headers["X-Query"] = Header("Files only: the link that asks for this file again.");
            }

            return Task.CompletedTask;
        });
        return options;
    }

    private static OpenApiParameter Parameter(string name, string description, string[] values) => new()
    {
        Name = name,
        In = ParameterLocation.Query,
        Required = false,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v)!)] },
    };

    private static OpenApiHeader Header(string description) => new()
    {
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };
}
