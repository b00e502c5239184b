using Serilog;
using Serilog.Events;

namespace ContractTracker.Api.Hosting;

internal static class Logging
{
    /// <summary>
    /// Serilog for the web host. Request logs carry method, path, status and time only: no client addresses and no
    /// query strings (ASP.NET's own request-start log, which prints full URLs, is kept at Warning).
    /// </summary>
    public static WebApplicationBuilder AddLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .MinimumLevel.Override("Microsoft.AspNetCore.Hosting.Diagnostics", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.AspNetCore.Routing", LogEventLevel.Warning)
            // EF Core logs its probe of a migrations history table that does not exist yet as an error; a failing query
            // surfaces as an exception anyway.
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore.Database.Command", LogEventLevel.Fatal)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture));
        return builder;
    }

    public static WebApplication UseRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(options =>
        {
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            options.IncludeQueryInRequestPath = false;
            // This host's own logger, not Serilog's static one, which the last host built in a process owns (tests start several).
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
        });
        return app;
    }

    /// <summary>Console logging for CLI verbs, all to stderr, so stdout carries only the verb's output.</summary>
    public static ILoggingBuilder AddCliLogging(this ILoggingBuilder logging, LogEventLevel level)
    {
        var logger = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore.Database.Command", LogEventLevel.Fatal)
            .WriteTo.Console(standardErrorFromLevel: LogEventLevel.Verbose, formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .CreateLogger();
        logging.ClearProviders();
        logging.AddSerilog(logger, dispose: true);
        return logging;
    }
}
