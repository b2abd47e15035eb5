using System.Text;

namespace PaperGraph.Core;

/// <summary>One named Cypher statement, for the loader, the script and the linter.</summary>
/// <param name="Name">What it does, such as <c>nodes:Model</c> or <c>rels:USES:Paper->Technique</c>.</param>
/// <param name="Text">The statement (no trailing semicolon).</param>
public sealed record CypherStatement(string Name, string Text);

/// <summary>
/// The statements that put a <see cref="KnowledgeGraph"/> into Neo4j, shared by the HTTP loader and graph.cypher.
/// Labels and relationship types are spliced only from the closed <see cref="Schema"/> vocabulary; every value
/// arrives as the <c>$rows</c> parameter (or, in a script, as the literal list that replaces it).
/// </summary>
/// <remarks>
/// Stored shape. Nodes: <c>id</c> (unique per label), <c>name</c>, <c>aliases</c> (list, union of every load),
/// <c>aliasText</c> (the aliases joined, for the full-text index, which indexes strings only) and the node's own
/// properties. Relationships: <c>id</c> (our stable edge id; MERGE key), their properties, <c>papers</c> (distinct
/// paper ids), <c>evidence</c> (one compact JSON object per piece: paper, sentence, start, end, rule, confidence)
/// and the parallel <c>evidenceKeys</c> (<c>paper|start|end|rule</c>) that keep evidence free of duplicates
/// however often the graph is loaded.
/// </remarks>
public static class CypherStatements
{
    /// <summary>Name of the full-text index over names and aliases of every label.</summary>
    public const string FullTextIndexName = "entity_names";

    /// <summary>The parameter every batch statement reads.</summary>
    public const string RowsParameter = "rows";

    /// <summary>Separator of aliases in <c>aliasText</c>.</summary>
    public const string AliasTextSeparator = " | ";

    /// <summary>Property keys the statements own; node or edge properties with these names are not copied.</summary>
    public static IReadOnlyList<string> ReservedKeys { get; } = ["id", "name", "aliases", "aliasText", "papers", "evidence", "evidenceKeys"];

    /// <summary>Every property key the statements write themselves (for the linter's schema).</summary>
    public static IReadOnlyList<string> OwnPropertyKeys => ReservedKeys;

    /// <summary>The name of the unique-id constraint of a label, such as <c>model_id</c>.</summary>
    public static string ConstraintName(NodeLabel label) => Schema.LabelName(label).ToLowerInvariant() + "_id";

    /// <summary>Unique <c>id</c> constraint per label (which also gives the id lookup index).</summary>
    public static IReadOnlyList<CypherStatement> Constraints() =>
        Schema.Labels.Select(l => new CypherStatement(
            "constraint:" + Schema.LabelName(l),
            $"CREATE CONSTRAINT {ConstraintName(l)} IF NOT EXISTS FOR (n:{Schema.LabelName(l)}) REQUIRE n.id IS UNIQUE")).ToList();

    /// <summary>
    /// Indexes: the full-text index over <c>name</c> and <c>aliasText</c> of every label, a range index on the
    /// <c>id</c> of every relationship type (relationship uniqueness constraints are Enterprise-only), and name
    /// indexes on models, techniques and benchmarks.
    /// </summary>
    public static IReadOnlyList<CypherStatement> Indexes()
    {
        var list = new List<CypherStatement>
        {
            new("index:fulltext",
                $"CREATE FULLTEXT INDEX {FullTextIndexName} IF NOT EXISTS FOR (n:{string.Join('|', Schema.Labels.Select(Schema.LabelName))}) ON EACH [n.name, n.aliasText]"),
        };
        foreach (var type in Schema.Types)
        {
            var name = Schema.TypeName(type);
            list.Add(new CypherStatement("index:" + name,
                $"CREATE INDEX {name.ToLowerInvariant()}_id IF NOT EXISTS FOR ()-[r:{name}]-() ON (r.id)"));
        }

        foreach (var label in (NodeLabel[])[NodeLabel.Model, NodeLabel.Technique, NodeLabel.Benchmark])
        {
            // Exact name lookups (the service resolves a name before it traverses).
            var name = Schema.LabelName(label);
            list.Add(new CypherStatement("index:" + name + ".name",
                $"CREATE INDEX {name.ToLowerInvariant()}_name IF NOT EXISTS FOR (n:{name}) ON (n.name)"));
        }

        return list;
    }

