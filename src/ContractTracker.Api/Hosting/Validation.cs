using System.Text.Json;
using FluentValidation;

namespace ContractTracker.Api.Hosting;

internal static class Validation
{
    /// <summary>
    /// The request validators, with property names given as the query parameters are written (snake_case), so a 400
    /// names the parameter the caller sent.
    /// </summary>
    public static IServiceCollection AddRequestValidation(this IServiceCollection services)
    {
        ValidatorOptions.Global.PropertyNameResolver = (_, member, _) =>
            member is null ? null : JsonNamingPolicy.SnakeCaseLower.ConvertName(member.Name);
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
            member is null ? null : JsonNamingPolicy.SnakeCaseLower.ConvertName(member.Name);
        // Validators hold their rules and nothing else (no dependencies): built once, not for every request.
        services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton, includeInternalTypes: true);
        return services;
    }
}
