using System.CommandLine;
using System.Globalization;
using ContractTracker.ApiKeys;

namespace ContractTracker.Api.Cli;

/// <summary>
/// <c>apikey create --role admin|reader [--name x]</c> prints a new key once (only its hash is stored);
/// <c>apikey revoke &lt;id&gt;</c> and <c>apikey list</c> manage the others.
/// </summary>
internal static class ApiKeyCommand
{
    private static readonly Option<string> Role = new("--role")
    {
        Description = "admin (manages sources, sees the job dashboard) or reader (reads under a rate limit of its own).",
        Required = true,
    };

    private static readonly Option<string> Name = new("--name") { Description = "Who or what holds the key.", DefaultValueFactory = _ => "unnamed" };
    private static readonly Argument<long> Id = new("id") { Description = "The key's id, as apikey list shows it." };

    public static Command Create()
    {
        Role.AcceptOnlyFromAmong("admin", "reader");
        var create = new Command("create", "Create an API key and print it once.") { Role, Name };
        create.SetAction(async (result, ct) =>
        {
            using var host = CommandLine.BuildToolHost(Serilog.Events.LogEventLevel.Warning);
            var role = result.GetValue(Role) == "admin" ? ApiKeyRole.Admin : ApiKeyRole.Reader;
            var (info, key) = await host.Services.GetRequiredService<ApiKeyStore>().CreateAsync(role, result.GetValue(Name)!, ct);
            Console.Error.WriteLine($"Created API key {info.Id} ({RoleName(info.Role)}, '{info.Name}'). It is shown only this once; store it now.");
            Console.WriteLine(key);
            return 0;
        });

        var revoke = new Command("revoke", "Revoke an API key; requests with it are refused from then on.") { Id };
        revoke.SetAction(async (result, ct) =>
        {
            using var host = CommandLine.BuildToolHost(Serilog.Events.LogEventLevel.Warning);
            var id = result.GetValue(Id);
            if (!await host.Services.GetRequiredService<ApiKeyStore>().RevokeAsync(id, ct))
            {
                Console.Error.WriteLine($"No API key has id {id}.");
                return 1;
            }

            Console.WriteLine($"Revoked API key {id}.");
            return 0;
        });

        var list = new Command("list", "List API keys (never the keys themselves).");
        list.SetAction(async (_, ct) =>
        {
            using var host = CommandLine.BuildToolHost(Serilog.Events.LogEventLevel.Warning);
            var keys = await host.Services.GetRequiredService<ApiKeyStore>().ListAsync(ct);
            Console.WriteLine($"{"id",-6} {"role",-7} {"prefix",-14} {"created (UTC)",-17} {"last used (UTC)",-17} {"revoked (UTC)",-17} name");
            foreach (var k in keys)
            {
                Console.WriteLine($"{k.Id,-6} {RoleName(k.Role),-7} {k.Prefix + "...",-14} {Time(k.CreatedAt),-17} {Time(k.LastUsedAt),-17} {Time(k.RevokedAt),-17} {k.Name}");
            }

            return 0;
        });

        return new Command("apikey", "Create, revoke and list API keys.") { create, revoke, list };
    }

    private static string RoleName(ApiKeyRole role) => role == ApiKeyRole.Admin ? "admin" : "reader";

    private static string Time(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-";
}
