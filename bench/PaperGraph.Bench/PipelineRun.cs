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
        return 0;
    }

    // Runs the real extractor but hands the graph nothing: the graph's share of a build is the difference.
    private static Func<Paper, PaperExtraction> ExtractOnly(Extractor extractor) => p =>
    {
        _ = extractor.Extract(p);
        return new PaperExtraction(p, [], [], []);
    };
}
