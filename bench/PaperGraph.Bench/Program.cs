using BenchmarkDotNet.Running;
using PaperGraph.Bench;

// Short, in-process runs: the machine is shared, and a generated benchmark project per class would cost more build
// time than the measurements themselves. Run: dotnet run -c Release --project bench/PaperGraph.Bench -- --filter '*'
// The "pipeline" mode builds one corpus in process with a per-stage report (see PipelineRun).
if (args.Length > 0 && args[0] == "pipeline")
{
    return await PipelineRun.RunAsync(args);
}

if (args.Length > 0 && args[0] == "extract-stages")
{
    return PipelineRun.ExtractStages(args);
}

if (args.Length > 0 && args[0] == "queries")
{
    return await QueryLatency.RunAsync(args);
}

if (args.Length > 0 && args[0] == "export")
{
    return await ExportRun.RunAsync(args);
}

if (args.Length > 0 && args[0] == "extract-cpu")
{
    return PipelineRun.ExtractCpu(args);
}

BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run(args, new BenchConfig());
return 0;
