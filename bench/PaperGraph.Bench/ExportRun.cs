using System.Diagnostics;
using System.Globalization;
using PaperGraph.Core;

namespace PaperGraph.Bench;

/// <summary>
/// <c>export CORPUS [ROUNDS] [OUTDIR]</c>: builds the graph of a corpus once (real extractor), then writes graph.json
/// and graph.cypher ROUNDS times: each file alone, then both at once as <c>papergraph build</c> does, each timed in
/// CPU and wall time. The files go to OUTDIR (default a temporary directory), so page-cache writes are included.
/// </summary>
internal static class ExportRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var corpus = args[1];
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2;
        var outDir = args.Length > 3 ? args[3] : Path.Combine(Path.GetTempPath(), "papergraph-export-bench");
        Directory.CreateDirectory(outDir);
        var clock = Stopwatch.StartNew();
        var result = await GraphPipeline.BuildAsync(new BuildOptions([corpus]), Corpus.Extractor.Extract, null, CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"graph: {result.PaperCount} papers, {result.Graph.NodeCount} nodes, {result.Graph.EdgeCount} edges, built in {clock.Elapsed.TotalSeconds:0.0}s"));
        var graph = result.Graph;
        var json = Path.Combine(outDir, "graph.json");
        var cypher = Path.Combine(outDir, "graph.cypher");
        Task Json(Stream s) => GraphJsonWriter.WriteAsync(graph, s, CancellationToken.None);
        Task Cypher(Stream s) => CypherScriptWriter.WriteAsync(graph, s, CancellationToken.None);
        // PG_ONLY=json|cypher|both runs one of the three measurements (for a profiler); PG_ONLY=compare alternates
        // both files at once written by one thread each (ExportChunking.Sequential) and by chunks on every core.
        var only = Environment.GetEnvironmentVariable("PG_ONLY");
        for (var r = 0; r < rounds; r++)
        {
            if (only == "alloc")
            {
                // Allocations of the sequential paths on this thread (Stream.Null completes every write at once).
                var a0 = GC.GetAllocatedBytesForCurrentThread();
                await GraphJsonWriter.WriteCompactAsync(graph, Stream.Null, ExportChunking.Sequential, CancellationToken.None);
                var a1 = GC.GetAllocatedBytesForCurrentThread();
                await CypherScriptWriter.WriteAsync(graph, Stream.Null, ExportChunking.Sequential, CancellationToken.None);
                var a2 = GC.GetAllocatedBytesForCurrentThread();
                var aliases = 0L;
                foreach (var node in graph.Nodes)
                {
                    foreach (var alias in node.Aliases)
                    {
                        aliases += alias.Length;
                    }
                }

                var a3 = GC.GetAllocatedBytesForCurrentThread();
                foreach (var kind in graph.Nodes.GroupBy(n => n.Aliases.GetType().Name + " " + Math.Min(n.Aliases.Count, 3)))
                {
                    Console.WriteLine($"  {kind.Key}: {kind.Count()}");
                }

                Console.WriteLine($"alloc: json {(a1 - a0) / 1e6:0.0} MB, cypher {(a2 - a1) / 1e6:0.0} MB, enumerating aliases {(a3 - a2) / 1e6:0.0} MB ({aliases})");
                continue;
            }

            if (only == "compare-each")
            {
                // Each file alone: one thread, then chunks on every core.
                await TimeAsync($"[{r}] graph.json, 1 thread", [json], () => WriteFileAsync(json,
                    s => GraphJsonWriter.WriteCompactAsync(graph, s, ExportChunking.Sequential, CancellationToken.None)));
                await TimeAsync($"[{r}] graph.json, chunked", [json], () => WriteFileAsync(json, Json));
                await TimeAsync($"[{r}] graph.cypher, 1 thread", [cypher], () => WriteFileAsync(cypher,
                    s => CypherScriptWriter.WriteAsync(graph, s, ExportChunking.Sequential, CancellationToken.None)));
                await TimeAsync($"[{r}] graph.cypher, chunked", [cypher], () => WriteFileAsync(cypher, Cypher));
                continue;
            }

            if (only == "compare")
            {
                await TimeAsync($"[{r}] both, 1 thread each", [json, cypher], () => Task.WhenAll(
                    Task.Run(() => WriteFileAsync(json, s => GraphJsonWriter.WriteCompactAsync(graph, s, ExportChunking.Sequential, CancellationToken.None))),
                    Task.Run(() => WriteFileAsync(cypher, s => CypherScriptWriter.WriteAsync(graph, s, ExportChunking.Sequential, CancellationToken.None)))));
                await TimeAsync($"[{r}] both, chunked", [json, cypher], () => Task.WhenAll(
                    Task.Run(() => WriteFileAsync(json, Json)), Task.Run(() => WriteFileAsync(cypher, Cypher))));
                continue;
            }

            if (only is not null)
            {
                await (only switch
                {
                    "json" => TimeAsync($"[{r}] graph.json", [json], () => WriteFileAsync(json, Json)),
                    "cypher" => TimeAsync($"[{r}] graph.cypher", [cypher], () => WriteFileAsync(cypher, Cypher)),
                    _ => TimeAsync($"[{r}] both at once", [json, cypher], () => Task.WhenAll(
                        Task.Run(() => WriteFileAsync(json, Json)), Task.Run(() => WriteFileAsync(cypher, Cypher)))),
                });
                continue;
            }

            await TimeAsync($"[{r}] graph.json", [json], () => WriteFileAsync(json, Json));
            await TimeAsync($"[{r}] graph.cypher", [cypher], () => WriteFileAsync(cypher, Cypher));
            await TimeAsync($"[{r}] both at once", [json, cypher], () => Task.WhenAll(
                Task.Run(() => WriteFileAsync(json, Json)), Task.Run(() => WriteFileAsync(cypher, Cypher))));
        }

        return 0;
    }

    private static async Task WriteFileAsync(string path, Func<Stream, Task> write)
    {
        // As the CLI opens its outputs: no FileStream buffer (the writers buffer themselves).
        await using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 0, useAsync: true);
        await write(stream);
    }

    private static async Task TimeAsync(string name, string[] paths, Func<Task> write)
    {
        GC.Collect();
        var proc = Process.GetCurrentProcess();
        var cpu0 = proc.TotalProcessorTime;
        var user0 = proc.UserProcessorTime;
        var alloc0 = GC.GetTotalAllocatedBytes(precise: false);
        var wall = Stopwatch.StartNew();
        await write();
        var seconds = wall.Elapsed.TotalSeconds;
        proc.Refresh();
        var cpu = (proc.TotalProcessorTime - cpu0).TotalSeconds;
        var user = (proc.UserProcessorTime - user0).TotalSeconds;
        var bytes = paths.Sum(p => new FileInfo(p).Length);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-22} {bytes / 1e6,7:0.0} MB  wall {seconds,6:0.00}s  CPU {cpu,6:0.00}s (user {user:0.00}, sys {cpu - user:0.00})  {bytes / 1e6 / cpu,4:0} MB per CPU-s  {bytes / 1e6 / seconds,4:0} MB/s wall  alloc {(GC.GetTotalAllocatedBytes(precise: false) - alloc0) / 1e6:0} MB  peak WS {proc.PeakWorkingSet64 / 1e6:0} MB"));
    }
}
