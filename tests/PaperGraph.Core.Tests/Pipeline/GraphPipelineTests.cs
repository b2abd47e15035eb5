using System.Text.RegularExpressions;

namespace PaperGraph.Core.Tests;

public sealed partial class GraphPipelineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("papergraph-pipeline-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>
    /// A stand-in extractor that does not depend on extraction quality: every hyphenated capitalised token becomes a
    /// Model mentioned by the paper, so the graph has entities, relationships and evidence to merge.
    /// </summary>
    internal static PaperExtraction TokenExtract(Paper paper)
    {
        var text = paper.Text;
        var entities = new List<ExtractedEntity>();
        var relations = new List<ExtractedRelation>();
        foreach (Match m in ModelToken().Matches(text))
        {
            entities.Add(new ExtractedEntity(NodeLabel.Model, m.Value, [m.Value], new Dictionary<string, object?>()));
            var sentenceStart = Math.Max(0, text.LastIndexOf(". ", m.Index, StringComparison.Ordinal) + 2);
            var sentenceEnd = text.IndexOf(". ", m.Index, StringComparison.Ordinal) is var e and >= 0 ? e + 1 : text.Length;
            sentenceStart = Math.Min(sentenceStart, m.Index);
            relations.Add(new ExtractedRelation(RelType.Mentions, new EntityRef(NodeLabel.Paper, paper.Id),
                new EntityRef(NodeLabel.Model, m.Value), new Dictionary<string, object?>(), sentenceStart, sentenceEnd,
                m.Index, m.Index + m.Length, "test.token", 0.5));
        }

        return new PaperExtraction(paper, entities, relations, []);
    }

    [GeneratedRegex(@"\bDeepSeek-[A-Z][A-Za-z0-9.]*\b")]
    private static partial Regex ModelToken();

    // Throws for the one seed paper whose title starts "DeepSeek-V3 Technical" (line 7), extracts the others.
    private static PaperExtraction FailsOnTheDeepSeekV3Report(Paper p) =>
        p.Title.StartsWith("DeepSeek-V3 Technical", StringComparison.Ordinal) ? throw new InvalidOperationException("boom") : TokenExtract(p);

    private static Task<BuildResult> Build(BuildOptions options, Func<Paper, PaperExtraction>? extract = null) =>
        GraphPipeline.BuildAsync(options, extract ?? TokenExtract, null, CancellationToken.None);

    private string Copy(string fixture)
    {
        var target = Path.Combine(_dir, Path.GetFileName(fixture));
        File.Copy(fixture, target);
        return target;
    }

    [Fact]
    public void File_size_of_a_linked_corpus_is_the_size_of_its_target()
    {
        var target = Copy(CorpusTestFiles.SeedFile);
        var link = Path.Combine(_dir, "linked.txt");
        File.CreateSymbolicLink(link, target);

        Assert.Equal(new FileInfo(target).Length, GraphPipeline.FileSize(link));
        Assert.Equal(new FileInfo(target).Length, GraphPipeline.FileSize(target));
    }

    [Fact]
    public async Task Seed_build_gives_33_papers()
    {
        var result = await Build(new BuildOptions([CorpusTestFiles.SeedFile]));

        Assert.Equal(33, result.PaperCount);
        Assert.Equal(33, result.Graph.CountByLabel()[NodeLabel.Paper]);
        Assert.Empty(result.Skipped);
        Assert.Empty(result.Duplicates);
        Assert.Equal(3, result.Ignored.Count);
        var file = Assert.Single(result.Files);
        Assert.Equal("seed", file.Format);
    }

    [Fact]
    public async Task Seeds_directory_is_expanded_to_its_corpus_files()
    {
        var result = await Build(new BuildOptions([Path.GetDirectoryName(CorpusTestFiles.SeedFile)!]));

        Assert.Equal(33, result.PaperCount);
    }

    [Fact]
    public async Task Graph_is_the_same_whatever_the_parallelism()
    {
        var one = await Build(new BuildOptions([CorpusTestFiles.SeedFile], Parallelism: 1));
        var four = await Build(new BuildOptions([CorpusTestFiles.SeedFile], Parallelism: 4));

        Assert.Equal(one.Graph.Nodes.Select(n => n.Id), four.Graph.Nodes.Select(n => n.Id));
        Assert.Equal(one.Graph.Edges.Select(e => e.Id), four.Graph.Edges.Select(e => e.Id));
        Assert.Equal(
            one.Graph.Edges.SelectMany(e => e.Evidence).Select(e => (e.Paper, e.SentenceId, e.Start)),
            four.Graph.Edges.SelectMany(e => e.Evidence).Select(e => (e.Paper, e.SentenceId, e.Start)));
    }

    [Fact]
    public async Task A_one_thread_build_that_writes_new_texts_into_merged_ones_gives_the_same_graph_as_one_that_does_not()
    {
        // Records of a few text lengths, so most texts are written into a merged paper's text (the built-in
        // extractor's one-thread build), with lineage, scores and acronyms for the graph to keep evidence of.
        var lines = new List<string>();
        for (var i = 0; i < 300; i++)
        {
            var a = $"Zorvex-{i % 7 + 1}";
            var b = $"Zorvex-{i % 5 + 2}";
            var line = (i % 3) switch
            {
                0 => $"We present {a}, fine-tuned from {b} with Group Relative Policy Optimization (GRPO). It scores {50 + i % 40}.5 on MMLU.",
                1 => $"{a} is distilled from {b}. On GSM8K, {a} reaches {60 + i % 30}.1, outperforming {b}.",
                _ => $"We introduce {a}, a Mixture-of-Experts (MoE) model continued-pretrained from {b} on code.",
            };
            lines.Add(System.Text.Json.JsonSerializer.Serialize(new { id = $"test:{i}", title = $"{a} report {i:000}", @abstract = line }));
        }

        var corpus = Path.Combine(_dir, "same-lengths.jsonl");
        await File.WriteAllLinesAsync(corpus, lines);
        var options = new BuildOptions([corpus], Parallelism: 1);

        var recycled = await GraphPipeline.BuildAsync(options, null, CancellationToken.None);
        var extractor = Extractor.CreateDefault();
        var fresh = await GraphPipeline.BuildAsync(options, extractor.Extract, null, CancellationToken.None);

        Assert.Equal(300, recycled.PaperCount);
        Assert.True(recycled.Graph.EdgeCount > 300);
        Assert.Equal(await GraphJson(fresh.Graph), await GraphJson(recycled.Graph));
        Assert.Equal(fresh.Unresolved.Select(u => (u.Surface, u.Start, u.Reason)), recycled.Unresolved.Select(u => (u.Surface, u.Start, u.Reason)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task The_built_in_build_gives_the_graph_and_report_of_Extract_and_GraphBuilder_Add(int parallelism)
    {
        // The build prepares papers straight from the extractor's context (one lent prepared paper on one thread, one
        // of its own per paper on several); the public path makes the records and adds them.
        var inputs = new[] { CorpusTestFiles.SeedFile, CorpusTestFiles.CorpusFixture("families.jsonl"), CorpusTestFiles.CorpusFixture("papers.jsonl") };
        var options = new BuildOptions(inputs, Parallelism: parallelism);
        var direct = await GraphPipeline.BuildAsync(options, null, CancellationToken.None);

        var extractor = Extractor.CreateDefault();
        var extractions = new List<PaperExtraction>();
        await GraphPipeline.BuildAsync(options with { Parallelism = 1 }, paper =>
        {
            var extraction = extractor.Extract(paper);
            extractions.Add(extraction);
            return extraction;
        }, null, CancellationToken.None);
        var builder = new GraphBuilder();
        foreach (var extraction in extractions)
        {
            builder.Add(extraction);
        }

        Assert.Equal(extractions.Count, direct.PaperCount);
        Assert.True(direct.Unresolved.Count > 0);
        Assert.Equal(await GraphJson(builder.Graph), await GraphJson(direct.Graph));
        Assert.Equal(builder.Rejected, direct.Rejected);
        Assert.Equal(
            extractions.SelectMany(e => e.Unresolved.Select(u => (e.Paper.Id, u.Surface, u.Start, u.Reason, string.Join("|", u.Candidates)))),
            direct.UnresolvedByPaper.Select(u => (u.PaperId, u.Mention.Surface, u.Mention.Start, u.Mention.Reason, string.Join("|", u.Mention.Candidates))));
    }

    private static async Task<string> GraphJson(KnowledgeGraph graph)
    {
        using var output = new MemoryStream();
        await GraphJsonWriter.WriteAsync(graph, output, CancellationToken.None);
        return System.Text.Encoding.UTF8.GetString(output.ToArray());
    }

    [Fact]
    public async Task Papers_are_merged_in_input_order_when_extraction_finishes_out_of_order()
    {
        var papers = 0;
        PaperExtraction Slow(Paper p)
        {
            // Early papers take longest, so later ones finish first.
            var n = Interlocked.Increment(ref papers);
            Thread.Sleep(Math.Max(0, 20 - n));
            return TokenExtract(p);
        }

        var result = await Build(new BuildOptions([CorpusTestFiles.SeedFile], Parallelism: 4), Slow);
        var expected = await Build(new BuildOptions([CorpusTestFiles.SeedFile], Parallelism: 1));

        Assert.Equal(expected.Graph.Nodes.Select(n => n.Id), result.Graph.Nodes.Select(n => n.Id));
    }

    [Fact]
    public async Task Duplicate_papers_are_merged_into_the_first_and_reported()
    {
        var result = await Build(new BuildOptions([CorpusTestFiles.CorpusFixture("duplicates.txt")]));

        Assert.Equal(3, result.PaperCount);
        var dup = Assert.Single(result.Duplicates);
        Assert.Equal(9, dup.Merged.Line);
        Assert.Equal(7, dup.Kept.Line);
        Assert.StartsWith("paper:deepseek-v3-technical-report-", dup.PaperId);
    }

    [Fact]
    public async Task The_same_paper_in_two_files_is_reported_as_a_duplicate()
    {
        var seed = CorpusTestFiles.SeedFile;
        var jsonl = CorpusTestFiles.CorpusFixture("papers.jsonl");

        var result = await Build(new BuildOptions([seed, jsonl]));

        Assert.Equal(33, result.PaperCount);
        Assert.Equal(3, result.Duplicates.Count);
        Assert.All(result.Duplicates, d => Assert.Equal(jsonl, d.Merged.File));
    }

    [Fact]
    public async Task A_paper_dropped_for_its_id_leaves_its_title_free_for_a_later_paper()
    {
        var path = Path.Combine(_dir, "ids.jsonl");
        await File.WriteAllLinesAsync(path,
        [
            "{\"id\": \"p1\", \"title\": \"Alpha Models\", \"abstract\": \"A.\"}",
            "{\"id\": \"p1\", \"title\": \"Beta Models\", \"abstract\": \"B.\"}",
            "{\"id\": \"p2\", \"title\": \"Beta Models\", \"abstract\": \"C.\"}",
            "{\"id\": \"p3\", \"title\": \"alpha  models\", \"abstract\": \"D.\"}",
        ]);

        var result = await Build(new BuildOptions([path]));

        Assert.Equal(2, result.PaperCount);
        Assert.Equal([2, 4], result.Duplicates.Select(d => (int)d.Merged.Line));
        Assert.All(result.Duplicates, d => Assert.Equal(1, d.Kept.Line));
    }

    [Fact]
    public async Task Bad_records_are_reported_and_the_good_ones_built()
    {
        string[] inputs =
        [
            Copy(CorpusTestFiles.CorpusFixture("empty.txt")),
            Copy(CorpusTestFiles.CorpusFixture("binary-garbage.bin.txt")),
            Copy(CorpusTestFiles.CorpusFixture("truncated.txt")),
            Copy(CorpusTestFiles.CorpusFixture("bad.jsonl")),
        ];

        var result = await Build(new BuildOptions(inputs));

        Assert.Equal(4, result.PaperCount);
        Assert.Contains(result.Skipped, s => s.Source.File == inputs[0] && s.Reason.Contains("empty"));
        Assert.Contains(result.Skipped, s => s.Source.File == inputs[1] && s.Reason.Contains("not a text file"));
        Assert.Contains(result.Skipped, s => s.Source == new SourceLocation(inputs[2], 9));
        Assert.Equal(8, result.Skipped.Count(s => s.Source.File == inputs[3]));
    }

    [Fact]
    public async Task A_json_array_file_is_reported_as_not_json_lines()
    {
        var path = Path.Combine(_dir, "papers.json");
        await File.WriteAllTextAsync(path, "[\n  {\"title\": \"A\", \"abstract\": \"B.\"}\n]\n");

        var result = await Build(new BuildOptions([path]));

        var skipped = Assert.Single(result.Skipped);
        Assert.Equal(new SourceLocation(path, 0), skipped.Source);
        Assert.Contains("a JSON array, not JSON Lines", skipped.Reason);
    }

    [Fact]
    public async Task Strict_build_stops_at_the_first_bad_record_naming_file_and_line()
    {
        var file = CorpusTestFiles.CorpusFixture("bad.jsonl");

        var ex = await Assert.ThrowsAsync<CorpusException>(() => Build(new BuildOptions([file], Strict: true)));

        Assert.Equal(new SourceLocation(file, 1), ex.Location);
        Assert.Contains("field \"title\" is missing", ex.Message);
    }

    [Fact]
    public async Task Strict_build_stops_at_a_duplicate()
    {
        var ex = await Assert.ThrowsAsync<CorpusException>(() =>
            Build(new BuildOptions([CorpusTestFiles.CorpusFixture("duplicates.txt")], Strict: true)));

        Assert.Equal(9, ex.Location.Line);
        Assert.Contains("duplicate paper", ex.Reason);
    }

    [Fact]
    public async Task Missing_input_is_an_error_naming_it()
    {
        var missing = Path.Combine(_dir, "nope.txt");

        var ex = await Assert.ThrowsAsync<CorpusException>(() => Build(new BuildOptions([missing])));

        Assert.Equal(missing, ex.Location.File);
        Assert.Contains("no such file", ex.Reason);
    }

    [Fact]
    public async Task Forced_format_overrides_detection()
    {
        var result = await Build(new BuildOptions([CorpusTestFiles.CorpusFixture("papers.jsonl")], Format: "seed"));

        Assert.Equal(0, result.PaperCount);
        Assert.Equal("seed", Assert.Single(result.Files).Format);
        Assert.NotEmpty(result.Skipped);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task A_failing_extraction_skips_that_paper_only(int parallelism)
    {
        var result = await Build(new BuildOptions([CorpusTestFiles.SeedFile], Parallelism: parallelism), FailsOnTheDeepSeekV3Report);

        Assert.Equal(32, result.PaperCount);
        var skipped = Assert.Single(result.Skipped);
        Assert.Equal(7, skipped.Source.Line);
        Assert.Contains("extraction failed: InvalidOperationException: boom", skipped.Reason);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task A_failing_extraction_stops_a_strict_build_naming_the_record(int parallelism)
    {
        var ex = await Assert.ThrowsAsync<CorpusException>(() =>
            Build(new BuildOptions([CorpusTestFiles.SeedFile], Strict: true, Parallelism: parallelism), FailsOnTheDeepSeekV3Report));

        Assert.Equal(7, ex.Location.Line);
        Assert.Contains("extraction failed: InvalidOperationException: boom", ex.Reason);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Progress_reports_every_paper_and_all_bytes_at_the_end(int parallelism)
    {
        var reports = new List<BuildProgress>();
        var progress = new SyncProgress(reports.Add);

        await GraphPipeline.BuildAsync(new BuildOptions([CorpusTestFiles.SeedFile], Parallelism: parallelism), TokenExtract, progress,
            CancellationToken.None);

        var last = reports[^1];
        Assert.Equal(33, last.PapersRead);
        Assert.Equal(new FileInfo(CorpusTestFiles.SeedFile).Length, last.TotalBytes);
        Assert.Equal(last.TotalBytes, last.BytesRead);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Cancellation_stops_the_build(int parallelism)
    {
        using var cts = new CancellationTokenSource();
        PaperExtraction Cancel(Paper p)
        {
            cts.Cancel();
            return TokenExtract(p);
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            GraphPipeline.BuildAsync(new BuildOptions([CorpusTestFiles.SeedFile], Parallelism: parallelism), Cancel, null, cts.Token));
    }

    private sealed class SyncProgress(Action<BuildProgress> report) : IProgress<BuildProgress>
    {
        public void Report(BuildProgress value) => report(value);
    }
}
