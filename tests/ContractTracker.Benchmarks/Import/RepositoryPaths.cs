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

    /// <summary>
    /// <c>git rev-parse --short HEAD</c> of the checkout, with <c>-dirty</c> when tracked files other than the results
    /// differ from it (the measured code is then not that commit), or null outside a checkout.
    /// </summary>
    public async Task<string?> CommitAsync()
    {
        var (head, headCode) = await GitAsync("rev-parse", "--short", "HEAD");
        if (head is null || headCode != 0)
        {
            return null;
        }

        var (_, diffCode) = await GitAsync("diff", "--quiet", "HEAD", "--", ".", ":(exclude)tests/ContractTracker.Benchmarks/results");
        return diffCode == 1 ? head.Trim() + "-dirty" : head.Trim();
    }

    private async Task<(string? Output, int ExitCode)> GitAsync(params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git", ["-C", Root, .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var git = Process.Start(start)!;
            var output = await git.StandardOutput.ReadToEndAsync();
            await git.WaitForExitAsync();
            return (output, git.ExitCode);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (null, -1);
        }
    }
}
