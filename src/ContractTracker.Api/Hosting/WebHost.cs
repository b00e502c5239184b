using ContractTracker.Api.Common;
using ContractTracker.Api.Admin;
using ContractTracker.Api.Agencies;
using ContractTracker.Api.Awards;
using ContractTracker.Api.Exports;
using ContractTracker.Api.Relationships;
using ContractTracker.Api.Reports;
using ContractTracker.Api.Security;
using ContractTracker.Api.Status;
using ContractTracker.Api.Transactions;
using ContractTracker.Api.Vendors;
using ContractTracker.Database;
using Hangfire;
using Scalar.AspNetCore;

namespace ContractTracker.Api.Hosting;

/// <summary>Builds the web host: each piece is an AddX/MapX of its own feature.</summary>
internal static class WebHost
{
    public static WebApplication Build(string[] args, HostRole role)
    {
        // Settings (appsettings.json) live beside the program, wherever it is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.AddLogging();
        builder.Services.AddContractTrackerEngine(builder.Configuration);
        builder.Services.AddJobs(builder.Configuration, role);
        builder.Services.AddSourceSchedules();
        builder.Services.AddApiKeyAccess();
        builder.Services.AddClientRateLimits();
        builder.Services.AddProblemDetails();
        builder.Services.AddRequestValidation();
        builder.Services.AddQuerySlots();
        builder.Services.AddHealthChecks().AddCheck<Health.DatabaseHealthCheck>("database");
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "ContractTracker API";
            document.Info.Description = "US federal contracts from USAspending: vendors, agencies and their relationships over time, "
                + "with the source files and records behind every number.";
            return Task.CompletedTask;
        }).AddApiKeySecurity().AddExportDocumentation());

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestLogging();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapHealthChecks("/healthz");
        if (role == HostRole.Worker)
        {
            return app;
        }

        app.MapOpenApi();
        app.MapScalarApiReference(options => options.WithTitle("ContractTracker API"));
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new AdminDashboardAuthorization()],
            DisplayStorageConnectionString = false,
        }).RequireAuthorization(Roles.AdminPolicy);

        var api = app.MapGroup("/api/v1");
        api.MapStatus();
        api.MapVendors();
        api.MapAgencies();
        api.MapRelationships();
        api.MapAwards();
        api.MapTransactions();
        api.MapReports();
        api.MapAdminSources();
        return app;
    }
}
