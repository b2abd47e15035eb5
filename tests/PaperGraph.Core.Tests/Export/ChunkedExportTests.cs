using System.Text;

namespace PaperGraph.Core.Tests;

public sealed class ChunkedExportTests
{
    // Tiny chunks on four workers: a few hundred chunks even for a small graph, cut inside every statement.
    private static readonly ExportChunking Tiny = new(4, 7, 1);
    private static readonly ExportChunking TinyButSequential = new(1, 7, 1);

    private static readonly Lazy<KnowledgeGraph> Synthetic = new(() => SyntheticGraph(400));

    private static KnowledgeGraph SyntheticGraph(int papers)
    {
        var extractor = Extractor.CreateDefault();
        var builder = new GraphBuilder();
        var i = 0;
        foreach (var p in new CorpusSynthesizer(new SynthesisOptions(papers, 7)).Papers())
        {
            builder.Add(extractor.Extract(new Paper(p.Id, p.Title, p.Abstract, p.Year, null, [], new SourceLocation("synth", ++i))));
        }

        return builder.Graph;
    }

    /// <summary>The nasty fixture plus a hub edge: 40 pieces of evidence from 13 papers, repeated out of order.</summary>
    private static KnowledgeGraph NastyWithHub()
    {
        var graph = ExportFixtures.Nasty();
        ExportFixtures.AddNastyEvidence(graph);
        var technique = KnowledgeGraph.EntityId(NodeLabel.Technique, "GRPO");
        var sentence = graph.Sentences.Add("A hub sentence.");
        for (var i = 0; i < 40; i++)
        {
            graph.AddRelationship(RelType.Uses, "paper:nasty-1", technique, null,
                new Evidence($"paper:hub-{i * 7 % 13}", sentence, i, i + 1, "hub", 0.5));
        }

        return graph;
    }

    private static async Task<byte[]> JsonAsync(KnowledgeGraph graph, ExportChunking chunking)
    {
        using var stream = new MemoryStream();
        await GraphJsonWriter.WriteCompactAsync(graph, stream, chunking, CancellationToken.None);
        return stream.ToArray();
    }

    private static async Task<byte[]> CypherAsync(KnowledgeGraph graph, ExportChunking chunking)
    {
        using var stream = new MemoryStream();
        await CypherScriptWriter.WriteAsync(graph, stream, chunking, CancellationToken.None);
        return stream.ToArray();
    }

    [Fact]
    public async Task Parallel_graph_json_has_the_bytes_of_the_sequential_path_on_a_graph_of_many_chunks()
    {
        var graph = Synthetic.Value;
        Assert.True(graph.NodeCount + graph.EdgeCount > 100 * Tiny.RowsPerChunk);
        var sequential = await JsonAsync(graph, ExportChunking.Sequential);
        Assert.Equal(sequential, await JsonAsync(graph, Tiny));
        Assert.Equal(sequential, await JsonAsync(graph, TinyButSequential));
        Assert.Equal(sequential, await JsonAsync(graph, ExportChunking.Default));
    }

    [Fact]
    public async Task Parallel_graph_json_equals_the_Utf8JsonWriter_reference()
    {
        foreach (var graph in new[] { Synthetic.Value, NastyWithHub() })
        {
            using var reference = new MemoryStream();
            await GraphJsonWriter.WriteWithJsonWriterAsync(graph, reference, indented: false, CancellationToken.None);
            Assert.Equal(Encoding.UTF8.GetString(reference.ToArray()), Encoding.UTF8.GetString(await JsonAsync(graph, Tiny)));
        }
    }

    [Fact]
    public async Task Parallel_graph_cypher_has_the_bytes_of_the_sequential_path_on_a_graph_of_many_batches()
    {
        var graph = Synthetic.Value;
        Assert.True(graph.EdgeCount > 10 * CypherScriptWriter.RowsPerStatement);
        var sequential = await CypherAsync(graph, ExportChunking.Sequential);
        Assert.Equal(sequential, await CypherAsync(graph, Tiny));
        Assert.Equal(sequential, await CypherAsync(graph, new ExportChunking(3, 1024, 2)));
        Assert.Equal(sequential, await CypherAsync(graph, ExportChunking.Default));
    }

    [Fact]
    public async Task Parallel_graph_cypher_is_the_header_then_the_statements_built_from_row_maps()
    {
        foreach (var graph in new[] { Synthetic.Value, NastyWithHub() })
        {
            var script = Encoding.UTF8.GetString(await CypherAsync(graph, Tiny));
            var expected = string.Concat(CypherScriptWriter.Statements(graph).Select(s => $"\n// {s.Name}\n{s.Text};\n"));
            Assert.Equal(expected, script[script.IndexOf("\n// constraint:", StringComparison.Ordinal)..]);
        }
    }

