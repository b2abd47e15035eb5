using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PaperGraph.Core;

/// <summary>
/// Generates a synthetic corpus of realistic abstracts with the facts planted in each, for benchmarks and for a
/// large-scale correctness check (<c>papergraph eval --gold truth.jsonl corpus.jsonl</c>). Model families, versions,
/// techniques and benchmarks are invented from syllables and word pools, so the extractor cannot know them from a
/// vocabulary. Each paper is a pure function of (seed, size, index): generation streams and any paper can be
/// regenerated alone.
/// </summary>
public sealed class CorpusSynthesizer
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private readonly AbstractComposer _composer;

    /// <summary>Creates a generator.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than one paper requested.</exception>
    public CorpusSynthesizer(SynthesisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Papers, 1);
        Options = options;
        _composer = new AbstractComposer(SynthLexicon.Default, options.Seed, options.Papers);
    }

    /// <summary>What this generator writes.</summary>
    public SynthesisOptions Options { get; }

    /// <summary>Paper number <paramref name="index"/> (0-based) of the corpus.</summary>
    public SyntheticPaper Generate(long index) => _composer.Compose(index);

    /// <summary>Every paper in order, generated lazily.</summary>
    public IEnumerable<SyntheticPaper> Papers()
    {
        for (long i = 0; i < Options.Papers; i++)
        {
            yield return _composer.Compose(i);
        }
    }

    /// <summary>
    /// Writes the corpus as JSON Lines (<c>{"id","title","abstract","year"}</c>) and, when <paramref name="truth"/> is
    /// given, the planted facts in the gold-file format of the spec, one line per paper in the same order.
    /// Streams: memory does not grow with the number of papers.
    /// </summary>
    public async Task WriteAsync(Stream corpus, Stream? truth, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var corpusBuffer = new ArrayBufferWriter<byte>(1 << 16);
        var truthBuffer = new ArrayBufferWriter<byte>(1 << 16);
        await using var corpusJson = new Utf8JsonWriter(corpusBuffer, WriterOptions);
        await using var truthJson = new Utf8JsonWriter(truthBuffer, WriterOptions);
        const int batch = 256;
        for (long i = 0; i < Options.Papers; i++)
        {
            var paper = _composer.Compose(i);
            WriteCorpusLine(corpusJson, paper);
            corpusJson.Reset();
            corpusBuffer.Write("\n"u8);
            if (truth is not null)
            {
                WriteTruthLine(truthJson, paper);
                truthJson.Reset();
                truthBuffer.Write("\n"u8);
            }

            if ((i + 1) % batch == 0 || i + 1 == Options.Papers)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await corpus.WriteAsync(corpusBuffer.WrittenMemory, cancellationToken);
                corpusBuffer.ResetWrittenCount();
                if (truth is not null)
                {
                    await truth.WriteAsync(truthBuffer.WrittenMemory, cancellationToken);
                    truthBuffer.ResetWrittenCount();
                }

                progress?.Report(i + 1);
            }
        }

        await corpus.FlushAsync(cancellationToken);
        if (truth is not null)
        {
            await truth.FlushAsync(cancellationToken);
        }
    }

    /// <summary>Writes one paper's corpus record (no newline).</summary>
    public static void WriteCorpusLine(Utf8JsonWriter writer, SyntheticPaper paper)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(paper);
        writer.WriteStartObject();
        writer.WriteString("id", paper.Id);
        writer.WriteString("title", paper.Title);
        writer.WriteString("abstract", paper.Abstract);
        writer.WriteNumber("year", paper.Year);
        writer.WriteEndObject();
        writer.Flush();
    }

    /// <summary>Writes one paper's planted facts as a gold-file line (no newline).</summary>
    public static void WriteTruthLine(Utf8JsonWriter writer, SyntheticPaper paper)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(paper);
        var f = paper.Facts;
        writer.WriteStartObject();
        writer.WriteString("title", paper.Title);
        WriteEntities(writer, "models", f.Models);
        WriteEntities(writer, "techniques", f.Techniques);
        WriteEntities(writer, "benchmarks", f.Benchmarks);
        WriteEntities(writer, "organizations", f.Organizations);
        writer.WriteStartArray("lineage");
        foreach (var l in f.Lineage)
        {
            writer.WriteStartObject();
            writer.WriteString("model", l.Model);
            writer.WriteString("parent", l.Parent);
            writer.WriteString("kind", l.Kind);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("successors");
        foreach (var s in f.Successors)
        {
            writer.WriteStartObject();
            writer.WriteString("model", s.Model);
            writer.WriteString("predecessor", s.Predecessor);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("results");
        foreach (var r in f.Results)
        {
            writer.WriteStartObject();
            writer.WriteString("model", r.Model);
            writer.WriteString("benchmark", r.Benchmark);
            writer.WriteNumber("value", r.Value);
            writer.WriteString("unit", r.Unit);
            if (r.Setting is not null)
            {
                writer.WriteString("setting", r.Setting);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("uses");
        foreach (var u in f.Uses)
        {
            writer.WriteStartObject();
            writer.WriteString("model", u.Model);
            writer.WriteString("technique", u.Technique);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("variants");
        foreach (var v in f.Variants)
        {
            writer.WriteStartObject();
            writer.WriteString("technique", v.Technique);
            writer.WriteString("parent", v.Parent);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
    }

    private static void WriteEntities(Utf8JsonWriter writer, string name, IReadOnlyList<PlantedEntity> entities)
    {
        writer.WriteStartArray(name);
        foreach (var e in entities)
        {
            writer.WriteStartObject();
            writer.WriteString("name", e.Name);
            if (e.Role is not null)
            {
                writer.WriteString("role", e.Role);
            }

            if (e.Optional)
            {
                writer.WriteBoolean("optional", true);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