    /// <summary>Constraints then indexes: everything that must exist before data is merged.</summary>
    public static IReadOnlyList<CypherStatement> SchemaStatements() => [.. Constraints(), .. Indexes()];

    /// <summary>
    /// Merges a batch of nodes of one label from <c>$rows</c> (<see cref="CypherRows.Node"/>); aliases are unioned
    /// with what the node already has. Returns the number of rows merged.
    /// </summary>
    public static CypherStatement MergeNodes(NodeLabel label) => new(
        "nodes:" + Schema.LabelName(label),
        MergeNodesBody(label, "$" + RowsParameter));

    /// <summary>The node MERGE with another list expression in place of <c>$rows</c> (a script inlines literals).</summary>
    public static string MergeNodesBody(NodeLabel label, string rowsExpression) =>
        new StringBuilder()
            .Append("UNWIND ").Append(rowsExpression).Append(" AS row\n")
            .Append("MERGE (n:").Append(Schema.LabelName(label)).Append(" {id: row.id})\n")
            .Append("SET n += row.props, n.name = row.name\n")
            .Append("WITH n, row, coalesce(n.aliases, []) AS known\n")
            .Append("SET n.aliases = known + [a IN row.aliases WHERE NOT a IN known]\n")
            .Append("WITH n\n")
            .Append("SET n.aliasText = reduce(text = '', a IN n.aliases | text + CASE WHEN text = '' THEN '' ELSE '")
            .Append(AliasTextSeparator).Append("' END + a)\n")
            .Append("RETURN count(n) AS merged")
            .ToString();

    /// <summary>
    /// Merges a batch of relationships of one type between one pair of labels from <c>$rows</c>
    /// (<see cref="CypherRows.Relationship"/>), keyed by our edge id; evidence and papers are unioned without
    /// duplicates. Returns the number of rows merged: fewer than sent means an endpoint node is missing.
    /// </summary>
    public static CypherStatement MergeRelationships(RelType type, NodeLabel start, NodeLabel end) => new(
        $"rels:{Schema.TypeName(type)}:{Schema.LabelName(start)}->{Schema.LabelName(end)}",
        MergeRelationshipsBody(type, start, end, "$" + RowsParameter));

    /// <summary>The relationship MERGE with another list expression in place of <c>$rows</c>.</summary>
    public static string MergeRelationshipsBody(RelType type, NodeLabel start, NodeLabel end, string rowsExpression)
    {
        var (starts, ends) = Schema.Endpoints(type);
        if (!starts.Contains(start) || !ends.Contains(end))
        {
            throw new ArgumentException($"{Schema.TypeName(type)} cannot go from {start} to {end}.", nameof(type));
        }

        return new StringBuilder()
            .Append("UNWIND ").Append(rowsExpression).Append(" AS row\n")
            .Append("MATCH (a:").Append(Schema.LabelName(start)).Append(" {id: row.start})\n")
            .Append("MATCH (b:").Append(Schema.LabelName(end)).Append(" {id: row.end})\n")
            .Append("MERGE (a)-[r:").Append(Schema.TypeName(type)).Append(" {id: row.id}]->(b)\n")
            .Append("SET r += row.props\n")
            .Append("WITH r, row, coalesce(r.evidenceKeys, []) AS known, coalesce(r.papers, []) AS knownPapers\n")
            .Append("WITH r, row, known, knownPapers, [e IN row.evidence WHERE NOT e.key IN known] AS fresh\n")
            .Append("SET r.evidenceKeys = known + [e IN fresh | e.key],\n")
            .Append("    r.evidence = coalesce(r.evidence, []) + [e IN fresh | e.json],\n")
            .Append("    r.papers = knownPapers + [p IN row.papers WHERE NOT p IN knownPapers]\n")
            .Append("RETURN count(r) AS merged")
            .ToString();
    }

    /// <summary>Every data statement for every label and every allowed (type, start, end), in schema order.</summary>
    public static IReadOnlyList<CypherStatement> AllMergeStatements()
    {
        var list = Schema.Labels.Select(MergeNodes).ToList();
        foreach (var type in Schema.Types)
        {
            var (starts, ends) = Schema.Endpoints(type);
            foreach (var s in starts)
            {
                foreach (var e in ends)
                {
                    list.Add(MergeRelationships(type, s, e));
                }
            }
        }

        return list;
    }
}
