using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContractTracker.Benchmarks.Api;

/// <summary>One run of the API benchmark, as printed and as appended to <c>results/api.jsonl</c> (fields described in results/README.md).</summary>
internal sealed record ApiBenchmarkResult(
    DateTimeOffset RecordedAt,
    string? Commit,
    string Configuration,
    int ProcessorCount,
    string Os,
    long Records,
    int Seed,
    int GeneratorVersion,
    int Vendors,
    double MaxFamilyShare,
    string Database,
    long DatabaseBytes,
    bool DatabaseReused,
    double? DatabaseBuildSeconds,
    double? DatabaseImportSeconds,
    int Clients,
    double Seconds,
    double WarmupSeconds,
    int Samples,
    double? LoadAverageBefore,
    double? LoadAverageAfter,
    IReadOnlyList<EndpointResult> Endpoints)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJsonLine() => JsonSerializer.Serialize(this, JsonOptions);

    public void Print(TextWriter output)
    {
        string Ms(double? value) => value is { } v && !double.IsNaN(v) ? v.ToString("N1", CultureInfo.InvariantCulture) : "-";
        string Rate(double? value) => value is { } v ? v.ToString("N1", CultureInfo.InvariantCulture) : "-";
        string Ratio(double? value) => value is { } v ? v.ToString("N2", CultureInfo.InvariantCulture) : "-";
        string Verdict(bool? met) => met switch { true => "ok", false => "MISSED", null => "-" };
        void Row(string label, LatencyStats? api, LatencyStats floor, double? p50Ratio, double? p99Ratio, double? meanRatio, string p99Verdict, string ratioVerdict, string errors) =>
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label,-34}{(api is null ? "not available" : Rate(api.RequestsPerSecond)),14}{Ms(api?.P50Ms),9}{Ms(api?.P99Ms),9} |{Rate(floor.RequestsPerSecond),9}{Ms(floor.P50Ms),9}{Ms(floor.P99Ms),9} |{Ratio(p50Ratio),7}{Ratio(p99Ratio),7}{Ratio(meanRatio),8} | {p99Verdict,-8}{ratioVerdict,-8}{errors}").TrimEnd());

        output.WriteLine();
        var build = DatabaseBuildSeconds is { } seconds ? string.Create(CultureInfo.InvariantCulture, $"built in {seconds:N0} s") : "build time not recorded";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"API benchmark: {Records:N0} records, {Vendors:N0} vendors (seed {Seed}); database {Database}, {DatabaseBytes / 1e9:N1} GB, {(DatabaseReused ? "reused" : "new")}, {build}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Clients} clients, {Seconds:N0} s per endpoint and per floor after {WarmupSeconds:N0} s of warm-up (the API's until its JIT compiler settled: {string.Join(", ", Endpoints.Where(e => e.ApiWarmup is not null).Select(e => $"{e.Endpoint} {e.ApiWarmup!.Seconds:N0} s"))}), {Samples:N0} sampled requests each; {Configuration}, {ProcessorCount} cores, commit {Commit ?? "?"}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Load average (1 min) {LoadAverageBefore?.ToString("N2", CultureInfo.InvariantCulture) ?? "?"} before, {LoadAverageAfter?.ToString("N2", CultureInfo.InvariantCulture) ?? "?"} after: other work on the machine shares its {ProcessorCount} cores."));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Targets: p99 <= {EndpointResult.P99TargetMs:N0} ms; endpoint/floor <= {EndpointResult.RatioTarget:N0} at p50 and p99. Times in ms."));
        output.WriteLine();
        output.WriteLine($"{"endpoint",-34}{"req/s",14}{"p50",9}{"p99",9} |{"floor/s",9}{"p50",9}{"p99",9} |{"p50 x",7}{"p99 x",7}{"mean x",8} | {"p99",-8}{"ratio",-8}errors");
        foreach (var endpoint in Endpoints)
        {
            Row(endpoint.Route, endpoint.Api, endpoint.Floor, endpoint.P50Ratio, endpoint.P99Ratio, endpoint.MeanRatio,
                Verdict(endpoint.MeetsP99Target), Verdict(endpoint.MeetsRatioTarget),
                endpoint.Api is null ? $"floor {endpoint.FloorErrors}" : $"{endpoint.ApiErrors}" + (endpoint.FloorErrors > 0 ? $", floor {endpoint.FloorErrors}" : ""));
            foreach (var variant in endpoint.Variants)
            {
                Row(string.Create(CultureInfo.InvariantCulture, $"  {variant.Variant} ({variant.Share:P0})"), variant.Api, variant.Floor,
                    variant.P50Ratio, variant.P99Ratio, variant.MeanRatio, "", "", "");
            }
        }

        output.WriteLine();
        foreach (var endpoint in Endpoints)
        {
            foreach (var (side, slowest) in new[] { ("API", endpoint.ApiSlowest), ("floor", endpoint.FloorSlowest) })
            {
                if (slowest is not null)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"Slowest {endpoint.Endpoint} {side} request: {slowest.Ms:N1} ms, {slowest.Variant}: {slowest.Path}"));
                }
            }
        }

        output.WriteLine();
    }
}

