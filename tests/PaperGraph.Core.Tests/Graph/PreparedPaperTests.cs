namespace PaperGraph.Core.Tests;

/// <summary>
/// The build's direct path (a paper prepared from the extractor's context, <see cref="Extractor.ExtractPrepared"/>)
/// against the public one (<see cref="Extractor.Extract"/> then <see cref="PreparedPaper.Prepare(PaperExtraction)"/>).
/// </summary>
public sealed class PreparedPaperTests
{
    private static readonly Extractor TheExtractor = Extractor.CreateDefault();

    // Tuples are serialised by their fields.
    private static readonly System.Text.Json.JsonSerializerOptions WithFields = new() { IncludeFields = true };

    private static async Task<List<Paper>> Papers(string path, string format)
    {
        var papers = new List<Paper>();
        await using var stream = File.OpenRead(path);
        foreach (var item in CorpusFormats.CreateReader(format).Read(stream, path, CancellationToken.None))
        {
            if (item.Kind == CorpusItemKind.Paper)
            {
                papers.Add(item.Paper!);
            }
        }

        return papers;
    }

    // Everything a merge reads of a prepared paper, as values.
    private static string Content(PreparedPaper p)
    {
        var entities = p.Entities.ToArray().Select(e => (e.Id, e.Label, e.Name, string.Join("|", e.Aliases),
            string.Join("|", e.Properties.Select(kv => $"{kv.Key}={kv.Value}")))).ToList();
        var relations = p.Relations.ToArray().Select(r => (r.IdHash, string.Join("|", r.Properties.Select(kv => $"{kv.Key}={kv.Value}")),
            r.Sentence, r.Tag, r.Start, r.End, r.Type, r.EvidenceStart, r.EvidenceEnd,
            string.Join("|", r.Given.Select(kv => $"{kv.Key}={kv.Value}")), r.Rule, r.Confidence, p.NameOf(r.Start), p.NameOf(r.End))).ToList();
        var sentences = Enumerable.Range(0, p.SentenceCount).Select(i => p.Sentence(i).ToString()).ToList();
        var unresolved = p.Unresolved.Select(u => (u.Surface, u.Start, u.Reason, string.Join("|", u.Candidates))).ToList();
        return System.Text.Json.JsonSerializer.Serialize(new { p.Paper.Id, entities, relations, sentences, unresolved }, WithFields);
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("families")]
    public async Task A_paper_prepared_from_the_extraction_context_is_the_one_prepared_from_its_extraction(string corpus)
    {
        var papers = corpus == "seed"
            ? await Papers(CorpusTestFiles.SeedFile, "seed")
            : await Papers(CorpusTestFiles.CorpusFixture("families.jsonl"), "jsonl");
        var relations = 0;
        var unresolved = 0;
        foreach (var paper in papers)
        {
            var extraction = TheExtractor.Extract(paper);
            var expected = Content(PreparedPaper.Prepare(extraction));

            var own = TheExtractor.ExtractPrepared(paper, lend: false);
            Assert.Equal(expected, Content(own));

            var lent = TheExtractor.ExtractPrepared(paper, lend: true);
            Assert.Same(PreparedPaper.Lent, lent);
            Assert.Equal(expected, Content(lent));
            lent.Release();

            // A paper of its own stays as it was after the thread's later papers.
            Assert.Equal(expected, Content(own));
            relations += extraction.Relations.Count;
            unresolved += extraction.Unresolved.Count;
        }

        Assert.True(relations > 10 * papers.Count / 2, $"{relations} relations");
        Assert.Equal(corpus == "seed", unresolved > 0);
    }

    [Fact]
    public void The_lent_paper_of_a_small_paper_after_a_large_one_holds_only_the_small_papers_entities_and_relations()
    {
        var large = new Paper("test:large", "Zorvex-7 report",
            "We present Zorvex-7, fine-tuned from Zorvex-3 with Group Relative Policy Optimization (GRPO) and Direct Preference Optimization (DPO). " +
            "It scores 81.5 on MMLU and 77.2 on GSM8K, outperforming Llama-3-8B and Mistral-7B. Zorvex-7 uses LoRA and FlashAttention.",
            null, null, [], new SourceLocation("test", 1));
        var small = new Paper("test:small", "A note", "We evaluate BERT on SQuAD.", null, null, [], new SourceLocation("test", 2));

        var first = TheExtractor.ExtractPrepared(large, lend: true);
        var largeEntities = first.EntityCount;
        var largeRelations = first.RelationCount;
        first.Release();
        var second = TheExtractor.ExtractPrepared(small, lend: true);

        Assert.Same(first, second);
        Assert.True(largeEntities > second.EntityCount && largeRelations > second.RelationCount);
        Assert.Equal(Content(PreparedPaper.Prepare(TheExtractor.Extract(small))), Content(second));
        second.Release();
    }

    [Fact]
    public void The_records_of_a_paper_share_one_reference_per_endpoint_and_equal_the_contexts_relations()
    {
        var paper = new Paper("test:refs", "Zorvex-7 report",
            "We present Zorvex-7, fine-tuned from Zorvex-3 with GRPO. Zorvex-7 scores 81.5 on MMLU and 77.2 on GSM8K.",
            null, null, [], new SourceLocation("test", 1));

        var extraction = TheExtractor.Extract(paper);

        var byKey = extraction.Relations.SelectMany(r => new[] { r.From, r.To }).GroupBy(r => (r.Label, r.Name)).ToList();
        Assert.Contains(byKey, g => g.Count() > 1);
        Assert.All(byKey, g => Assert.All(g, r => Assert.Same(g.First(), r)));
        Assert.Contains(extraction.Relations, r => r.From == new EntityRef(NodeLabel.Paper, "test:refs"));
    }
}
