namespace ContractTracker.Api.Transactions;

internal static class TransactionEndpoints
{
    public static RouteGroupBuilder MapTransactions(this RouteGroupBuilder api) => api;
}
