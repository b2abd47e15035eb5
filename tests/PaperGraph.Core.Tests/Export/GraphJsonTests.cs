using System.Text;
using System.Text.Json;

namespace PaperGraph.Core.Tests;

public sealed class GraphJsonTests
{
    private const string Title = "DeepSeek LLM: Scaling Open-Source Language Models with Longtermism";
    private const string Abstract = "We introduce DeepSeek LLM 67B, built by DeepSeek. DeepSeek LLM 67B surpasses LLaMA-2 70B and achieves 51.7% on MATH.";

    private static Dictionary<string, object?> Props(params (string Key, object? Value)[] items) =>
        items.ToDictionary(i => i.Key, i => i.Value);

    /// <summary>A small graph built by hand through <see cref="GraphBuilder"/>: every part of the format appears.</summary>
    internal static KnowledgeGraph HandBuiltGraph()
    {
        var paper = new Paper("arxiv:2401.02954", Title, Abstract, 2024, "http://arxiv.org/abs/2401.02954v1",
            ["DeepSeek-AI", "Xiao Bi"], new SourceLocation("papers.jsonl", 1));
        var text = paper.Text;
        int At(string s) => text.IndexOf(s, StringComparison.Ordinal);
        var s1 = (At("We introduce"), At(" DeepSeek LLM 67B surpasses"));
        var s2 = (At("DeepSeek LLM 67B surpasses"), text.Length);
        var model = new EntityRef(NodeLabel.Model, "DeepSeek LLM 67B");
        var llama = new EntityRef(NodeLabel.Model, "LLaMA-2 70B");
        var math = new EntityRef(NodeLabel.Benchmark, "MATH");
        var org = new EntityRef(NodeLabel.Organization, "DeepSeek");
        var paperRef = new EntityRef(NodeLabel.Paper, paper.Id);
        ExtractedRelation Rel(RelType type, EntityRef from, EntityRef to, (int, int) sentence, string cue, string rule, double confidence,
            Dictionary<string, object?>? props = null) =>
            new(type, from, to, props ?? [], sentence.Item1, sentence.Item2, At(cue), At(cue) + cue.Length, rule, confidence);

        var extraction = new PaperExtraction(paper,
        [
            new ExtractedEntity(NodeLabel.Model, "DeepSeek LLM 67B", ["DeepSeek LLM 67B", "DeepSeek-LLM 67B"], Props(("parameters", "67B"))),
            new ExtractedEntity(NodeLabel.Model, "LLaMA-2 70B", ["LLaMA-2 70B"], Props(("parameters", "70B"))),
            new ExtractedEntity(NodeLabel.Benchmark, "MATH", ["MATH"], Props()),
            new ExtractedEntity(NodeLabel.Organization, "DeepSeek", ["DeepSeek"], Props()),
        ],
        [
            Rel(RelType.Introduces, paperRef, model, s1, "We introduce DeepSeek LLM 67B", "introduce.we", 0.9),
            Rel(RelType.DevelopedBy, model, org, s1, "built by DeepSeek", "developed.by", 0.8),
            Rel(RelType.ComparedWith, model, llama, s2, "surpasses LLaMA-2 70B", "compare.surpass", 0.85, Props(("outcome", "outperforms"))),
            Rel(RelType.Achieves, model, math, s2, "achieves 51.7% on MATH", "score.on", 0.7,
                Props(("value", 51.7), ("unit", "%"), ("metric", "accuracy"))),
            Rel(RelType.EvaluatedOn, paperRef, math, s2, "on MATH", "evaluated.on", 0.6),
        ], []);
        var builder = new GraphBuilder();
        builder.Add(extraction);
        Assert.Empty(builder.Rejected);
        return builder.Graph;
    }

    private static async Task<byte[]> Write(KnowledgeGraph graph, bool indented = false)
    {
        using var stream = new MemoryStream();
        await GraphJsonWriter.WriteAsync(graph, stream, indented, CancellationToken.None);
        return stream.ToArray();
    }

