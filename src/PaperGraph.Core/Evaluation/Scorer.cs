using System.Globalization;

namespace PaperGraph.Core;

/// <summary>Counts and precision/recall/F1 of one row of an evaluation.</summary>
/// <param name="TruePositives">Gold items found.</param>
/// <param name="FalsePositives">Extracted items that match no gold item (optional gold items excluded).</param>
/// <param name="FalseNegatives">Required gold items not found.</param>
public sealed record Score(int TruePositives, int FalsePositives, int FalseNegatives)
{
    /// <summary>TP / (TP + FP); 1 when nothing was extracted.</summary>
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    /// <summary>TP / (TP + FN); 1 when there is nothing to find.</summary>
    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);

    /// <summary>Harmonic mean of precision and recall.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>Sum of two scores.</summary>
    public static Score operator +(Score a, Score b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new Score(a.TruePositives + b.TruePositives, a.FalsePositives + b.FalsePositives, a.FalseNegatives + b.FalseNegatives);
    }

    /// <summary>Named alternative to the + operator.</summary>
    public static Score Add(Score left, Score right) => left + right;

    /// <summary>No counts.</summary>
    public static Score Zero { get; } = new(0, 0, 0);
}

/// <summary>One row of the report: an entity label or a relation category, scored lenient and strict.</summary>
/// <param name="Name">Models, Techniques, ..., lineage, results, ...</param>
/// <param name="Lenient">Role or kind ignored.</param>
/// <param name="Strict">Role or kind (and a result's setting) must match.</param>
public sealed record ScoreRow(string Name, Score Lenient, Score Strict);

/// <summary>One miss or extra, for <c>--verbose</c>.</summary>
/// <param name="Paper">Paper title.</param>
/// <param name="Row">Row name.</param>
/// <param name="Kind">miss, extra, or wrong-role (strict only).</param>
/// <param name="Item">What was missed or extra.</param>
public sealed record EvaluationFinding(string Paper, string Row, string Kind, string Item);

