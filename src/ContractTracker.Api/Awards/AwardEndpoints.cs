namespace ContractTracker.Api.Awards;

internal static class AwardEndpoints
{
    public static RouteGroupBuilder MapAwards(this RouteGroupBuilder api) => api;
}
