using System.Globalization;
using System.Text.Json;

namespace ContractTracker.Benchmarks.Import;

/// <summary>One benchmark run, as printed and as appended to <c>results/import.jsonl</c> (fields described in results/README.md).</summary>
internal sealed record ImportBenchmarkResult(
    DateTimeOffset RecordedAt,
    string? Commit,
    string Configuration,
    int ProcessorCount,
    string Os,
    long Records,
    int Seed,
    int GeneratorVersion,
    long FileBytes,
    double PsqlCopySeconds,
    double ImportSeconds,
    double ReimportForceSeconds,
    double ReimportSameFileSeconds,
    long? ImportPeakRssBytes,
    long? ReimportPeakRssBytes,
    long DatabaseBytes,
    long BaselineDatabaseBytes,
    double[] PsqlCopyRoundSeconds,
    double[] ImportRoundSeconds)
{
    public const double ImportToCopyTarget = 1.0;
    public const double ReimportToImportTarget = 0.5;
    public const long PeakRssTargetBytes = 300L << 20;

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public double ImportToCopyRatio => Math.Round(ImportSeconds / PsqlCopySeconds, 3);
    public double ReimportToImportRatio => Math.Round(ReimportForceSeconds / ImportSeconds, 3);
    public double RowsPerSecond => Math.Round(Records / ImportSeconds);
    public bool MeetsImportTarget => ImportToCopyRatio <= ImportToCopyTarget;
    public bool MeetsReimportTarget => ReimportToImportRatio <= ReimportToImportTarget;
    public bool MeetsMemoryTarget => ImportPeakRssBytes <= PeakRssTargetBytes && ReimportPeakRssBytes <= PeakRssTargetBytes;

    public string ToJsonLine() => JsonSerializer.Serialize(this, JsonOptions);

    public void Print(TextWriter output)
    {
        static string Verdict(bool met) => met ? "ok" : "MISSED";
        static string Mib(long? bytes) => bytes is { } b ? string.Create(CultureInfo.InvariantCulture, $"{b / 1048576.0:N0} MiB") : "n/a";
        void Line(string label, string value, string note = "") =>
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label,-36}{value,12}   {note}").TrimEnd());
        string Time(double seconds) => string.Create(CultureInfo.InvariantCulture, $"{seconds:N1} s");
        string Rounds(double[] seconds) => string.Join(", ", seconds.Select(Time));

        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Import benchmark: {Records:N0} records, {FileBytes / 1e6:N1} MB (seed {Seed}), {Configuration}, {ProcessorCount} cores, commit {Commit ?? "?"}"));
        Line("psql \\copy into 297 text columns", Time(PsqlCopySeconds), $"median of {Rounds(PsqlCopyRoundSeconds)}");
        Line("ContractTracker import", Time(ImportSeconds),
            string.Create(CultureInfo.InvariantCulture,
                $"median of {Rounds(ImportRoundSeconds)}; ours/psql {ImportToCopyRatio:N2} (target <= {ImportToCopyTarget:N1})  {Verdict(MeetsImportTarget)}"));
        Line("re-import --force (all unchanged)", Time(ReimportForceSeconds),
            string.Create(CultureInfo.InvariantCulture, $"re-import/first {ReimportToImportRatio:N2} (target <= {ReimportToImportTarget:N1})  {Verdict(MeetsReimportTarget)}"));
        Line("re-import (same SHA-256, skipped)", Time(ReimportSameFileSeconds));
        Line("peak RSS, import", Mib(ImportPeakRssBytes), $"target <= {PeakRssTargetBytes >> 20} MiB  {Verdict(MeetsMemoryTarget)}");
        Line("peak RSS, re-import --force", Mib(ReimportPeakRssBytes));
        Line("throughput", string.Create(CultureInfo.InvariantCulture, $"{RowsPerSecond:N0} rows/s"));
        Line("database size, ours", string.Create(CultureInfo.InvariantCulture, $"{DatabaseBytes / 1e6:N0} MB"));
        Line("database size, psql baseline", string.Create(CultureInfo.InvariantCulture, $"{BaselineDatabaseBytes / 1e6:N0} MB"));
    }
}