    private static Task<KnowledgeGraph> Read(string json) => Read(Encoding.UTF8.GetBytes(json));

    private static async Task<KnowledgeGraph> Read(byte[] bytes, int chunk = int.MaxValue, int bufferSize = 1 << 16)
    {
        using var stream = new TrickleStream(bytes, chunk);
        return await GraphJsonReader.ReadAsync(stream, "graph.json", bufferSize, CancellationToken.None);
    }

    [Fact]
    public async Task Compact_writer_gives_the_bytes_of_a_Utf8JsonWriter_even_for_nasty_text()
    {
        // The compact file is written byte by byte for speed; it must equal what the JSON writer gives.
        var graph = ExportFixtures.Nasty();
        ExportFixtures.AddNastyEvidence(graph);
        using var reference = new MemoryStream();
        await GraphJsonWriter.WriteWithJsonWriterAsync(graph, reference, indented: false, CancellationToken.None);
        Assert.Equal(Encoding.UTF8.GetString(reference.ToArray()), Encoding.UTF8.GetString(await Write(graph)));
    }

    [Fact]
    public async Task Writer_writes_exactly_the_documented_shape()
    {
        using var doc = JsonDocument.Parse(await Write(HandBuiltGraph()));
        var root = doc.RootElement;

        Assert.Equal(["formatVersion", "nodes", "relationships"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, root.GetProperty("formatVersion").GetInt32());
        var node = root.GetProperty("nodes")[0];
        Assert.Equal(["id", "label", "name", "aliases", "properties"], node.EnumerateObject().Select(p => p.Name));
        var rel = root.GetProperty("relationships")[0];
        Assert.Equal(["id", "type", "start", "end", "properties", "evidence"], rel.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["paper", "sentence", "start", "end", "rule", "confidence"],
            rel.GetProperty("evidence")[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Nodes_and_relationships_are_sorted_by_id()
    {
        using var doc = JsonDocument.Parse(await Write(HandBuiltGraph()));

        var nodeIds = doc.RootElement.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()!).ToList();
        var relIds = doc.RootElement.GetProperty("relationships").EnumerateArray().Select(n => n.GetProperty("id").GetString()!).ToList();
        Assert.Equal(nodeIds.Order(StringComparer.Ordinal), nodeIds);
        Assert.Equal(relIds.Order(StringComparer.Ordinal), relIds);
        Assert.Equal(["arxiv:2401.02954", "benchmark:math", "model:deepseek-llm-67b", "model:llama-2-70b", "organization:deepseek"], nodeIds);
        Assert.Equal(5, relIds.Count);
    }

    [Fact]
    public async Task Paper_node_is_named_by_its_title_and_edges_carry_evidence_sentences()
    {
        using var doc = JsonDocument.Parse(await Write(HandBuiltGraph()));
        var root = doc.RootElement;

        var paper = root.GetProperty("nodes")[0];
        Assert.Equal("Paper", paper.GetProperty("label").GetString());
        Assert.Equal(Title, paper.GetProperty("name").GetString());
        Assert.Equal(2024, paper.GetProperty("properties").GetProperty("year").GetInt32());
        var achieves = root.GetProperty("relationships").EnumerateArray().Single(r => r.GetProperty("type").GetString() == "ACHIEVES");
        Assert.Equal("model:deepseek-llm-67b", achieves.GetProperty("start").GetString());
        Assert.Equal("benchmark:math", achieves.GetProperty("end").GetString());
        Assert.Equal("51.7", achieves.GetProperty("properties").GetProperty("value").GetRawText());
        var evidence = achieves.GetProperty("evidence")[0];
        Assert.Equal("arxiv:2401.02954", evidence.GetProperty("paper").GetString());
        Assert.Equal("DeepSeek LLM 67B surpasses LLaMA-2 70B and achieves 51.7% on MATH.", evidence.GetProperty("sentence").GetString());
        var start = evidence.GetProperty("start").GetInt32();
        var end = evidence.GetProperty("end").GetInt32();
        Assert.Equal("achieves 51.7% on MATH", (Title + "\n" + Abstract)[start..end]);
        Assert.Equal("0.7", evidence.GetProperty("confidence").GetRawText());
    }

    [Fact]
    public async Task Writing_the_same_graph_twice_gives_the_same_bytes()
    {
        var first = await Write(HandBuiltGraph());
        var second = await Write(HandBuiltGraph());

        Assert.Equal(first, second);
        Assert.Equal((byte)'\n', first[^1]);
        Assert.Contains("<", Encoding.UTF8.GetString(await Write(GraphWithTitle("Let's <think> about LLM Reasoning — naïve"))));
    }

    [Fact]
    public async Task Reading_a_written_graph_and_writing_it_again_gives_the_same_bytes()
    {
        var bytes = await Write(HandBuiltGraph());

        var graph = await Read(bytes);

        Assert.Equal(bytes, await Write(graph));
        Assert.Equal(5, graph.NodeCount);
        Assert.Equal(5, graph.EdgeCount);
        Assert.Single(graph.FindByName("DeepSeek-LLM 67B", NodeLabel.Model));
        Assert.Single(graph.OutEdges("model:deepseek-llm-67b"), e => e.Type == RelType.Achieves);
    }

    [Fact]
    public async Task Reader_handles_data_arriving_a_few_bytes_at_a_time()
    {
        var bytes = await Write(HandBuiltGraph(), indented: true);

        var graph = await Read(bytes, chunk: 7);

        Assert.Equal(await Write(HandBuiltGraph()), await Write(graph));
    }

    [Fact]
    public async Task Reader_handles_a_graph_larger_than_its_buffer()
    {
        var result = await GraphPipeline.BuildAsync(new BuildOptions([CorpusTestFiles.SeedFile]), GraphPipelineTests.TokenExtract, null, CancellationToken.None);
        var bytes = await Write(result.Graph);
        Assert.True(bytes.Length > 4 * 1024);

        var graph = await Read(bytes, chunk: 1000, bufferSize: 256);

        Assert.Equal(bytes, await Write(graph));
    }

    [Fact]
    public async Task Seed_graph_json_is_byte_identical_whatever_the_parallelism()
    {
        var one = await GraphPipeline.BuildAsync(new BuildOptions([CorpusTestFiles.SeedFile], Parallelism: 1), GraphPipelineTests.TokenExtract, null, CancellationToken.None);
        var many = await GraphPipeline.BuildAsync(new BuildOptions([CorpusTestFiles.SeedFile], Parallelism: 3), GraphPipelineTests.TokenExtract, null, CancellationToken.None);

        Assert.Equal(await Write(one.Graph), await Write(many.Graph));
    }

    [Fact]
    public async Task Seed_graph_from_the_real_extractor_survives_a_write_read_write_round_trip()
    {
        var result = await GraphPipeline.BuildAsync(new BuildOptions([CorpusTestFiles.SeedFile], Parallelism: 2), null, CancellationToken.None);
        var bytes = await Write(result.Graph);

        var graph = await Read(bytes, chunk: 3000, bufferSize: 1024);

        Assert.Equal(bytes, await Write(graph));
        Assert.Equal(result.Graph.NodeCount, graph.NodeCount);
        Assert.Equal(result.Graph.EdgeCount, graph.EdgeCount);
        Assert.Equal(33, graph.CountByLabel()[NodeLabel.Paper]);
    }

    [Theory]
    [InlineData("", "unexpected end of file")]
    [InlineData("[]", "expected the graph object")]
    [InlineData("{\"formatVersion\":2,\"nodes\":[],\"relationships\":[]}", "unsupported formatVersion 2")]
    [InlineData("{\"nodes\":[],\"relationships\":[]}", "missing \"formatVersion\"")]
    [InlineData("{\"formatVersion\":1,\"nodes\":[]}", "missing \"relationships\" array")]
    [InlineData("{\"formatVersion\":1,\"nodes\":[{\"id\":\"model:x\",\"label\":\"Gadget\",\"name\":\"X\"}],\"relationships\":[]}", "node #1 'model:x': unknown label 'Gadget'")]
    [InlineData("{\"formatVersion\":1,\"nodes\":[{\"id\":\"model:x\",\"label\":\"Model\"}],\"relationships\":[]}", "node #1 'model:x': missing \"name\"")]
    [InlineData("{\"formatVersion\":1,\"nodes\":[{\"id\":\"model:x\",\"label\":\"Model\",\"name\":\"X\"},{\"id\":\"model:x\",\"label\":\"Model\",\"name\":\"X\"}],\"relationships\":[]}", "node #2 'model:x': node id 'model:x' appears twice")]
    [InlineData("{\"formatVersion\":1,\"nodes\":[{\"id\":\"model:x\",\"label\":\"Model\",\"name\":\"X\"}],\"relationships\":[{\"id\":\"rel:1\",\"type\":\"SUCCEEDS\",\"start\":\"model:x\",\"end\":\"model:y\"}]}", "relationship #1 'rel:1': end node 'model:y' is not among the nodes")]
    [InlineData("{\"formatVersion\":1,\"nodes\":[{\"id\":\"model:x\",\"label\":\"Model\",\"name\":\"X\"}],\"relationships\":[{\"id\":\"rel:1\",\"type\":\"LIKES\",\"start\":\"model:x\",\"end\":\"model:x\"}]}", "unknown type 'LIKES'")]
    [InlineData("{\"formatVersion\":1,\"nodes\":[{\"id\":\"model:x\",\"label\":\"Model\",\"name\":\"X\"}],\"relationships\":[{\"id\":\"rel:1\",\"type\":\"SUCCEEDS\",\"start\":\"model:x\",\"end\":\"model:x\",\"evidence\":[{\"paper\":\"p\",\"sentence\":\"s\",\"start\":\"0\",\"end\":1,\"rule\":\"r\",\"confidence\":1}]}]}", "evidence #1: \"start\" must be an integer")]
    [InlineData("{\"formatVersion\":1,\"nodes\":[{\"id\":\"model:x\",\"label\":\"Model\",\"name\":\"X\"}", "unexpected end of file (truncated?)")]
    [InlineData("{\"formatVersion\":1,\"nodes\":[{\"id\":\"model:x\",,}],\"relationships\":[]}", "invalid JSON")]
    [InlineData("{\"formatVersion\":1,\"nodes\":[],\"relationships\":[]} trailing", "unexpected content after the graph object")]
    public async Task Reader_rejects_a_malformed_file_with_a_clear_error(string json, string expected)
    {
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => Read(json));

        Assert.StartsWith("graph.json: ", ex.Message);
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public async Task Reader_skips_unknown_root_members()
    {
        var graph = await Read("{\"formatVersion\":1,\"generator\":{\"name\":\"x\",\"v\":[1,2]},\"nodes\":[{\"id\":\"model:x\",\"label\":\"Model\",\"name\":\"X\",\"aliases\":[\"X\",\"x-1\"],\"properties\":{\"parameters\":\"7B\",\"n\":3}}],\"relationships\":[]}");

        var node = graph.GetNode("model:x");
        Assert.Equal(["X", "x-1"], node.Aliases);
        Assert.Equal(3, node.Properties["n"]);
        Assert.Single(graph.FindByName("X 1"));
    }

    private static KnowledgeGraph GraphWithTitle(string title)
    {
        var graph = new KnowledgeGraph();
        graph.AddPaper(new Paper("paper:x", title, "An abstract.", null, null, [], new SourceLocation("x", 1)));
        return graph;
    }

    /// <summary>A read-only stream that hands out at most <c>chunk</c> bytes per read.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }
}
