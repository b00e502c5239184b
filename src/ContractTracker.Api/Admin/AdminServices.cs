namespace ContractTracker.Api.Admin;

internal static class AdminServices
{
    /// <summary>Source schedules as Hangfire recurring jobs, kept in line with the sources table from the start.</summary>
    public static IServiceCollection AddSourceSchedules(this IServiceCollection services)
    {
        services.AddSingleton<SourceSchedules>();
        services.AddHostedService<SourceScheduleSync>();
        return services;
    }
}
