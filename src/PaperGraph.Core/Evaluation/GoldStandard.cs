using System.Runtime.CompilerServices;
using System.Globalization;
using System.Text.Json;

namespace PaperGraph.Core;

/// <summary>A gold entity of one paper: models, techniques and benchmarks carry a role; organisations do not.</summary>
/// <param name="Label">Its label.</param>
/// <param name="Name">The annotated name.</param>
/// <param name="Role">introduced / studied / mentioned / used / evaluated, or null for organisations.</param>
/// <param name="Optional">Counts neither as a miss when absent nor as a false find when present.</param>
public sealed record GoldEntity(NodeLabel Label, string Name, string? Role, bool Optional);

/// <summary>
/// A gold relation. <see cref="Category"/> is lineage, successors, results, uses or variants; <see cref="From"/> is
/// the model (technique for variants), <see cref="To"/> the parent, predecessor, benchmark or technique.
/// </summary>
/// <param name="Category">lineage, successors, results, uses or variants.</param>
/// <param name="From">Start entity name.</param>
/// <param name="To">End entity name.</param>
/// <param name="Kind">Lineage kind, when given.</param>
/// <param name="Value">Result value.</param>
/// <param name="Unit">Result unit.</param>
/// <param name="Setting">Result setting, when given.</param>
/// <param name="Optional">Counts neither way.</param>
public sealed record GoldRelation(string Category, string From, string To, string? Kind, double? Value, string? Unit, string? Setting, bool Optional);

/// <summary>The gold annotation of one paper (one line of a gold JSON Lines file).</summary>
/// <param name="Title">Paper title (papers are matched by the title's matching key).</param>
/// <param name="Line">1-based line in the gold file.</param>
/// <param name="Entities">Gold entities of every label.</param>
/// <param name="Relations">Gold relations of every category.</param>
public sealed record GoldPaper(string Title, int Line, IReadOnlyList<GoldEntity> Entities, IReadOnlyList<GoldRelation> Relations);

/// <summary>A gold file that does not follow the spec's format; names the file and line.</summary>
public sealed class GoldFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GoldFormatException(string file, int line, string reason, Exception? inner = null)
        : base($"{file}:{line}: {reason}", inner)
    {
        File = file;
        Line = line;
        Reason = reason;
    }

    /// <summary>Creates an exception without location (for serialisers).</summary>
    public GoldFormatException()
        : this("?", 0, "invalid gold file")
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    public GoldFormatException(string message)
        : this("?", 0, message)
    {
    }

    /// <summary>Creates an exception with a message and cause.</summary>
    public GoldFormatException(string message, Exception inner)
        : this("?", 0, message, inner)
    {
    }

    /// <summary>The gold file.</summary>
    public string File { get; }

    /// <summary>1-based line.</summary>
    public int Line { get; }

    /// <summary>What is wrong.</summary>
    public string Reason { get; }
}

/// <summary>Reads gold files in the spec's JSON Lines format (spec/graph-schema.md, "Gold file format").</summary>
public static class GoldReader
{
    /// <summary>Reads every paper of a gold file; blank lines are skipped.</summary>
    /// <exception cref="GoldFormatException">A line is not valid JSON or lacks a required field.</exception>
    public static async Task<IReadOnlyList<GoldPaper>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var papers = new List<GoldPaper>();
        await foreach (var paper in StreamAsync(path, cancellationToken))
        {
            papers.Add(paper);
        }

