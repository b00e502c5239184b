namespace ContractTracker.Api.Agencies;

internal static class AgencyEndpoints
{
    public static RouteGroupBuilder MapAgencies(this RouteGroupBuilder api) => api;
}
