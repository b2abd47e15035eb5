using PaperGraph.Core;

namespace PaperGraph.Bench;

/// <summary>Synthetic papers and their extractions, made once per size and shared by the benchmarks.</summary>
internal static class Corpus
{
    private static readonly Dictionary<int, Paper[]> Papers = [];
    private static readonly Dictionary<int, PaperExtraction[]> Extractions = [];
    private static Extractor? _extractor;

    public static Extractor Extractor => _extractor ??= Extractor.CreateDefault(VocabularyDirectory());

    public static Paper[] Get(int count)
    {
        if (!Papers.TryGetValue(count, out var papers))
        {
            var synth = new CorpusSynthesizer(new SynthesisOptions(count, 42));
            papers = synth.Papers()
                .Select((p, i) => new Paper(p.Id, p.Title, p.Abstract, p.Year, null, [], new SourceLocation("synth", i + 1)))
                .ToArray();
            Papers[count] = papers;
        }

        return papers;
    }

    public static PaperExtraction[] Extract(int count)
    {
        if (!Extractions.TryGetValue(count, out var extractions))
        {
            var extractor = Extractor;
            extractions = Get(count).AsParallel().AsOrdered().Select(extractor.Extract).ToArray();
            Extractions[count] = extractions;
        }

        return extractions;
    }

    public static KnowledgeGraph Graph(int count)
    {
        var builder = new GraphBuilder();
        foreach (var e in Extract(count))
        {
            builder.Add(e);
        }

        return builder.Graph;
    }

    /// <summary>The repository's seeds/vocab when run from inside the repository, else the built-in vocabulary.</summary>
    private static string? VocabularyDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var vocab = Path.Combine(dir.FullName, "seeds", "vocab");
            if (Directory.Exists(vocab))
            {
                return vocab;
            }
        }

        return null;
    }
}