    [Fact]
    public async Task Batches_split_over_chunks_keep_their_numbering()
    {
        var script = Encoding.UTF8.GetString(await CypherAsync(Synthetic.Value, Tiny));
        var batches = script.Split('\n').Where(l => l.StartsWith("// rels:USES:Model->Technique batch ", StringComparison.Ordinal)).ToList();
        Assert.True(batches.Count > 2);
        for (var i = 0; i < batches.Count; i++)
        {
            Assert.StartsWith($"// rels:USES:Model->Technique batch {i + 1}/{batches.Count} (", batches[i], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Chunks_are_written_in_order_even_when_later_ones_finish_first()
    {
        using var stream = new MemoryStream();
        await ChunkedExport.WriteAsync(stream, 64, () => new object(), (_, o, chunk) =>
        {
            // Earlier chunks of each group of eight take longer.
            Thread.Sleep(8 - (chunk % 8));
            o.WriteInt(chunk);
            o.Write((byte)' ');
        }, 4, CancellationToken.None);
        Assert.Equal(string.Join("", Enumerable.Range(0, 64).Select(i => $"{i} ")), Encoding.ASCII.GetString(stream.ToArray()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task An_error_in_a_chunk_surfaces_as_that_exception_and_nothing_after_it_is_written(int parallelism)
    {
        using var stream = new MemoryStream();
        var rendered = 0;
        var write = ChunkedExport.WriteAsync(stream, 200, () => new object(), (_, o, chunk) =>
        {
            Interlocked.Increment(ref rendered);
            if (chunk == 37)
            {
                throw new InvalidOperationException("chunk 37 failed");
            }

            o.WriteInt(chunk);
            o.Write((byte)' ');
        }, parallelism, CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => write.WaitAsync(TimeSpan.FromMinutes(2)));
        Assert.Equal("chunk 37 failed", error.Message);
        // Workers hand chunks over as they finish; the sequential path's buffer had not been flushed yet.
        var before = string.Join("", Enumerable.Range(0, 37).Select(i => $"{i} "));
        Assert.Equal(parallelism > 1 ? before : "", Encoding.ASCII.GetString(stream.ToArray()));
        Assert.InRange(rendered, 38, 38 + (2 * parallelism));
    }

    [Fact]
    public async Task A_stream_error_surfaces_from_the_writers()
    {
        var graph = Synthetic.Value;
        await using var json = new FailingStream(failAtWrite: 3);
        await Assert.ThrowsAsync<IOException>(() => GraphJsonWriter.WriteCompactAsync(graph, json, Tiny, CancellationToken.None)
            .WaitAsync(TimeSpan.FromMinutes(2)));
        await using var cypher = new FailingStream(failAtWrite: 3);
        await Assert.ThrowsAsync<IOException>(() => CypherScriptWriter.WriteAsync(graph, cypher, Tiny, CancellationToken.None)
            .WaitAsync(TimeSpan.FromMinutes(2)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Cancellation_stops_both_writers_with_a_prefix_of_the_output_written(int parallelism)
    {
        var graph = Synthetic.Value;
        var chunking = Tiny with { Parallelism = parallelism };
        var fullJson = await JsonAsync(graph, chunking);
        var fullCypher = await CypherAsync(graph, chunking);

        using var jsonCancel = new CancellationTokenSource();
        await using var json = new CancellingStream(jsonCancel, cancelAtWrite: 1);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => GraphJsonWriter.WriteCompactAsync(graph, json, chunking, jsonCancel.Token)
            .WaitAsync(TimeSpan.FromMinutes(2)));
        Assert.InRange(json.Length, 1, fullJson.Length - 1);
        Assert.Equal(fullJson.AsSpan(0, (int)json.Length).ToArray(), json.ToArray());

        using var cypherCancel = new CancellationTokenSource();
        await using var cypher = new CancellingStream(cypherCancel, cancelAtWrite: 1);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CypherScriptWriter.WriteAsync(graph, cypher, chunking, cypherCancel.Token)
            .WaitAsync(TimeSpan.FromMinutes(2)));
        Assert.InRange(cypher.Length, 1, fullCypher.Length - 1);
        Assert.Equal(fullCypher.AsSpan(0, (int)cypher.Length).ToArray(), cypher.ToArray());
    }

    [Fact]
    public async Task An_already_cancelled_export_writes_nothing()
    {
        using var stream = new MemoryStream();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            CypherScriptWriter.WriteAsync(Synthetic.Value, stream, Tiny, new CancellationToken(canceled: true)));
        Assert.Equal(0, stream.Length);
    }

    /// <summary>Cancels its token during the n-th write (which still lands).</summary>
    private sealed class CancellingStream(CancellationTokenSource source, int cancelAtWrite) : MemoryStream
    {
        private int _writes;

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await base.WriteAsync(buffer, CancellationToken.None);
            if (++_writes == cancelAtWrite)
            {
                await source.CancelAsync();
            }
        }
    }

    /// <summary>Throws an <see cref="IOException"/> (a full disk) at the n-th write.</summary>
    private sealed class FailingStream(int failAtWrite) : MemoryStream
    {
        private int _writes;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            ++_writes == failAtWrite ? throw new IOException("disk full") : base.WriteAsync(buffer, cancellationToken);
    }
}
