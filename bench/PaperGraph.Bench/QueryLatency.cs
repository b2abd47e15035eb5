using System.Diagnostics;
using System.Globalization;
using PaperGraph.Core;

namespace PaperGraph.Bench;

/// <summary>
/// <c>queries GRAPH.json [SAMPLES]</c>: loads a graph written by <c>papergraph build</c> and times the service's
/// traversal queries one by one on the in-memory backend (the work behind each HTTP request, without HTTP):
/// lineage, exact and typo search, and shortest path, over models spread evenly through the graph. Prints the
/// load time and p50/p90/p99/max per query kind, so every corpus size of <c>scripts/bench.sh</c> gets a latency row.
/// </summary>
internal static class QueryLatency
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2)
        {
            await Console.Error.WriteLineAsync("usage: queries GRAPH.json [SAMPLES]");
            return 2;
        }

        var samples = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 500;
        var clock = Stopwatch.StartNew();
        var graph = await GraphJsonReader.ReadFileAsync(args[1], CancellationToken.None);
        var load = clock.Elapsed;
        var queries = new InMemoryGraphQueries(graph);
        var ready = clock.Elapsed;

        // Models in a fixed order (node ids are stable), sampled evenly so every part of the corpus is asked about.
        var models = graph.Nodes.Where(n => n.Label == NodeLabel.Model).Select(n => n.Name).Order(StringComparer.Ordinal).ToArray();
        if (models.Length < 2)
        {
            await Console.Error.WriteLineAsync("the graph has fewer than two models");
            return 1;
        }

        var step = Math.Max(1, models.Length / samples);
        var picked = Enumerable.Range(0, Math.Min(samples, models.Length)).Select(i => models[(i * step) % models.Length]).ToArray();
        var ct = CancellationToken.None;
        var kinds = new (string Name, Func<int, Task> Run)[]
        {
            ("lineage (both, depth 3)", async i => await queries.LineageAsync(picked[i], LineageDirection.Both, 3, ct)),
            ("search (exact name, top 10)", async i => await queries.SearchAsync(picked[i], null, 10, ct)),
            ("search (one typo, top 10)", async i => await queries.SearchAsync(Typo(picked[i]), null, 10, ct)),
            ("shortest path (max 6 hops)", async i => await queries.ShortestPathAsync(picked[i], picked[(i + (picked.Length / 2)) % picked.Length], 6, ct)),
        };

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"graph: {graph.NodeCount} nodes, {graph.EdgeCount} relationships; read {load.TotalSeconds:0.0}s, index {(ready - load).TotalSeconds:0.0}s; {picked.Length} samples per query; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB"));
        foreach (var (name, run) in kinds)
        {
            // One warm-up pass (JIT, lazy indexes), then the timed pass.
            for (var i = 0; i < Math.Min(20, picked.Length); i++)
            {
                await run(i);
            }

            var times = new double[picked.Length];
            for (var i = 0; i < picked.Length; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await run(i);
                times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }

            Array.Sort(times);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: p50 {At(times, 0.50):0.000} ms, p90 {At(times, 0.90):0.000} ms, p99 {At(times, 0.99):0.000} ms, max {times[^1]:0.000} ms"));
        }

        return 0;
    }

    private static double At(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    // Swaps two adjacent letters in the middle of the name: the commonest typing error.
    private static string Typo(string name)
    {
        var chars = name.ToCharArray();
        for (var i = chars.Length / 2; i + 1 < chars.Length; i++)
        {
            if (char.IsLetter(chars[i]) && char.IsLetter(chars[i + 1]) && chars[i] != chars[i + 1])
            {
                (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
                return new string(chars);
            }
        }

        return name + "x";
    }
}