/// <summary>The result of scoring a graph against a gold file.</summary>
/// <param name="Rows">Per entity label, then per relation category.</param>
/// <param name="Entities">Micro-average over all entity labels.</param>
/// <param name="Relations">Micro-average over all relation categories.</param>
/// <param name="Findings">Every miss, extra and wrong role.</param>
/// <param name="PapersMatched">Gold papers found in the graph by title.</param>
/// <param name="PapersInGold">Gold papers.</param>
public sealed record EvaluationReport(
    IReadOnlyList<ScoreRow> Rows, ScoreRow Entities, ScoreRow Relations, IReadOnlyList<EvaluationFinding> Findings, int PapersMatched, int PapersInGold)
{
    /// <summary>The row with this name.</summary>
    public ScoreRow this[string name] => Rows.First(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// Scores a knowledge graph against gold papers with the spec's matching rule: names, aliases and titles compare by
/// <see cref="NameKey.Of"/>. An entity of a paper is found when the graph has an edge from that paper to a node of that
/// label whose name or alias matches; extras are entities linked from the paper that match no gold item. A relation of
/// a paper is found when an edge of its type, carrying evidence from that paper, joins matching endpoints. Results match
/// on model, benchmark, value (within 0.01) and unit; strict also needs the setting when the gold gives one (the
/// extracted setting or metric must share a word of three or more letters, or a number, with it). Lineage strict also needs the kind;
/// entity strict needs the role (introduced = INTRODUCES, studied = STUDIES, evaluated = EVALUATED_ON,
/// used = USES, mentioned = MENTIONS). Optional gold items count neither way, and so does an extracted relation that
/// touches an entity the gold marks optional for that paper.
/// </summary>
public static class Scorer
{
    private static readonly (NodeLabel Label, string Row)[] EntityRows =
        [(NodeLabel.Model, "Models"), (NodeLabel.Technique, "Techniques"), (NodeLabel.Benchmark, "Benchmarks"), (NodeLabel.Organization, "Organizations")];

    private static readonly (string Category, RelType Type)[] RelationRows =
        [("lineage", RelType.DerivedFrom), ("successors", RelType.Succeeds), ("results", RelType.Achieves), ("uses", RelType.Uses), ("variants", RelType.VariantOf)];

    /// <summary>Scores <paramref name="graph"/> against <paramref name="gold"/>, with every miss and extra listed.</summary>
    public static EvaluationReport Evaluate(KnowledgeGraph graph, IReadOnlyList<GoldPaper> gold) => Evaluate(graph, gold, collectFindings: true);

    /// <summary>
    /// Scores <paramref name="graph"/> against gold papers read one at a time (<paramref name="gold"/> is enumerated
    /// once). Without <paramref name="collectFindings"/> the report's findings are empty: a million-paper corpus has
    /// millions of misses and extras, and only <c>--verbose</c> prints them.
    /// </summary>
    public static EvaluationReport Evaluate(KnowledgeGraph graph, IEnumerable<GoldPaper> gold, bool collectFindings)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(gold);
        var papersByKey = new Dictionary<string, GraphNode>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes.Where(n => n.Label == NodeLabel.Paper))
        {
            papersByKey.TryAdd(NameKey.Of(node.Name), node);
        }

        // Each paper's relations, found once: a scan of every edge per paper made scoring quadratic in corpus size.
        var edgesByPaper = new Dictionary<(string Paper, RelType Type), List<GraphEdge>>();
        foreach (var edge in graph.Edges)
        {
            foreach (var ev in edge.Evidence)
            {
                if (!edgesByPaper.TryGetValue((ev.Paper, edge.Type), out var list))
                {
                    edgesByPaper[(ev.Paper, edge.Type)] = list = [];
                }

                if (list.Count == 0 || !ReferenceEquals(list[^1], edge))
                {
                    list.Add(edge);
                }
            }
        }

        // Null when not asked for: a million papers have millions of misses and extras, not worth formatting.
        var findings = collectFindings ? new List<EvaluationFinding>() : null;
        var lenient = new Dictionary<string, Score>(StringComparer.Ordinal);
        var strict = new Dictionary<string, Score>(StringComparer.Ordinal);
        foreach (var (_, row) in EntityRows)
        {
            lenient[row] = strict[row] = Score.Zero;
        }

        foreach (var (row, _) in RelationRows)
        {
            lenient[row] = strict[row] = Score.Zero;
        }

        var matched = 0;
        var papersInGold = 0;
        foreach (var paper in gold)
        {
            papersInGold++;
            papersByKey.TryGetValue(NameKey.Of(paper.Title), out var node);
            if (node is not null)
            {
                matched++;
            }
            else
            {
                findings?.Add(new EvaluationFinding(paper.Title, "Papers", "miss", "paper not in the graph"));
            }

            foreach (var (label, row) in EntityRows)
            {
                var (l, s) = ScoreEntities(graph, node, paper, label, row, findings);
                lenient[row] += l;
                strict[row] += s;
            }

            foreach (var (row, type) in RelationRows)
            {
                var (l, s) = ScoreRelations(graph, node, paper, row, type, edgesByPaper, findings);
                lenient[row] += l;
                strict[row] += s;
            }
        }

        var rows = new List<ScoreRow>();
        foreach (var (_, row) in EntityRows)
        {
            rows.Add(new ScoreRow(row, lenient[row], strict[row]));
        }

        foreach (var (row, _) in RelationRows)
        {
            rows.Add(new ScoreRow(row, lenient[row], strict[row]));
        }

        var entities = new ScoreRow("Entities (all)", Sum(rows.Take(EntityRows.Length), r => r.Lenient), Sum(rows.Take(EntityRows.Length), r => r.Strict));
        var relations = new ScoreRow("Relations (all)", Sum(rows.Skip(EntityRows.Length), r => r.Lenient), Sum(rows.Skip(EntityRows.Length), r => r.Strict));
        return new EvaluationReport(rows, entities, relations, findings ?? [], matched, papersInGold);
    }

    private static Score Sum(IEnumerable<ScoreRow> rows, Func<ScoreRow, Score> pick) => rows.Aggregate(Score.Zero, (a, r) => a + pick(r));

    private static bool Matches(GraphNode node, string name)
    {
        var key = NameKey.Of(name);
        return NameKey.Of(node.Name) == key || node.Aliases.Any(a => NameKey.Of(a) == key);
    }

    private static string? RoleOf(RelType type) => type switch
    {
        RelType.Introduces => "introduced",
        RelType.Studies => "studied",
        RelType.EvaluatedOn => "evaluated",
        RelType.Uses => "used",
        RelType.Mentions => "mentioned",
        _ => null,
    };

    private static (Score Lenient, Score Strict) ScoreEntities(KnowledgeGraph graph, GraphNode? paper, GoldPaper gold, NodeLabel label, string row, List<EvaluationFinding>? findings)
    {
        // Extracted entities of this paper with every role edge the paper has to them.
        var extracted = new Dictionary<string, (GraphNode Node, HashSet<string> Roles)>(StringComparer.Ordinal);
        if (paper is not null)
        {
            foreach (var edge in graph.OutEdges(paper.Id))
            {
                var target = graph.GetNode(edge.Target);
                if (target.Label != label)
                {
                    continue;
                }

                if (!extracted.TryGetValue(target.Id, out var entry))
                {
                    extracted[target.Id] = entry = (target, new HashSet<string>(StringComparer.Ordinal));
                }

                if (RoleOf(edge.Type) is { } role)
                {
                    entry.Roles.Add(role);
                }
            }
        }

        int tp = 0, fn = 0, stp = 0, sfp = 0, sfn = 0;
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var g in gold.Entities.Where(e => e.Label == label))
        {
            var hit = extracted.Values.FirstOrDefault(x => Matches(x.Node, g.Name));
            if (hit.Node is not null)
            {
                used.Add(hit.Node.Id);
            }

            if (g.Optional)
            {
                continue;
            }

            if (hit.Node is null)
            {
                fn++;
                sfn++;
                findings?.Add(new EvaluationFinding(gold.Title, row, "miss", g.Role is null ? g.Name : $"{g.Name} ({g.Role})"));
                continue;
            }

            tp++;
            if (g.Role is null || hit.Roles.Contains(g.Role))
            {
                stp++;
            }
            else
            {
                sfp++;
                sfn++;
                findings?.Add(new EvaluationFinding(gold.Title, row, "wrong-role", $"{g.Name}: gold {g.Role}, graph {string.Join("/", hit.Roles.Order(StringComparer.Ordinal))}"));
            }
        }

        var fp = 0;
        foreach (var x in extracted.Values.Where(x => !used.Contains(x.Node.Id)))
        {
            fp++;
            findings?.Add(new EvaluationFinding(gold.Title, row, "extra", $"{x.Node.Name} ({string.Join("/", x.Roles.Order(StringComparer.Ordinal))})"));
        }

        return (new Score(tp, fp, fn), new Score(stp, sfp + fp, sfn));
    }

    private static (Score Lenient, Score Strict) ScoreRelations(KnowledgeGraph graph, GraphNode? paper, GoldPaper gold, string row, RelType type,
        Dictionary<(string Paper, RelType Type), List<GraphEdge>> edgesByPaper, List<EvaluationFinding>? findings)
    {
        var edges = paper is null || !edgesByPaper.TryGetValue((paper.Id, type), out var ofPaper)
            ? []
            : ofPaper.Where(e => type != RelType.Uses || graph.GetNode(e.Source).Label == NodeLabel.Model).ToList();
        var items = gold.Relations.Where(r => r.Category == row).ToList();

        // A relation that touches an optional entity is optional: an extracted one counts neither way.
        var optional = gold.Entities.Where(e => e.Optional).Select(e => e.Name).ToList();
        var required = gold.Entities.Where(e => !e.Optional).Select(e => e.Name).ToList();
        bool TouchesOptional(string id)
        {
            var node = graph.GetNode(id);
            return optional.Exists(n => Matches(node, n)) && !required.Exists(n => Matches(node, n));
        }

        edges = edges.Where(e => !TouchesOptional(e.Source) && !TouchesOptional(e.Target)
                                 || items.Exists(g => EdgeMatches(graph, e, g, strict: false))).ToList();
        var lenientFindings = findings is null ? null : new List<EvaluationFinding>();
        var strictFindings = findings is null ? null : new List<EvaluationFinding>();
        var l = Match(graph, edges, items, strict: false, gold.Title, row, lenientFindings);
        var s = Match(graph, edges, items, strict: true, gold.Title, row, strictFindings);
        if (findings is not null)
        {
            findings.AddRange(lenientFindings!);
            foreach (var f in strictFindings!.Where(f => !lenientFindings!.Exists(x => x.Item == f.Item)))
            {
                findings.Add(f with { Kind = "strict-" + f.Kind });
            }
        }

        return (l, s);
    }

    private static Score Match(KnowledgeGraph graph, List<GraphEdge> edges, List<GoldRelation> items, bool strict, string title, string row, List<EvaluationFinding>? findings)
    {
        var usedEdges = new HashSet<GraphEdge>();
        int tp = 0, fn = 0;
        // Required items first so an edge is not spent on an optional item.
        foreach (var g in items.OrderBy(i => i.Optional))
        {
            var hit = edges.FirstOrDefault(e => !usedEdges.Contains(e) && EdgeMatches(graph, e, g, strict));
            if (hit is not null)
            {
                usedEdges.Add(hit);
                if (!g.Optional)
                {
                    tp++;
                }

                continue;
            }

            // Lenient: a second edge on the same pair (another kind or setting) is not an extra.
            if (!g.Optional)
            {
                fn++;
                findings?.Add(new EvaluationFinding(title, row, "miss", Describe(g)));
            }
        }

        var fp = 0;
        foreach (var e in edges.Where(e => !usedEdges.Contains(e)))
        {
            if (!strict && items.Exists(g => EdgeMatches(graph, e, g, strict: false)))
            {
                continue;
            }

            fp++;
            findings?.Add(new EvaluationFinding(title, row, "extra", Describe(graph, e)));
        }

        return new Score(tp, fp, fn);
    }

    private static bool EdgeMatches(KnowledgeGraph graph, GraphEdge e, GoldRelation g, bool strict)
    {
        if (!Matches(graph.GetNode(e.Source), g.From) || !Matches(graph.GetNode(e.Target), g.To))
        {
            return false;
        }

        switch (g.Category)
        {
            case "lineage":
                return !strict || g.Kind is null || string.Equals(e.Properties.GetValueOrDefault("kind") as string, g.Kind, StringComparison.OrdinalIgnoreCase);
            case "results":
                var value = Convert.ToDouble(e.Properties.GetValueOrDefault("value") ?? double.NaN, CultureInfo.InvariantCulture);
                if (g.Value is not { } gv || Math.Abs(value - gv) > 0.01)
                {
                    return false;
                }

                var unit = e.Properties.GetValueOrDefault("unit") as string;
                if (g.Unit is not null && unit is not null && !string.Equals(unit, g.Unit, StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }

                // Gold settings mix conditions and metric ("MiniF2F-test, pass ratio"), so both extracted fields are compared.
                var described = $"{e.Properties.GetValueOrDefault("setting")} {e.Properties.GetValueOrDefault("metric")}";
                return !strict || g.Setting is null || SharesWord(described, g.Setting);
            default:
                return true;
        }
    }

    private static bool SharesWord(string? a, string b)
    {
        if (a is null)
        {
            return false;
        }

        static HashSet<string> Words(string s) => s.ToLowerInvariant()
            .Split([' ', ',', '-', '(', ')', ';', '/'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length >= 3 || w.All(char.IsDigit))
            .Select(w => w.TrimEnd('s'))
            .ToHashSet(StringComparer.Ordinal);
        return Words(a).Overlaps(Words(b));
    }

    private static string Describe(GoldRelation g) => g.Category switch
    {
        "results" => $"{g.From} -> {g.To} = {g.Value?.ToString(CultureInfo.InvariantCulture)} {g.Unit}{(g.Setting is null ? "" : $" [{g.Setting}]")}",
        "lineage" => $"{g.From} -> {g.To} ({g.Kind})",
        _ => $"{g.From} -> {g.To}",
    };

    private static string Describe(KnowledgeGraph graph, GraphEdge e)
    {
        var props = string.Join(", ", e.Properties.Select(kv => $"{kv.Key}={Convert.ToString(kv.Value, CultureInfo.InvariantCulture)}"));
        return $"{graph.GetNode(e.Source).Name} -> {graph.GetNode(e.Target).Name}{(props.Length > 0 ? $" ({props})" : "")} [{e.Evidence[0].Rule}]";
    }
}
