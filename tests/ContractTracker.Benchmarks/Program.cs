using System.CommandLine;
using ContractTracker.Benchmarks.Api;
using ContractTracker.Benchmarks.Export;
using ContractTracker.Benchmarks.Generator;
using ContractTracker.Benchmarks.Import;

var root = new RootCommand("ContractTracker performance harness: synthetic USAspending files, the import, API and export benchmarks.")
{
    GenerateCommand.Create(),
    ImportBenchmarkCommand.Create(),
    ApiBenchmarkCommand.Create(),
    ExportBenchmarkCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