/// <summary>An endpoint's measurements: the API's (null when the route is not there), its floor's, the ratios and the verdicts.</summary>
internal sealed record EndpointResult(
    string Endpoint,
    string Route,
    bool Available,
    LatencyStats? Api,
    int ApiErrors,
    IReadOnlyDictionary<string, int> ApiFailures,
    LatencyStats Floor,
    int FloorErrors,
    IReadOnlyList<VariantResult> Variants,
    SlowestRequest? ApiSlowest,
    SlowestRequest? FloorSlowest,
    ApiWarmup? ApiWarmup)
{
    public const double P99TargetMs = 50;
    public const double RatioTarget = 2;

    public double? P50Ratio => Ratio(Api?.P50Ms, Floor.P50Ms);
    public double? P99Ratio => Ratio(Api?.P99Ms, Floor.P99Ms);

    /// <summary>
    /// API mean / floor mean: with clients that never pause this is the ratio of the work per answer (requests per second
    /// inverted), whatever the order the answers are served in. Reported beside the verdicts, not one of them.
    /// </summary>
    public double? MeanRatio => Ratio(Api?.MeanMs, Floor.MeanMs);

    public bool? MeetsP99Target => Api is null ? null : Api.P99Ms <= P99TargetMs && ApiErrors == 0;
    public bool? MeetsRatioTarget => Api is null ? null : P50Ratio <= RatioTarget && P99Ratio <= RatioTarget;

    public static EndpointResult From(EndpointWorkload workload, LoadRun? api, LoadRun floor, ApiWarmup? warmup)
    {
        var variants = workload.Variants.Select(variant =>
        {
            bool Of(int request) => workload.Requests[request].Variant == variant;
            var share = (double)workload.Requests.Count(r => r.Variant == variant) / workload.Requests.Count;
            return new VariantResult(variant, Math.Round(share, 3), api?.Stats(Of), floor.Stats(Of));
        }).ToList();
        SlowestRequest? Slowest(LoadRun? run) =>
            run?.Slowest is { } s ? new SlowestRequest(workload.Requests[s.Request].Variant, workload.Requests[s.Request].Path, s.Ms) : null;
        return new EndpointResult(workload.Name, workload.Route, api is not null, api?.Stats(), api?.Failed ?? 0,
            api?.Failures.ToDictionary(f => f.Key, f => f.Value.Count) ?? [], floor.Stats(), floor.Failed, variants, Slowest(api), Slowest(floor),
            warmup);
    }

    internal static double? Ratio(double? api, double floor) =>
        api is { } a && !double.IsNaN(a) && floor > 0 && !double.IsNaN(floor) ? Math.Round(a / floor, 2) : null;
}

/// <summary>
/// How long the API was warmed up before it was measured, and whether its JIT compiler had settled by then (null where
/// that cannot be seen).
/// </summary>
internal sealed record ApiWarmup(double Seconds, bool? CompilerSettled)
{
    public string Describe()
    {
        var compiler = CompilerSettled switch
        {
            true => "the API's JIT compiler has settled",
            false => "the API's JIT compiler was still busy at the warm-up limit",
            null => "whether the API's JIT compiler has settled cannot be seen here (no /proc)",
        };
        return string.Create(CultureInfo.InvariantCulture, $"  warmed up {Seconds:N0} s: {compiler}.");
    }
}

/// <summary>The request of a run that took longest (failures included).</summary>
internal sealed record SlowestRequest(string Variant, string Path, double Ms);

/// <summary>One kind of question of an endpoint (e.g. relationships through the funding lens), measured apart.</summary>
/// <param name="Share">Its share of the sampled requests.</param>
internal sealed record VariantResult(string Variant, double Share, LatencyStats? Api, LatencyStats Floor)
{
    public double? P50Ratio => EndpointResult.Ratio(Api?.P50Ms, Floor.P50Ms);
    public double? P99Ratio => EndpointResult.Ratio(Api?.P99Ms, Floor.P99Ms);
    public double? MeanRatio => EndpointResult.Ratio(Api?.MeanMs, Floor.MeanMs);
}
