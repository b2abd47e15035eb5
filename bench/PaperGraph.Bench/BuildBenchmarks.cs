using BenchmarkDotNet.Attributes;
using PaperGraph.Core;

namespace PaperGraph.Bench;

/// <summary>Merging pre-computed extractions into a graph (the single-threaded part of a build).</summary>
public class BuildBenchmarks
{
    private PaperExtraction[] _extractions = [];

    [Params(1_000, 10_000)]
    public int Papers { get; set; }

    [GlobalSetup]
    public void Setup() => _extractions = Corpus.Extract(Papers);

    [Benchmark(Description = "Merge extractions into graph")]
    public int Build()
    {
        var builder = new GraphBuilder();
        foreach (var e in _extractions)
        {
            builder.Add(e);
        }

        return builder.Graph.EdgeCount;
    }
}
