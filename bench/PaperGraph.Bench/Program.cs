using BenchmarkDotNet.Running;
using PaperGraph.Bench;

// Short, in-process runs: the machine is shared, and a generated benchmark project per class would cost more build
// time than the measurements themselves. Run: dotnet run -c Release --project bench/PaperGraph.Bench -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run(args, new BenchConfig());
