using System.Text.RegularExpressions;
using ContractTracker.Api.Common;
using ContractTracker.Downloads;
using ContractTracker.Sources;
using FluentValidation;

namespace ContractTracker.Api.Admin;

/// <summary>A source as an admin creates or replaces it; only the section of its kind is read.</summary>
/// <param name="Kind"><c>award_data_archive</c>, <c>custom_award_data</c>, <c>url</c> or <c>drop_folder</c>.</param>
/// <param name="Schedule">A five-field cron expression in UTC, such as <c>0 6 * * *</c>.</param>
/// <param name="Enabled">Whether the schedule runs; false when not given.</param>
/// <param name="Url">For <c>url</c>: an https URL of a CSV or zip on the download allowlist.</param>
/// <param name="Folder">For <c>drop_folder</c>: a folder inside the drop folder root (CT_DROP_DIR).</param>
public sealed record SourceRequest(
    string? Name, string? Kind, string? Schedule, bool? Enabled, ArchiveRequest? Archive, CustomAwardRequest? Custom, string? Url, string? Folder)
{
    public SourceKind? ParseKind() => Kind?.ToLowerInvariant() switch
    {
        "award_data_archive" => SourceKind.AwardDataArchive,
        "custom_award_data" => SourceKind.CustomAwardData,
        "url" => SourceKind.Url,
        "drop_folder" => SourceKind.DropFolder,
        _ => null,
    };

    /// <summary>The definition of the request's kind (call once the request is valid).</summary>
    public SourceDefinition ToDefinition() => ParseKind() switch
    {
        SourceKind.AwardDataArchive => new SourceDefinition
        {
            Archive = new ArchiveDefinition(Archive!.ToptierCode!, Archive.FromFiscalYear!.Value, Archive.ToFiscalYear, Archive.Full ?? true, Archive.Delta ?? true),
        },
        SourceKind.CustomAwardData => new SourceDefinition
        {
            Custom = new CustomAwardDefinition(
                new AgencyFilter(Custom!.Agency!.Type!.ToLowerInvariant(), Custom.Agency.Tier!.ToLowerInvariant(), Custom.Agency.Name!.Trim(),
                    string.IsNullOrWhiteSpace(Custom.Agency.ToptierName) ? null : Custom.Agency.ToptierName.Trim()),
                Custom.AwardTypes is { Length: > 0 } types ? types : SourceSeeds.ContractAwardTypes,
                Custom.DateType?.ToLowerInvariant() ?? "action_date", QueryRules.Date(Custom.StartDate)!.Value, QueryRules.Date(Custom.EndDate),
                Custom.Incremental ?? false),
        },
        SourceKind.Url => new SourceDefinition { Url = new Uri(Url!).AbsoluteUri },
        _ => new SourceDefinition { Folder = Folder!.Trim() },
    };
}

/// <param name="ToptierCode">The awarding toptier agency's code, such as <c>070</c> (DHS).</param>
/// <param name="ToFiscalYear">The last fiscal year; the current one when not given.</param>
/// <param name="Full">Fetch each fiscal year's Full file (default true).</param>
/// <param name="Delta">Fetch the monthly Delta files (default true).</param>
public sealed record ArchiveRequest(string? ToptierCode, int? FromFiscalYear, int? ToFiscalYear, bool? Full, bool? Delta);

/// <param name="AwardTypes">Prime award type codes; contracts and IDVs (A-D, IDV_*) when not given.</param>
/// <param name="DateType"><c>action_date</c> (default) or <c>last_modified_date</c>.</param>
/// <param name="StartDate">yyyy-MM-dd, from 2007-10-01.</param>
/// <param name="EndDate">yyyy-MM-dd; today when not given.</param>
/// <param name="Incremental">After a successful run, ask only for what changed since (by <c>last_modified_date</c>).</param>
public sealed record CustomAwardRequest(AgencyRequest? Agency, string[]? AwardTypes, string? DateType, string? StartDate, string? EndDate, bool? Incremental);

/// <param name="Type"><c>awarding</c> or <c>funding</c>.</param>
/// <param name="Tier"><c>toptier</c> or <c>subtier</c>.</param>
/// <param name="Name">The agency's name as USAspending spells it, such as <c>U.S. Immigration and Customs Enforcement</c>.</param>
/// <param name="ToptierName">For a sub-tier agency, its toptier agency's name.</param>
public sealed record AgencyRequest(string? Type, string? Tier, string? Name, string? ToptierName);

internal sealed partial class SourceRequestValidator : AbstractValidator<SourceRequest>
{
    private static readonly string[] AwardTypes =
        ["A", "B", "C", "D", "IDV_A", "IDV_B", "IDV_B_A", "IDV_B_B", "IDV_B_C", "IDV_C", "IDV_D", "IDV_E", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "-1"];

