using Xunit.Abstractions;

namespace PaperGraph.Core.Tests;

public sealed class ScorerTests(ITestOutputHelper output)
{
    private static string GoldFile => Path.Combine(CorpusTestFiles.RepoRoot, "tests", "fixtures", "gold", "seed.gold.jsonl");

    [Fact]
    public async Task Seed_corpus_scores_above_the_bars_on_the_seed_gold()
    {
        var result = await GraphPipeline.BuildAsync(new BuildOptions([Path.Combine(CorpusTestFiles.RepoRoot, "seeds")]), null, CancellationToken.None);
        var gold = await GoldReader.ReadAsync(GoldFile, CancellationToken.None);
        var report = Scorer.Evaluate(result.Graph, gold);
        output.WriteLine(EvaluationText.Format(report, verbose: true));

        Assert.Equal(gold.Count, report.PapersMatched);
        Assert.True(report.Entities.Lenient.F1 >= 0.90, $"entity F1 {report.Entities.Lenient.F1:0.000} < 0.90");
        foreach (var row in new[] { "lineage", "results", "successors" })
        {
            Assert.True(report[row].Lenient.F1 >= 0.80, $"{row} F1 {report[row].Lenient.F1:0.000} < 0.80");
        }
    }

    [Fact]
    public async Task Other_families_dev_set_scores_above_the_aims()
    {
        var corpus = Path.Combine(CorpusTestFiles.RepoRoot, "tests", "fixtures", "corpus", "families.jsonl");
        var result = await GraphPipeline.BuildAsync(new BuildOptions([corpus]), null, CancellationToken.None);
        var gold = await GoldReader.ReadAsync(Path.Combine(CorpusTestFiles.RepoRoot, "tests", "fixtures", "gold", "families.gold.jsonl"), CancellationToken.None);
        var report = Scorer.Evaluate(result.Graph, gold);
        output.WriteLine(EvaluationText.Format(report, verbose: true));

        Assert.True(report.Entities.Lenient.F1 >= 0.80, $"entity F1 {report.Entities.Lenient.F1:0.000} < 0.80");
        Assert.True(report.Relations.Lenient.F1 >= 0.65, $"relation F1 {report.Relations.Lenient.F1:0.000} < 0.65");
    }

    [Fact]
    public async Task Streaming_the_gold_file_without_findings_gives_the_same_scores_and_no_findings()
    {
        var corpus = Path.Combine(CorpusTestFiles.RepoRoot, "tests", "fixtures", "corpus", "families.jsonl");
        var goldFile = Path.Combine(CorpusTestFiles.RepoRoot, "tests", "fixtures", "gold", "families.gold.jsonl");
        var result = await GraphPipeline.BuildAsync(new BuildOptions([corpus]), null, CancellationToken.None);
        var full = Scorer.Evaluate(result.Graph, await GoldReader.ReadAsync(goldFile, CancellationToken.None));
        var streamed = Scorer.Evaluate(result.Graph, GoldReader.StreamAsync(goldFile, CancellationToken.None).ToBlockingEnumerable(), collectFindings: false);

        Assert.NotEmpty(full.Findings);
        Assert.Empty(streamed.Findings);
        Assert.Equal(full.PapersInGold, streamed.PapersInGold);
        Assert.Equal(full.PapersMatched, streamed.PapersMatched);
        Assert.Equal(full.Rows, streamed.Rows);
        Assert.Equal(full.Relations, streamed.Relations);
    }

