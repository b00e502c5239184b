using Hangfire.Dashboard;

namespace ContractTracker.Api.Security;

/// <summary>
/// The Hangfire dashboard is for admins (its endpoint also requires the admin policy; this replaces Hangfire's default,
/// which lets in anyone on the local machine, such as a reverse proxy).
/// </summary>
internal sealed class AdminDashboardAuthorization : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.Admin);
}
