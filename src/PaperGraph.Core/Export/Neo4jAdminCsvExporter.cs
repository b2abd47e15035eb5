using System.Collections;
using System.Globalization;
using System.Text;

namespace PaperGraph.Core;

/// <summary>What a neo4j-admin export wrote.</summary>
/// <param name="NodeFiles">nodes_&lt;Label&gt;.csv paths, schema order.</param>
/// <param name="RelationshipFiles">rels_&lt;TYPE&gt;.csv paths, schema order.</param>
/// <param name="ImportCommand">The exact <c>neo4j-admin database import full</c> command for these files.</param>
public sealed record Neo4jAdminExport(IReadOnlyList<string> NodeFiles, IReadOnlyList<string> RelationshipFiles, string ImportCommand);

/// <summary>
/// Writes the graph as CSV files in the header format of <c>neo4j-admin database import full</c>: one
/// <c>nodes_&lt;Label&gt;.csv</c> per label (<c>id:ID</c>, <c>:LABEL</c>, typed properties, <c>aliases:string[]</c>)
/// and one <c>rels_&lt;TYPE&gt;.csv</c> per type (<c>:START_ID</c>, <c>:END_ID</c>, <c>:TYPE</c>, <c>id</c>, ...).
/// The stored shape is the loader's (see <see cref="CypherStatements"/>), so queries work on either.
/// </summary>
public static class Neo4jAdminCsvExporter
{
    /// <summary>The default array delimiter of neo4j-admin.</summary>
    public const char DefaultArrayDelimiter = ';';

    /// <summary>Name of the file holding the import command, written next to the CSVs.</summary>
    public const string CommandFileName = "neo4j-admin-import.sh";

    /// <summary>
    /// Writes every CSV into <paramref name="directory"/> (created if missing). Labels and types without data still
    /// get a file with only the header, so the import command is the same for every graph.
    /// </summary>
    /// <exception cref="InvalidDataException">A list element contains the array delimiter (names the node or edge).</exception>
    public static async Task<Neo4jAdminExport> ExportAsync(KnowledgeGraph graph, string directory, CancellationToken cancellationToken,
        char arrayDelimiter = DefaultArrayDelimiter)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (arrayDelimiter is ',' or '"' or '\n' or '\r' or '{' or '}' or '[' or ']' or ':' or '\\' or '-' or '.' || char.IsLetterOrDigit(arrayDelimiter))
        {
            throw new ArgumentException($"'{arrayDelimiter}' cannot be the array delimiter: it is part of CSV, JSON or number syntax.", nameof(arrayDelimiter));
        }

        Directory.CreateDirectory(directory);
        var nodeFiles = new List<string>();
        var relFiles = new List<string>();
        foreach (var label in Schema.Labels)
        {
            var path = Path.Combine(directory, $"nodes_{Schema.LabelName(label)}.csv");
            var rows = graph.Nodes.Where(n => n.Label == label).OrderBy(n => n.Id, StringComparer.Ordinal)
                .Select(n => (Owner: n.ToString(), Row: NodeRow(n))).ToList();
            await WriteTableAsync(path, ["id:ID", ":LABEL", "name", "aliases:string[]", "aliasText"], rows, arrayDelimiter, cancellationToken).ConfigureAwait(false);
            nodeFiles.Add(path);
        }

        foreach (var type in Schema.Types)
        {
            var path = Path.Combine(directory, $"rels_{Schema.TypeName(type)}.csv");
            var rows = graph.Edges.Where(e => e.Type == type).OrderBy(e => e.Id, StringComparer.Ordinal)
                .Select(e => (Owner: e.ToString(), Row: RelationshipRow(graph, e))).ToList();
            await WriteTableAsync(path, [":START_ID", ":END_ID", ":TYPE", "id", "papers:string[]", "evidence:string[]", "evidenceKeys:string[]"],
                rows, arrayDelimiter, cancellationToken).ConfigureAwait(false);
            relFiles.Add(path);
        }

        var command = ImportCommand(nodeFiles.Select(Path.GetFileName)!, relFiles.Select(Path.GetFileName)!, arrayDelimiter);
        await File.WriteAllTextAsync(Path.Combine(directory, CommandFileName),
            "#!/bin/sh\n# Run from the directory holding these CSV files, with Neo4j stopped; then run cypher/schema.cypher.\n" + command + "\n",
            new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        return new Neo4jAdminExport(nodeFiles, relFiles, command);
    }

    /// <summary>The import command for the given file names (relative to the current directory).</summary>
    public static string ImportCommand(IEnumerable<string> nodeFiles, IEnumerable<string> relationshipFiles, char arrayDelimiter = DefaultArrayDelimiter)
    {
        var sb = new StringBuilder("neo4j-admin database import full neo4j --overwrite-destination=true --multiline-fields=true");
        sb.Append(" --array-delimiter=\"").Append(arrayDelimiter).Append('"');
        foreach (var f in nodeFiles)
        {
            sb.Append(" \\\n  --nodes=").Append(f);
        }

        foreach (var f in relationshipFiles)
        {
            sb.Append(" \\\n  --relationships=").Append(f);
        }

        return sb.ToString();
    }

