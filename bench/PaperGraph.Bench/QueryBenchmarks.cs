using BenchmarkDotNet.Attributes;
using PaperGraph.Core;

namespace PaperGraph.Bench;

/// <summary>
/// Queries on the in-memory graph of a synthetic corpus: a reasoning model's ancestry (R1 -> V3 -> V2.5 -> V2 -> 1),
/// a typo-tolerant name search, and a shortest path between models of two families.
/// </summary>
public class QueryBenchmarks
{
    private InMemoryGraphQueries _queries = null!;
    private string _reasoner = "";
    private string _typo = "";
    private string _from = "";
    private string _to = "";

    [Params(1_000, 10_000)]
    public int Papers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _queries = new InMemoryGraphQueries(Corpus.Graph(Papers));
        var synth = new CorpusSynthesizer(new SynthesisOptions(Papers, 42));
        var introduced = Enumerable.Range(0, Papers).Select(i => synth.Generate(i))
            .SelectMany(p => p.Facts.Models.Where(m => m.Role == "introduced").Select(m => m.Name))
            .ToList();
        _reasoner = introduced.Last(n => n.EndsWith("-R1", StringComparison.Ordinal));
        var stem = _reasoner[..^3];
        _typo = stem[..^1] + (stem[^1] == 'a' ? 'e' : 'a');
        _from = introduced[Papers / 2];
        _to = introduced[^1];
    }

    [Benchmark(Description = "Lineage (ancestors, depth 6)")]
    public async Task<object?> Lineage() =>
        (await _queries.LineageAsync(_reasoner, LineageDirection.Ancestors, 6, CancellationToken.None)).Value;

    [Benchmark(Description = "Search (one typo, top 10)")]
    public async Task<int> Search() =>
        (await _queries.SearchAsync(_typo, null, 10, CancellationToken.None)).Count;

    [Benchmark(Description = "Shortest path (max 6 hops)")]
    public async Task<object?> ShortestPath() =>
        (await _queries.ShortestPathAsync(_from, _to, 6, CancellationToken.None)).Value;
}
