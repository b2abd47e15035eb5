using System.Text.Json;
using PaperGraph.Core;

namespace PaperGraph.Neo4j;

/// <summary>Reads the plain JSON values of Query API rows into the query DTOs.</summary>
internal static class ResultReader
{
    /// <summary>The value of a named column in a row.</summary>
    public static JsonElement Field(QueryResult result, JsonElement[] row, string name)
    {
        for (var i = 0; i < result.Fields.Count; i++)
        {
            if (result.Fields[i] == name)
            {
                return row[i];
            }
        }

        throw new InvalidDataException($"Neo4j answer has no column '{name}' (columns: {string.Join(", ", result.Fields)}).");
    }

    public static string? Str(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => e.GetRawText(),
    };

    public static string Str(JsonElement obj, string property) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(property, out var v) ? Str(v) ?? "" : "";

    public static int Int(JsonElement e) => e.ValueKind == JsonValueKind.Number ? e.GetInt32()
        : int.TryParse(Str(e), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var i) ? i : 0;

    public static JsonElement Prop(JsonElement obj, string property) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(property, out var v) ? v : default;

    public static IEnumerable<JsonElement> Items(JsonElement e) =>
        e.ValueKind == JsonValueKind.Array ? e.EnumerateArray() : [];

    public static NodeRef Node(JsonElement obj) => new(Str(obj, "id"), Str(obj, "label"), Str(obj, "name"));

    /// <summary>A relationship's own properties: without the keys the loader owns (id, papers, evidence...).</summary>
    public static SortedDictionary<string, object?> Properties(JsonElement props)
    {
        var result = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        if (props.ValueKind != JsonValueKind.Object)
        {
            return result;
        }

        foreach (var p in props.EnumerateObject())
        {
            if (!CypherStatements.ReservedKeys.Contains(p.Name))
            {
                result[p.Name] = Value(p.Value);
            }
        }

        return result;
    }

    /// <summary>
    /// Evidence as the loader stores it: <c>evidence</c>, a list of compact JSON strings {paper, sentence, start, end,
    /// rule, confidence}; optionally only one paper's.
    /// </summary>
    public static List<EvidenceItem> Evidence(JsonElement props, string? onlyPaper = null)
    {
        var list = new List<EvidenceItem>();
        foreach (var item in Items(Prop(props, "evidence")))
        {
            using var doc = item.ValueKind == JsonValueKind.String ? JsonDocument.Parse(item.GetString()!) : null;
            var e = doc?.RootElement ?? item;
            var paper = Str(e, "paper");
            if (onlyPaper is not null && paper != onlyPaper)
            {
                continue;
            }

            var confidence = Prop(e, "confidence");
            list.Add(new EvidenceItem(
                paper,
                Str(e, "sentence"),
                Int(Prop(e, "start")),
                Int(Prop(e, "end")),
                Str(e, "rule"),
                confidence.ValueKind == JsonValueKind.Number ? confidence.GetDouble() : 0));
        }

        return list;
    }

    /// <summary>An edge from a map {id, type, source, target, properties} (source/target ids or node maps).</summary>
    public static EdgeInfo Edge(JsonElement obj)
    {
        var props = Prop(obj, "properties");
        var source = Prop(obj, "source");
        var target = Prop(obj, "target");
        return new EdgeInfo(
            Str(obj, "id").Length > 0 ? Str(obj, "id") : Str(props, "id"),
            Str(obj, "type"),
            source.ValueKind == JsonValueKind.Object ? Str(source, "id") : Str(source) ?? "",
            target.ValueKind == JsonValueKind.Object ? Str(target, "id") : Str(target) ?? "",
            Properties(props),
            Evidence(props));
    }

    public static object? Value(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetInt64(out var l) ? l : e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => e.EnumerateArray().Select(Value).ToList(),
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => Value(p.Value), StringComparer.Ordinal),
        _ => null,
    };

    public static double? Double(object? value) => value switch
    {
        double d => d,
        long l => l,
        string s when double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };
}
