using System.Globalization;
using System.Text.Json;

namespace PaperGraph.Neo4j;

/// <summary>Decodes typed JSON values (<c>{"$type": "Integer", "_value": "42"}</c>) into plain .NET values.</summary>
public static class Neo4jTypedJson
{
    /// <summary>
    /// Integer to <see cref="long"/>, Float to <see cref="double"/>, String, Boolean, Null, List to a list, Map to a
    /// dictionary, Node/Relationship to a dictionary of element id, labels or type, and properties, Path to a list;
    /// temporal, spatial and binary values keep their string form.
    /// </summary>
    /// <exception cref="Neo4jProtocolException">The element is not a typed value.</exception>
    public static object? ToPlain(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("$type", out var typeElement) || !value.TryGetProperty("_value", out var inner))
        {
            throw new Neo4jProtocolException("PaperGraph.Protocol", $"Expected a typed JSON value {{\"$type\", \"_value\"}}, got {value.ValueKind}.");
        }

        var type = typeElement.GetString();
        return type switch
        {
            "Null" => null,
            "Boolean" => inner.ValueKind == JsonValueKind.String ? bool.Parse(inner.GetString()!) : inner.GetBoolean(),
            "Integer" => inner.ValueKind == JsonValueKind.String ? long.Parse(inner.GetString()!, CultureInfo.InvariantCulture) : inner.GetInt64(),
            "Float" => inner.ValueKind == JsonValueKind.String ? ParseFloat(inner.GetString()!) : inner.GetDouble(),
            "String" => inner.GetString(),
            "List" or "Path" => inner.EnumerateArray().Select(ToPlain).ToList(),
            "Map" => inner.EnumerateObject().ToDictionary(p => p.Name, p => ToPlain(p.Value), StringComparer.Ordinal),
            "Node" => new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["elementId"] = inner.GetProperty("_element_id").GetString(),
                ["labels"] = inner.GetProperty("_labels").EnumerateArray().Select(l => l.GetString()).ToList(),
                ["properties"] = Properties(inner),
            },
            "Relationship" => new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["elementId"] = inner.GetProperty("_element_id").GetString(),
                ["startNodeElementId"] = inner.GetProperty("_start_node_element_id").GetString(),
                ["endNodeElementId"] = inner.GetProperty("_end_node_element_id").GetString(),
                ["type"] = inner.GetProperty("_type").GetString(),
                ["properties"] = Properties(inner),
            },
            _ => inner.ValueKind == JsonValueKind.String ? inner.GetString() : inner.GetRawText(),
        };
    }

    private static Dictionary<string, object?> Properties(JsonElement entity) =>
        entity.TryGetProperty("_properties", out var props)
            ? props.EnumerateObject().ToDictionary(p => p.Name, p => ToPlain(p.Value), StringComparer.Ordinal)
            : [];

    private static double ParseFloat(string text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
