using System.CommandLine;
using ContractTracker.Benchmarks.Api;
using ContractTracker.Benchmarks.Generator;
using ContractTracker.Benchmarks.Import;

var root = new RootCommand("ContractTracker performance harness: synthetic USAspending files, the import benchmark and the API benchmark.")
{
    GenerateCommand.Create(),
    ImportBenchmarkCommand.Create(),
    ApiBenchmarkCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