        return papers;
    }

    /// <summary>
    /// Reads a gold file one paper at a time, so a gold file of a million papers is scored without holding it in
    /// memory; blank lines are skipped.
    /// </summary>
    /// <exception cref="GoldFormatException">A line is not valid JSON or lacks a required field.</exception>
    public static async IAsyncEnumerable<GoldPaper> StreamAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path);
        var lineNo = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            yield return Parse(path, lineNo, line);
        }
    }

    /// <summary>Parses one gold line.</summary>
    /// <exception cref="GoldFormatException">The line is not valid JSON or lacks a required field.</exception>
    public static GoldPaper Parse(string file, int lineNo, string line)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            throw new GoldFormatException(file, lineNo, $"invalid JSON at character {ex.BytePositionInLine + 1}: {ex.Message}", ex);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new GoldFormatException(file, lineNo, "expected a JSON object per line");
            }

            var title = Str(root, "title") ?? throw new GoldFormatException(file, lineNo, "missing \"title\"");
            var entities = new List<GoldEntity>();
            var relations = new List<GoldRelation>();
            Entities(root, "models", NodeLabel.Model, entities, file, lineNo);
            Entities(root, "techniques", NodeLabel.Technique, entities, file, lineNo);
            Entities(root, "benchmarks", NodeLabel.Benchmark, entities, file, lineNo);
            Entities(root, "organizations", NodeLabel.Organization, entities, file, lineNo);
            foreach (var (item, optional) in Items(root, "lineage", file, lineNo))
            {
                relations.Add(new GoldRelation("lineage", Req(item, "model", file, lineNo), Req(item, "parent", file, lineNo), Str(item, "kind"), null, null, null, optional));
            }

            foreach (var (item, optional) in Items(root, "successors", file, lineNo))
            {
                relations.Add(new GoldRelation("successors", Req(item, "model", file, lineNo), Req(item, "predecessor", file, lineNo), null, null, null, null, optional));
            }

            foreach (var (item, optional) in Items(root, "results", file, lineNo))
            {
                if (!item.TryGetProperty("value", out var v) || v.ValueKind != JsonValueKind.Number)
                {
                    throw new GoldFormatException(file, lineNo, "a result needs a numeric \"value\"");
                }

                relations.Add(new GoldRelation("results", Req(item, "model", file, lineNo), Req(item, "benchmark", file, lineNo), null, v.GetDouble(), Str(item, "unit"), Str(item, "setting"), optional));
            }

            foreach (var (item, optional) in Items(root, "uses", file, lineNo))
            {
                relations.Add(new GoldRelation("uses", Req(item, "model", file, lineNo), Req(item, "technique", file, lineNo), null, null, null, null, optional));
            }

            foreach (var (item, optional) in Items(root, "variants", file, lineNo))
            {
                relations.Add(new GoldRelation("variants", Req(item, "technique", file, lineNo), Req(item, "parent", file, lineNo), null, null, null, null, optional));
            }

            // Any relation that touches an optional entity is optional too.
            var optionalNames = entities.Where(e => e.Optional).Select(e => NameKey.Of(e.Name)).ToHashSet(StringComparer.Ordinal);
            var required = entities.Where(e => !e.Optional).Select(e => NameKey.Of(e.Name)).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < relations.Count; i++)
            {
                var r = relations[i];
                bool Opt(string n) => optionalNames.Contains(NameKey.Of(n)) && !required.Contains(NameKey.Of(n));
                if (!r.Optional && (Opt(r.From) || Opt(r.To)))
                {
                    relations[i] = r with { Optional = true };
                }
            }

            return new GoldPaper(title, lineNo, entities, relations);
        }
    }

    private static void Entities(JsonElement root, string property, NodeLabel label, List<GoldEntity> into, string file, int line)
    {
        foreach (var (item, optional) in Items(root, property, file, line))
        {
            into.Add(new GoldEntity(label, Req(item, "name", file, line), Str(item, "role"), optional));
        }
    }

    private static IEnumerable<(JsonElement Item, bool Optional)> Items(JsonElement root, string property, string file, int line)
    {
        if (!root.TryGetProperty(property, out var arr) || arr.ValueKind == JsonValueKind.Null)
        {
            yield break;
        }

        if (arr.ValueKind != JsonValueKind.Array)
        {
            throw new GoldFormatException(file, line, $"\"{property}\" must be an array");
        }

        var i = 0;
        foreach (var item in arr.EnumerateArray())
        {
            i++;
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new GoldFormatException(file, line, $"\"{property}\" item {i.ToString(CultureInfo.InvariantCulture)} must be an object");
            }

            yield return (item, item.TryGetProperty("optional", out var o) && o.ValueKind == JsonValueKind.True);
        }
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string Req(JsonElement e, string name, string file, int line) =>
        Str(e, name) ?? throw new GoldFormatException(file, line, $"an item lacks \"{name}\": {e.GetRawText()}");
}
