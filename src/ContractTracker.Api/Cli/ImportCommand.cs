using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ContractTracker.Ingest;

namespace ContractTracker.Api.Cli;

/// <summary>
/// <c>import &lt;path&gt;...</c>: applies CSV files and zips through the pipeline, shows progress on a terminal and prints
/// the run summary (as JSON with <c>--json</c>). Exit codes: 0 applied, 1 failed or cancelled, 2 a file was refused.
/// </summary>
internal static class ImportCommand
{
    private static readonly Argument<string[]> Paths = new("path")
    {
        Description = "CSV files or zips of CSVs (Contracts Prime Transactions, Award Data Archive Full or Delta).",
        Arity = ArgumentArity.OneOrMore,
    };

    private static readonly Option<string> Source = new("--source")
    {
        Description = "Where the files came from, recorded with the run.",
        DefaultValueFactory = _ => "cli",
    };

    private static readonly Option<bool> Synthetic = new("--synthetic") { Description = "Mark the data as synthetic (generated, not real spending)." };
    private static readonly Option<bool> Force = new("--force") { Description = "Apply files even when the same bytes were imported before." };
    private static readonly Option<bool> Json = new("--json") { Description = "Print the run summary as JSON." };
    private static readonly Option<bool> Verbose = new("--verbose", "-v") { Description = "Log each step of the import (to stderr)." };

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static Command Create()
    {
        var command = new Command("import", "Import USAspending contract files into the database.") { Paths, Source, Synthetic, Force, Json, Verbose };
        command.SetAction(async (result, ct) =>
        {
            using var host = CommandLine.BuildToolHost(result.GetValue(Verbose) ? Serilog.Events.LogEventLevel.Debug : Serilog.Events.LogEventLevel.Warning);
            var importer = host.Services.GetRequiredService<Importer>();
            var request = new ImportRequest(result.GetValue(Paths)!, result.GetValue(Source)!, result.GetValue(Synthetic), result.GetValue(Force));
            var progress = Console.IsErrorRedirected ? null : new TerminalProgress();
            ImportRunSummary summary;
            try
            {
                summary = await importer.ImportAsync(request, progress, ct);
            }
            finally
            {
                progress?.Clear();
            }

            if (result.GetValue(Json))
            {
                Console.WriteLine(JsonSerializer.Serialize(summary, JsonOptions));
            }
            else
            {
                Print(summary);
            }

            return ExitCode(summary);
        });
        return command;
    }

    internal static int ExitCode(ImportRunSummary summary) =>
        summary.Files.Any(f => f.Status is ImportStatus.Failed or ImportStatus.Cancelled) ? 1
        : summary.Files.Any(f => f.Status == ImportStatus.Refused) ? 2
        : 0;

    private static void Print(ImportRunSummary summary)
    {
        Console.WriteLine($"Import run {summary.RunId} ({summary.Source}{(summary.IsSynthetic ? ", synthetic" : "")}): {Name(summary.Status)} in {(summary.FinishedAt - summary.StartedAt).TotalSeconds:0.0} s");
        foreach (var file in summary.Files)
        {
            var where = file.ContainerName is null ? file.FileName : $"{file.ContainerName} > {file.FileName}";
            Console.WriteLine($"  {where}  [{Name(file.Status)}]  file {file.FileId}, {file.SizeBytes:N0} bytes, sha256 {file.Sha256}");
            var n = file.Counts;
            if (file.Status == ImportStatus.Succeeded)
            {
                Console.WriteLine(
                    $"    {n.RecordsRead:N0} read: {n.Inserted:N0} inserted, {n.Updated:N0} updated, {n.Deleted:N0} deleted, {n.Unchanged:N0} unchanged, {n.Stale:N0} stale, {n.Superseded:N0} superseded, {n.Rejected:N0} rejected");
            }

            if (file.Message is not null)
            {
                Console.WriteLine($"    {file.Message}");
            }

            foreach (var reject in file.SampleRejects)
            {
                Console.WriteLine($"    rejected record {reject.RecordNumber} (line {reject.LineNumber}){(reject.ColumnName is null ? "" : $" {reject.ColumnName}")}: {reject.Reason}");
            }

            if (n.Rejected > file.SampleRejects.Count)
            {
                Console.WriteLine($"    ... {n.Rejected - file.SampleRejects.Count:N0} more in import_rejects (import_file_id = {file.FileId})");
            }
        }
    }

    private static string Name(ImportStatus status) => JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());

    /// <summary>One line on stderr, rewritten in place: file, phase, percent, records and time left.</summary>
    private sealed class TerminalProgress : IProgress<ImportProgress>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Stopwatch _sinceDraw = Stopwatch.StartNew();
        private (string File, ImportPhase Phase) _phase;
        private TimeSpan _phaseStarted;

        public void Report(ImportProgress value)
        {
            if ((value.FileName, value.Phase) != _phase)
            {
                _phase = (value.FileName, value.Phase);
                _phaseStarted = _clock.Elapsed;
            }
            else if (_sinceDraw.ElapsedMilliseconds < 200)
            {
                return;
            }

            _sinceDraw.Restart();
            var elapsed = _clock.Elapsed - _phaseStarted;
            var left = value.Fraction is > 0.02 and < 1 ? TimeSpan.FromSeconds(elapsed.TotalSeconds * (1 - value.Fraction) / value.Fraction) : (TimeSpan?)null;
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{value.FileName}: {value.Phase.ToString().ToLowerInvariant()} {value.Fraction:P0}, {value.Records:N0} records{(left is { } l ? $", {l:mm\\:ss} left" : "")}");
            Console.Error.Write($"\r{line,-100}");
        }

        public void Clear() => Console.Error.Write($"\r{new string(' ', 100)}\r");
    }
}
