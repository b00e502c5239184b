using ContractTracker.Api.Common;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace ContractTracker.Api.Vendors;

/// <summary>The query of <c>GET /api/v1/vendors</c>.</summary>
/// <param name="Q">A name fragment (case, punctuation and small typos ignored), a UEI or a DUNS.</param>
/// <param name="View"><c>as_reported</c> (default): families by the parent each action reported; <c>latest_parent</c>: each recipient under its latest parent.</param>
/// <param name="Limit">How many families at most (default 20, at most 100).</param>
internal sealed record VendorSearchRequest(
    [FromQuery(Name = "q")] string? Q, [FromQuery(Name = "view")] string? View, [FromQuery(Name = "limit")] string? Limit)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
}

internal sealed class VendorSearchRequestValidator : AbstractValidator<VendorSearchRequest>
{
    public VendorSearchRequestValidator()
    {
        RuleFor(r => r.Q).Cascade(CascadeMode.Stop)
            .Must(q => !string.IsNullOrWhiteSpace(q)).WithMessage("is required: a name fragment, a UEI or a DUNS.")
            .Must(q => q!.Trim().Length is >= 2 and <= 200).WithMessage("must be 2 to 200 characters long (spaces around it not counted).");
        RuleFor(r => r.View).IsOneOf("as_reported", "latest_parent");
        RuleFor(r => r.Limit).IsPageSize(VendorSearchRequest.MaxLimit);
    }
}