    [Fact]
    public void Gold_reader_names_file_and_line_of_bad_json()
    {
        var ex = Assert.Throws<GoldFormatException>(() => GoldReader.Parse("gold.jsonl", 7, "{\"title\": \"x\", \"models\": [}"));
        Assert.Equal(7, ex.Line);
        Assert.StartsWith("gold.jsonl:7:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gold_reader_rejects_a_result_without_a_numeric_value()
    {
        var ex = Assert.Throws<GoldFormatException>(() => GoldReader.Parse("g", 2, """{"title":"t","results":[{"model":"A","benchmark":"B","value":"high"}]}"""));
        Assert.Contains("value", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gold_reader_reports_the_line_number_from_a_file()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllLinesAsync(path, ["""{"title":"ok"}""", "", "not json"]);
            var ex = await Assert.ThrowsAsync<GoldFormatException>(() => GoldReader.ReadAsync(path, CancellationToken.None));
            Assert.Equal(3, ex.Line);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Relations_touching_an_optional_entity_become_optional()
    {
        var paper = GoldReader.Parse("g", 1, """
            {"title":"t","models":[{"name":"A","role":"introduced"},{"name":"B","role":"mentioned","optional":true}],
             "lineage":[{"model":"A","parent":"B","kind":"fine-tuned"}]}
            """);
        Assert.True(paper.Relations.Single().Optional);
    }

    private static (KnowledgeGraph Graph, Paper Paper) Graph(string title, string abstractText)
    {
        var paper = new Paper("p1", title, abstractText, null, null, [], new SourceLocation("t", 1));
        var builder = new GraphBuilder();
        builder.Add(ExtractionTestKit.Extractor.Extract(paper));
        return (builder.Graph, paper);
    }

    [Fact]
    public void Scorer_counts_hits_misses_extras_and_wrong_roles()
    {
        var (graph, _) = Graph("Llama 3 Report", "We present Llama 3. Llama 3 outperforms Gemma 7B and Mistral 7B on MMLU.");
        var gold = GoldReader.Parse("g", 1, """
            {"title":"Llama 3 Report",
             "models":[{"name":"Llama 3","role":"introduced"},{"name":"Gemma 7B","role":"studied"},{"name":"Phi-3","role":"mentioned"},
                       {"name":"Mistral 7B","role":"mentioned","optional":true}],
             "benchmarks":[{"name":"MMLU","role":"evaluated"}]}
            """);
        var report = Scorer.Evaluate(graph, [gold]);
        var models = report["Models"];
        Assert.Equal(new Score(2, 0, 1), models.Lenient);   // Phi-3 missed; Mistral optional
        Assert.Equal(new Score(1, 1, 2), models.Strict);    // Gemma found with the wrong role
        Assert.Contains(report.Findings, f => f.Kind == "wrong-role" && f.Item.StartsWith("Gemma 7B", StringComparison.Ordinal));
        Assert.Contains(report.Findings, f => f.Kind == "miss" && f.Item.StartsWith("Phi-3", StringComparison.Ordinal));
    }

    [Fact]
    public void Results_match_on_value_and_strict_needs_the_setting()
    {
        var (graph, _) = Graph("Gemma Math", "We present Gemma 7B. Gemma 7B scores 46.4% on MATH with 64 samples.");
        var gold = GoldReader.Parse("g", 1, """
            {"title":"Gemma Math","models":[{"name":"Gemma 7B","role":"introduced"}],"benchmarks":[{"name":"MATH","role":"evaluated"}],
             "results":[{"model":"Gemma 7B","benchmark":"MATH","value":46.4,"unit":"%","setting":"majority voting"}]}
            """);
        var report = Scorer.Evaluate(graph, [gold]);
        Assert.Equal(new Score(1, 0, 0), report["results"].Lenient);
        Assert.Equal(new Score(0, 1, 1), report["results"].Strict);
    }

    [Fact]
    public void A_paper_missing_from_the_graph_misses_everything()
    {
        var (graph, _) = Graph("Some other paper", "We present Llama 3.");
        var gold = GoldReader.Parse("g", 1, """{"title":"Absent","models":[{"name":"Llama 3","role":"introduced"}]}""");
        var report = Scorer.Evaluate(graph, [gold]);
        Assert.Equal(0, report.PapersMatched);
        Assert.Equal(new Score(0, 0, 1), report["Models"].Lenient);
    }

    [Fact]
    public void F1_is_the_harmonic_mean()
    {
        var s = new Score(6, 2, 4);
        Assert.Equal(0.75, s.Precision, 6);
        Assert.Equal(0.6, s.Recall, 6);
        Assert.Equal(2 * 0.75 * 0.6 / 1.35, s.F1, 6);
    }
}
