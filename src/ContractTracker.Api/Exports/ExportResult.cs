using System.Globalization;
using ContractTracker.Exports;
using ContractTracker.Provenance;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace ContractTracker.Api.Exports;

/// <summary>
/// Streams one table of an answer as CSV, XLSX or a cited zip, as its rows arrive from the database. The headers say what
/// the file stands on (data as of, the source files with SHA-256, whether any is synthetic demo data); the request's
/// abort token reaches the database query, so a client that goes away stops it.
/// </summary>
internal sealed class ExportResult : IResult
{
    /// <summary>Source files listed in a response header; the zip's citation.txt lists every one.</summary>
    private const int HeaderFileLimit = 20;

    private readonly string name;
    private readonly ExportChoice choice;
    private readonly Citation citation;
    private readonly string query;
    private readonly Func<Stream, CancellationToken, Task<long>> write;

    private ExportResult(string name, ExportChoice choice, Citation citation, string query, Func<Stream, CancellationToken, Task<long>> write)
    {
        this.name = name;
        this.choice = choice;
        this.citation = citation;
        this.query = query;
        this.write = write;
    }

    public static ExportResult Of<T>(Table<T> table, ExportChoice choice, Citation citation, string query, TimeProvider clock)
    {
        var csv = new CsvOptions(choice.SpreadsheetSafe);
        return new ExportResult(table.Name, choice, citation, query, choice.Format switch
        {
            ExportFormat.Csv => (stream, ct) => CsvExport.WriteAsync(table, stream, csv, ct),
            ExportFormat.Xlsx => (stream, ct) => XlsxExport.WriteAsync(table, stream, ct),
            ExportFormat.Zip => (stream, ct) => ZipExport.WriteAsync(table, stream, csv, new ExportCitation(query, clock.GetUtcNow(), citation), ct),
            _ => throw new ArgumentOutOfRangeException(nameof(choice)),
        });
    }

    public async Task ExecuteAsync(HttpContext context)
    {
        var response = context.Response;
        var (type, extension) = choice.Format switch
        {
            ExportFormat.Csv => (Exporting.CsvType + "; charset=utf-8", "csv"),
            ExportFormat.Xlsx => (Exporting.XlsxType, "xlsx"),
            _ => (Exporting.ZipType, "zip"),
        };
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = type;
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName($"{name}.{extension}");
        response.Headers.ContentDisposition = disposition.ToString();
        response.Headers["X-Data-As-Of"] = citation.DataAsOf?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "none";
        response.Headers["X-Source-File-Count"] = citation.SourceFiles.Count.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-Source-Files"] = string.Join(", ", citation.SourceFiles.Take(HeaderFileLimit)
            .Select(f => $"{Uri.EscapeDataString(f.FileName)}; sha256={f.Sha256}"));
        response.Headers["X-Includes-Synthetic-Data"] = citation.IncludesSyntheticData ? "true" : "false";
        response.Headers["X-Query"] = query;
        response.Headers.CacheControl = "no-store";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var aborted = context.RequestAborted;
        try
        {
            await write(response.Body, aborted);
        }
        catch (Exception) when (aborted.IsCancellationRequested)
        {
            // The client went away: the cancelled token has already stopped the database query; nobody is left to answer.
        }
        catch (Exception exception) when (response.HasStarted)
        {
            // A half-written file must not look complete: drop the connection so the transfer ends in an error.
            context.RequestServices.GetRequiredService<ILogger<ExportResult>>().LogError(exception, "Export of {Table} failed after it started", name);
            context.Abort();
        }
    }
}
