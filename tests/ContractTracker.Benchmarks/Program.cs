using System.CommandLine;
using ContractTracker.Benchmarks.Generator;
using ContractTracker.Benchmarks.Import;

var root = new RootCommand("ContractTracker performance harness: synthetic USAspending files and the import benchmark.")
{
    GenerateCommand.Create(),
    ImportBenchmarkCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
