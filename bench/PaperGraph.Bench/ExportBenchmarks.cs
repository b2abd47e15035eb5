using BenchmarkDotNet.Attributes;
using PaperGraph.Core;

namespace PaperGraph.Bench;

/// <summary>Writing graph.json and graph.cypher for a graph of synthetic papers (to a null stream: the disk is not measured).</summary>
public class ExportBenchmarks
{
    private KnowledgeGraph _graph = null!;

    [Params(1_000, 10_000)]
    public int Papers { get; set; }

    [GlobalSetup]
    public void Setup() => _graph = Corpus.Graph(Papers);

    [Benchmark(Description = "Write graph.json")]
    public async Task Json() => await GraphJsonWriter.WriteAsync(_graph, Stream.Null, CancellationToken.None);

    [Benchmark(Description = "Write graph.cypher")]
    public async Task Cypher() => await CypherScriptWriter.WriteAsync(_graph, Stream.Null, CancellationToken.None);
}
