namespace ContractTracker.Api.Vendors;

internal static class VendorEndpoints
{
    public static RouteGroupBuilder MapVendors(this RouteGroupBuilder api) => api;
}