    private static SortedDictionary<string, object?> NodeRow(GraphNode node)
    {
        var row = new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["id:ID"] = node.Id,
            [":LABEL"] = Schema.LabelName(node.Label),
            ["name"] = node.Name,
            ["aliases:string[]"] = node.Aliases.ToList(),
            ["aliasText"] = string.Join(CypherStatements.AliasTextSeparator, node.Aliases),
        };
        AddProps(row, node.Properties);
        return row;
    }

    private static SortedDictionary<string, object?> RelationshipRow(KnowledgeGraph graph, GraphEdge edge)
    {
        var row = new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            [":START_ID"] = edge.Source,
            [":END_ID"] = edge.Target,
            [":TYPE"] = Schema.TypeName(edge.Type),
            ["id"] = edge.Id,
            ["papers:string[]"] = edge.Evidence.Select(e => e.Paper).Distinct().ToList(),
            ["evidence:string[]"] = edge.Evidence.Select(e => CypherRows.EvidenceJson(graph, e)).ToList(),
            ["evidenceKeys:string[]"] = edge.Evidence.Select(CypherRows.EvidenceKey).ToList(),
        };
        AddProps(row, edge.Properties);
        return row;
    }

    private static void AddProps(SortedDictionary<string, object?> row, IEnumerable<KeyValuePair<string, object?>> properties)
    {
        foreach (var (key, value) in properties)
        {
            if (CypherStatements.ReservedKeys.Contains(key) || key.Contains(':', StringComparison.Ordinal))
            {
                continue;
            }

            var normalized = CypherValues.NormalizeProperty(value);
            if (normalized is not null and not IDictionary)
            {
                row["\u0000" + key] = normalized;
            }
        }
    }

    private static async Task WriteTableAsync(string path, IReadOnlyList<string> fixedColumns,
        List<(string Owner, SortedDictionary<string, object?> Row)> rows, char arrayDelimiter, CancellationToken cancellationToken)
    {
        // Property columns: every key any row has, typed by the values seen (long, double, boolean, string, arrays).
        var propertyColumns = rows.SelectMany(r => r.Row.Where(kv => kv.Key[0] == '\u0000'))
            .GroupBy(kv => kv.Key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Key: g.Key, Header: g.Key[1..] + TypeSuffix(g.Select(kv => kv.Value))))
            .ToList();
        var header = fixedColumns.Concat(propertyColumns.Select(c => c.Header)).ToList();
        var keys = fixedColumns.Concat(propertyColumns.Select(c => c.Key)).ToList();
        var arrayColumns = header.Select(h => h.EndsWith("[]", StringComparison.Ordinal)).ToList();

        var sb = new StringBuilder();
        sb.AppendJoin(',', header.Select(h => h.Any(c => c is ',' or '"' or '\n' or '\r') ? Quote(h) : h)).Append('\n');
        foreach (var (owner, row) in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var i = 0; i < keys.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append(',');
                }

                row.TryGetValue(keys[i], out var value);
                sb.Append(Quote(Cell(value, arrayColumns[i], arrayDelimiter, owner, header[i])));
            }

            sb.Append('\n');
        }

        await File.WriteAllTextAsync(path, sb.ToString(), new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
    }

    private static string TypeSuffix(IEnumerable<object?> values)
    {
        var list = values.ToList();
        if (list.All(v => v is IList))
        {
            var items = list.SelectMany(v => ((IList)v!).Cast<object?>()).ToList();
            return ":" + ScalarType(items) + "[]";
        }

        if (list.Any(v => v is IList))
        {
            return "";
        }

        var type = ScalarType(list);
        return type == "string" ? "" : ":" + type;
    }

    private static string ScalarType(List<object?> values) =>
        values.Count > 0 && values.All(v => v is long) ? "long"
        : values.Count > 0 && values.All(v => v is long or double) ? "double"
        : values.Count > 0 && values.All(v => v is bool) ? "boolean"
        : "string";

    private static string Cell(object? value, bool isArray, char arrayDelimiter, string owner, string column)
    {
        switch (value)
        {
            case null:
                return "";
            case IList list when isArray:
                var parts = new List<string>(list.Count);
                foreach (var item in list)
                {
                    var text = Scalar(item);
                    if (text.Contains(arrayDelimiter, StringComparison.Ordinal))
                    {
                        if (column.StartsWith("evidence:", StringComparison.Ordinal))
                        {
                            // JSON may spell any character in a string as \uXXXX, so the text stays the same JSON.
                            text = text.Replace(arrayDelimiter.ToString(), $"\\u{(int)arrayDelimiter:x4}", StringComparison.Ordinal);
                        }
                        else
                        {
                            throw new InvalidDataException(
                                $"{owner}: {column} value \"{text}\" contains the array delimiter '{arrayDelimiter}'; export with another --array-delimiter.");
                        }
                    }

                    parts.Add(text);
                }

                return string.Join(arrayDelimiter, parts);
            case IList list:
                return CypherValues.ToJson(list);
            default:
                return Scalar(value);
        }
    }

    private static string Scalar(object? value) => value switch
    {
        null => "",
        double d => CypherValues.FormatDouble(d),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Quote(string field)
    {
        // Quote every non-empty field: neo4j-admin treats an unquoted empty field as a missing value, and quoting
        // always is simplest to get right for commas, quotes and newlines.
        return field.Length == 0 ? "" : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