    public SourceRequestValidator(DownloadPolicy policy)
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Kind).NotEmpty().Must((r, _) => r.ParseKind() is not null)
            .WithMessage("'{PropertyValue}' is not a kind: give award_data_archive, custom_award_data, url or drop_folder.");
        RuleFor(r => r.Schedule).Must(s => Schedules.Problem(s) is null).WithMessage((_, s) => Schedules.Problem(s)!);

        When(r => r.ParseKind() == SourceKind.AwardDataArchive, () =>
        {
            RuleFor(r => r.Archive).NotNull().WithMessage("An award_data_archive source needs 'archive': toptierCode and fromFiscalYear.");
            When(r => r.Archive is not null, () =>
            {
                RuleFor(r => r.Archive!.ToptierCode).NotEmpty().Matches(ToptierCode()).WithMessage("'{PropertyValue}' is not a toptier agency code (three digits, such as 070).");
                RuleFor(r => r.Archive!.FromFiscalYear).NotNull().InclusiveBetween(2008, 2100)
                    .WithMessage("The archive has fiscal years from 2008 on; give from_fiscal_year as a year such as 2019.");
                RuleFor(r => r.Archive!.ToFiscalYear).GreaterThanOrEqualTo(r => r.Archive!.FromFiscalYear).When(r => r.Archive!.ToFiscalYear is not null)
                    .WithMessage("to_fiscal_year must not be before from_fiscal_year.");
                RuleFor(r => r.Archive).Must(a => a!.Full != false || a.Delta != false).WithMessage("Fetch Full files, Delta files or both.");
            });
        });

        When(r => r.ParseKind() == SourceKind.CustomAwardData, () =>
        {
            RuleFor(r => r.Custom).NotNull().WithMessage("A custom_award_data source needs 'custom': agency and startDate.");
            When(r => r.Custom is not null, () =>
            {
                RuleFor(r => r.Custom!.Agency).NotNull().WithMessage("Name the agency: type, tier, name (and toptierName for a sub-tier).");
                When(r => r.Custom!.Agency is not null, () =>
                {
                    RuleFor(r => r.Custom!.Agency!.Type).NotEmpty().IsOneOf("awarding", "funding");
                    RuleFor(r => r.Custom!.Agency!.Tier).NotEmpty().IsOneOf("toptier", "subtier");
                    RuleFor(r => r.Custom!.Agency!.Name).NotEmpty().MaximumLength(200);
                    RuleFor(r => r.Custom!.Agency!.ToptierName).NotEmpty()
                        .When(r => string.Equals(r.Custom!.Agency!.Tier, "subtier", StringComparison.OrdinalIgnoreCase))
                        .WithMessage("A sub-tier agency needs its toptier agency's name, such as Department of Homeland Security.");
                });
                RuleForEach(r => r.Custom!.AwardTypes).Must(t => AwardTypes.Contains(t))
                    .WithMessage("'{PropertyValue}' is not a USAspending prime award type code (A, B, C, D, IDV_A ... IDV_E, 02 ... 11, -1).");
                RuleFor(r => r.Custom!.DateType).IsOneOf("action_date", "last_modified_date");
                RuleFor(r => r.Custom!.StartDate).NotEmpty().IsDate()
                    .Must(d => QueryRules.Date(d) is not { } date || date >= new DateOnly(2007, 10, 1))
                    .WithMessage("USAspending's data starts on 2007-10-01.");
                RuleFor(r => r.Custom!.EndDate).IsDate()
                    .Must((r, end) => QueryRules.Date(end) is not { } e || QueryRules.Date(r.Custom!.StartDate) is not { } s || e >= s)
                    .WithMessage("end_date must not be before start_date.");
            });
        });

        When(r => r.ParseKind() == SourceKind.Url, () =>
        {
            RuleFor(r => r.Url).NotEmpty()
                .Must(u => Uri.TryCreate(u, UriKind.Absolute, out _)).WithMessage("'{PropertyValue}' is not an absolute URL.")
                .Must(u => !Uri.TryCreate(u, UriKind.Absolute, out var uri) || policy.Refusal(uri) is null)
                .WithMessage((_, u) => $"{policy.Refusal(new Uri(u!))}.");
        });

        When(r => r.ParseKind() == SourceKind.DropFolder, () =>
        {
            RuleFor(r => r.Folder).NotEmpty()
                .Must(f => !Path.IsPathRooted(f) && !f!.Replace('\\', '/').Split('/').Contains(".."))
                .WithMessage("Give a folder inside the drop folder root (CT_DROP_DIR), such as 'newsroom', without '..'.");
        });
    }

    [GeneratedRegex(@"^\d{3}$")]
    private static partial Regex ToptierCode();
}
