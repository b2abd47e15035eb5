using System.Diagnostics;
using System.Globalization;
using PaperGraph.Core;

namespace PaperGraph.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/PaperGraph.Bench -- pipeline CORPUS.jsonl N [oracle|real]</c>: builds the
/// graph of a synthetic corpus in process and prints time per stage and memory, for finding hot spots.
/// </summary>
internal static class PipelineRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var corpus = args[1];
        var papers = long.Parse(args[2], CultureInfo.InvariantCulture);
        var mode = args.Length > 3 ? args[3] : "real";
        Func<Paper, PaperExtraction> extract = mode switch
        {
            "oracle" => new OracleExtractor(new CorpusSynthesizer(new SynthesisOptions(papers, 42))).Extract,
            "empty" => p => new PaperExtraction(p, [], [], []),
            "oracle-entities" => EntitiesOnly(new OracleExtractor(new CorpusSynthesizer(new SynthesisOptions(papers, 42)))),
            "extract-only" => ExtractOnly(Corpus.Extractor),
            _ => Corpus.Extractor.Extract,
        };
        var clock = Stopwatch.StartNew();
        var result = await GraphPipeline.BuildAsync(new BuildOptions([corpus]), extract, null, CancellationToken.None);
        var build = clock.Elapsed;
        GC.Collect();
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        var proc = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{mode}: {result.PaperCount} papers in {build.TotalSeconds:0.00}s ({result.PaperCount / build.TotalSeconds:0} papers/s); nodes {result.Graph.NodeCount}, edges {result.Graph.EdgeCount}, sentences {result.Graph.Sentences.Count} ({result.Graph.Sentences.Bytes / 1e6:0.0} MB); live heap after build {heap / 1e6:0} MB, peak working set {proc.PeakWorkingSet64 / 1e6:0} MB"));
        var evidence = result.Graph.Edges.Sum(e => (long)e.Evidence.Count);
        Console.WriteLine($"evidence items {evidence}, rejected {result.Rejected.Count}, unresolved {result.Unresolved.Count}, skipped {result.Skipped.Count}, duplicates {result.Duplicates.Count}");
        foreach (var s in result.Skipped.Take(3).Concat(result.Duplicates.Take(9).Select(d => new SkippedRecord(d.Merged, d.ToString()))))
        {
            Console.WriteLine(s);
        }
        if (Environment.GetEnvironmentVariable("PG_HOLD") is { } hold)
        {
            // Keeps the graph alive so a heap dump (dotnet-gcdump collect -p PID) can see what holds memory.
            Console.WriteLine($"holding for {hold}s, pid {Environment.ProcessId}");
            await Task.Delay(TimeSpan.FromSeconds(int.Parse(hold, CultureInfo.InvariantCulture)));
            GC.KeepAlive(result);
        }

        return 0;
    }

    /// <summary>
    /// <c>extract-cpu N</c>: extraction of N synthetic abstracts on one thread, timed in CPU time (the machine is
    /// shared, so wall time says more about the neighbours than about us), plus graph merging of the results.
    /// </summary>
    public static int ExtractCpu(string[] args)
    {
        var n = int.Parse(args[1], CultureInfo.InvariantCulture);
        var papers = Corpus.Get(n);
        var extractor = Corpus.Extractor;
        foreach (var p in papers.Take(200))
        {
            extractor.Extract(p);
        }

        var bytes = papers.Sum(p => (long)System.Text.Encoding.UTF8.GetByteCount(p.Abstract) + p.Title.Length);
        var proc = Process.GetCurrentProcess();
        var cpu0 = proc.TotalProcessorTime;
        var alloc0 = GC.GetTotalAllocatedBytes(precise: false);
        var gcs0 = GC.CollectionCount(0);
        var pause0 = GC.GetTotalPauseDuration();
        var wall = Stopwatch.StartNew();
        var extractions = new PaperExtraction[n];
        for (var i = 0; i < n; i++)
        {
            extractions[i] = extractor.Extract(papers[i]);
        }

        proc.Refresh();
        var cpu = (proc.TotalProcessorTime - cpu0).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"extract: {n} abstracts, {cpu:0.00}s CPU ({n / cpu:0} abstracts/s, {bytes / 1e6 / cpu:0.0} MB/s per core), wall {wall.Elapsed.TotalSeconds:0.00}s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"extract allocations: {(GC.GetTotalAllocatedBytes(precise: false) - alloc0) / (double)n / 1024:0.0} KB per abstract, {GC.CollectionCount(0) - gcs0} GCs, {(GC.GetTotalPauseDuration() - pause0).TotalSeconds:0.00}s GC pause"));
        cpu0 = proc.TotalProcessorTime;
        var builder = new GraphBuilder();
        foreach (var e in extractions)
        {
            builder.Add(e);
        }

        proc.Refresh();
        cpu = (proc.TotalProcessorTime - cpu0).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"merge: {cpu:0.00}s CPU ({n / cpu:0} papers/s), {builder.Graph.NodeCount} nodes, {builder.Graph.EdgeCount} edges"));
        return 0;
    }

    private static Func<Paper, PaperExtraction> EntitiesOnly(OracleExtractor oracle) => p =>
    {
        var e = oracle.Extract(p);
        return e with { Relations = [] };
    };

    // Runs the real extractor but hands the graph nothing: the graph's share of a build is the difference.
    private static Func<Paper, PaperExtraction> ExtractOnly(Extractor extractor) => p =>
    {
        _ = extractor.Extract(p);
        return new PaperExtraction(p, [], [], []);
    };
}
