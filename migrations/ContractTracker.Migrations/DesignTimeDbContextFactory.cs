using ContractTracker.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Npgsql;

namespace ContractTracker.Migrations;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running host or database.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ContractTrackerDbContext>
{
    public ContractTrackerDbContext CreateDbContext(string[] args)
    {
        var url = Environment.GetEnvironmentVariable(DatabaseUrl.EnvironmentVariable) ?? "Host=localhost;Database=contracttracker";
        var options = new DbContextOptionsBuilder<ContractTrackerDbContext>();
        ContractTrackerDbContext.Configure(options, NpgsqlDataSource.Create(DatabaseUrl.ToConnectionString(url)));
        return new ContractTrackerDbContext(options.Options);
    }
}
