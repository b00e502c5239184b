using ContractTracker.Api.Common;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace ContractTracker.Api.Vendors;

/// <summary>The address and query of <c>GET /api/v1/vendors/{uei}</c>.</summary>
/// <param name="Uei">The vendor's UEI (a family is addressed by its parent's).</param>
/// <param name="View"><c>as_reported</c> (default): the actions that reported the vendor as parent; <c>latest_parent</c>: all actions of the recipients whose latest parent it is.</param>
/// <param name="Lens"><c>awarding</c> (default) or <c>funding</c>: which agency of an action its obligations are listed under.</param>
/// <param name="Members"><c>family</c> (default): the vendor with its family; <c>self</c>: the UEI's own actions only.</param>
internal sealed record VendorProfileRequest(
    [FromRoute(Name = "uei")] string Uei, [FromQuery(Name = "view")] string? View, [FromQuery(Name = "lens")] string? Lens,
    [FromQuery(Name = "members")] string? Members);

internal sealed class VendorProfileRequestValidator : AbstractValidator<VendorProfileRequest>
{
    public VendorProfileRequestValidator()
    {
        RuleFor(r => r.Uei).IsUei();
        RuleFor(r => r.View).IsOneOf("as_reported", "latest_parent");
        RuleFor(r => r.Lens).IsOneOf("awarding", "funding");
        RuleFor(r => r.Members).IsOneOf("family", "self");
    }
}
