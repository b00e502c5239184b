namespace ContractTracker.Api.Relationships;

internal static class RelationshipEndpoints
{
    public static RouteGroupBuilder MapRelationships(this RouteGroupBuilder api) => api;
}
