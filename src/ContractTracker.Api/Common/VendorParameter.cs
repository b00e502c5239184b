using ContractTracker.Vendors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContractTracker.Api.Common;

/// <summary>A vendor named by UEI in a path or query parameter, resolved to a scope or answered with a 404.</summary>
internal static class VendorParameter
{
    public static FamilyView View(string? value) =>
        string.Equals(value, "latest_parent", StringComparison.OrdinalIgnoreCase) ? FamilyView.LatestParent : FamilyView.AsReported;

    public static bool WholeFamily(string? members) => !string.Equals(members, "self", StringComparison.OrdinalIgnoreCase);

    public static string Name(this FamilyView view) => view == FamilyView.LatestParent ? "latest_parent" : "as_reported";

    /// <summary>
    /// The vendor's scope, or a 404: a UEI no transaction names is unknown, and a sole proprietor (a person) is never a vendor
    /// of its own here, so it is answered exactly like an unknown UEI.
    /// </summary>
    public static Task<(VendorScope? Scope, ProblemHttpResult? Problem)> ResolveAsync(
        VendorDirectory vendors, string uei, string? members, string? view, CancellationToken ct) =>
        ResolveAsync(vendors, uei, members, view, withRanges: false, ct);

    /// <inheritdoc cref="ResolveAsync(VendorDirectory, string, string?, string?, CancellationToken)"/>
    /// <param name="withRanges">Also read the family's ranges, for a page of its actions.</param>
    public static async Task<(VendorScope? Scope, ProblemHttpResult? Problem)> ResolveAsync(
        VendorDirectory vendors, string uei, string? members, string? view, bool withRanges, CancellationToken ct)
    {
        var scope = await vendors.ResolveAsync(uei, WholeFamily(members), View(view), withRanges, ct);
        return scope is null
            ? (null, Problems.NotFound($"No vendor with UEI {uei.Trim().ToUpperInvariant()} is known here."))
            : (scope, null);
    }
}
