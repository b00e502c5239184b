using ContractTracker.Api.Cli;

return await CommandLine.Build().Parse(args).InvokeAsync();

/// <summary>The entry point; named so <c>WebApplicationFactory&lt;Program&gt;</c> can find the host.</summary>
public partial class Program;
