using System.Diagnostics;
using System.Reflection;

namespace ContractTracker.Benchmarks.Import;

/// <summary>Where the harness finds the repository's pieces: its cache, its results, the built API executable.</summary>
internal sealed record RepositoryPaths(string Root)
{
    /// <summary>The configuration this harness was built in; the API executable is taken from the same one.</summary>
    public static string Configuration { get; } =
        typeof(RepositoryPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    public string Harness => Path.Combine(Root, "tests", "ContractTracker.Benchmarks");

    /// <summary>Generated inputs, git-ignored (gigabytes).</summary>
    public string Work => Path.Combine(Harness, "work");

    /// <summary>One JSON line per import benchmark run, committed.</summary>
    public string Results => Path.Combine(Harness, "results", "import.jsonl");

    /// <summary>One JSON line per API benchmark run, committed.</summary>
    public string ApiResults => Path.Combine(Harness, "results", "api.jsonl");

    /// <summary>Built before the harness: the harness project references the API project without linking it.</summary>
    public string ApiAssembly => Path.Combine(Root, "src", "ContractTracker.Api", "bin", Configuration, "net10.0", "ContractTracker.Api.dll");

    /// <summary>The nearest folder holding ContractTracker.sln, above the working folder or the harness.</summary>
    public static RepositoryPaths Locate()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ContractTracker.sln")))
                {
                    return new RepositoryPaths(dir.FullName);
                }
            }
        }

        throw new InvalidOperationException("ContractTracker.sln was not found above the working folder; run the harness from the repository.");
    }

    /// <summary><c>git rev-parse --short HEAD</c> of the checkout, or null outside one.</summary>
    public async Task<string?> CommitAsync()
    {
        try
        {
            var start = new ProcessStartInfo("git", ["-C", Root, "rev-parse", "--short", "HEAD"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var git = Process.Start(start)!;
            var output = await git.StandardOutput.ReadToEndAsync();
            await git.WaitForExitAsync();
            return git.ExitCode == 0 ? output.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
