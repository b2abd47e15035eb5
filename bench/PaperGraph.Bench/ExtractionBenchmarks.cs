using BenchmarkDotNet.Attributes;
using PaperGraph.Core;

namespace PaperGraph.Bench;

/// <summary>Extraction of one abstract (mean over 1,000 different synthetic abstracts), on one thread.</summary>
public class ExtractionBenchmarks
{
    private const int Count = 1000;
    private Paper[] _papers = [];
    private Extractor _extractor = null!;

    [GlobalSetup]
    public void Setup()
    {
        _papers = Corpus.Get(Count);
        _extractor = Corpus.Extractor;
    }

    [Benchmark(OperationsPerInvoke = Count, Description = "Extract one abstract")]
    public int ExtractOne()
    {
        var n = 0;
        foreach (var p in _papers)
        {
            n += _extractor.Extract(p).Relations.Count;
        }

        return n;
    }
}
