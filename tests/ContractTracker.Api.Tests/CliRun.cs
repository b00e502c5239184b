using ContractTracker.Api.Cli;

namespace ContractTracker.Api.Tests;

/// <summary>Runs the executable's command line in-process, as a user would type it, and captures what it prints.</summary>
internal static class CliRun
{
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var original = Console.Out;
        await using var output = new StringWriter();
        Console.SetOut(output);
        try
        {
            var exit = await CommandLine.Build().Parse(args).InvokeAsync();
            return (exit, output.ToString());
        }
        finally
        {
            Console.SetOut(original);
        }
    }
}
