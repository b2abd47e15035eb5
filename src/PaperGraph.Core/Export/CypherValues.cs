using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PaperGraph.Core;

/// <summary>
/// Turns property values into what Neo4j can store (string, integer, float, boolean, homogeneous lists, maps for
/// parameters) and writes them either as JSON (driver parameters) or as Cypher literals (scripts). Both forms keep
/// the same types: a float that happens to be integral stays a float (<c>60.0</c>), so the loader and the script
/// give the same graph.
/// </summary>
public static class CypherValues
{
    /// <summary>
    /// Normalises a value: integers to <see cref="long"/>, other numbers to <see cref="double"/> (NaN and infinities,
    /// which JSON cannot carry, become null), sequences to lists (mixed element types become strings because
    /// Neo4j lists are homogeneous), maps to ordinal-sorted dictionaries, anything else to its invariant string.
    /// </summary>
    public static object? Normalize(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b,
        char c => c.ToString(),
        sbyte or byte or short or ushort or int or uint or long => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        ulong u => u <= long.MaxValue ? (long)u : (double)u,
        float f => double.IsFinite(f) ? (double)f : null,
        double d => double.IsFinite(d) ? d : null,
        decimal m => (double)m,
        IReadOnlyDictionary<string, object?> map => NormalizeMap(map),
        IDictionary<string, object?> map => NormalizeMap(map),
        IEnumerable seq => NormalizeList(seq),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static SortedDictionary<string, object?> NormalizeMap(IEnumerable<KeyValuePair<string, object?>> map)
    {
        var result = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            var normalized = Normalize(value);
            if (normalized is not null)
            {
                result[key] = normalized;
            }
        }

        return result;
    }

    private static List<object?> NormalizeList(IEnumerable seq)
    {
        var items = new List<object?>();
        foreach (var item in seq)
        {
            var normalized = Normalize(item);
            if (normalized is not null)
            {
                items.Add(normalized);
            }
        }

        if (items.Select(KindOf).Distinct().Count() > 1)
        {
            // Neo4j lists are homogeneous; strings keep the information readable.
            return items.Select(i => (object?)ToPlainString(i)).ToList();
        }

        return items;
    }

    /// <summary>
    /// Normalises a value to be stored as a node or relationship property: like <see cref="Normalize"/>, but maps
    /// and lists of maps or lists (which Neo4j cannot store) become JSON strings.
    /// </summary>
    public static object? NormalizeProperty(object? value) => Normalize(value) switch
    {
        IDictionary map => ToJson(map),
        IList list when list.Cast<object?>().Any(i => i is IList or IDictionary) => list.Cast<object?>().Select(i => (object?)ToPlainString(i)).ToList(),
        var other => other,
    };

    private static int KindOf(object? value) => value switch
    {
        string => 0,
        long => 1,
        double => 2,
        bool => 3,
        IDictionary => 4,
        _ => 5,
    };

    private static string ToPlainString(object? value) => value switch
    {
        double d => FormatDouble(d),
        bool b => b ? "true" : "false",
        IList or IDictionary => ToJson(value),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>Writes a normalised value as JSON (floats always with a decimal point or exponent).</summary>
    public static void WriteJson(Utf8JsonWriter writer, object? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (Normalize(value))
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case double d:
                writer.WriteRawValue(FormatDouble(d));
                break;
            case IDictionary<string, object?> map:
                writer.WriteStartObject();
                foreach (var (key, item) in map)
                {
                    writer.WritePropertyName(key);
                    WriteJson(writer, item);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable seq:
                writer.WriteStartArray();
                foreach (var item in seq)
                {
                    WriteJson(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new InvalidOperationException("Unreachable: Normalize returns only the cases above.");
        }
    }

    /// <summary>A compact JSON text of a value, readable in Neo4j Browser (non-ASCII text is not escaped).</summary>
    public static string ToJson(object? value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteJson(writer, value);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Appends a normalised value as a Cypher literal (strings single-quoted and escaped).</summary>
    public static void AppendLiteral(StringBuilder sb, object? value)
    {
        ArgumentNullException.ThrowIfNull(sb);
        switch (Normalize(value))
        {
            case null:
                sb.Append("null");
                break;
            case string s:
                AppendString(sb, s);
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case long l:
                // long.MinValue cannot be written as a positive literal negated; Cypher parses it as an expression.
                sb.Append(l.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                sb.Append(FormatDouble(d));
                break;
            case IDictionary<string, object?> map:
                sb.Append('{');
                var first = true;
                foreach (var (key, item) in map)
                {
                    if (!first)
                    {
                        sb.Append(", ");
                    }

                    first = false;
                    AppendKey(sb, key);
                    sb.Append(": ");
                    AppendLiteral(sb, item);
                }

                sb.Append('}');
                break;
            case IEnumerable seq:
                sb.Append('[');
                var firstItem = true;
                foreach (var item in seq)
                {
                    if (!firstItem)
                    {
                        sb.Append(", ");
                    }

                    firstItem = false;
                    AppendLiteral(sb, item);
                }

                sb.Append(']');
                break;
            default:
                throw new InvalidOperationException("Unreachable: Normalize returns only the cases above.");
        }
    }

    /// <summary>The Cypher literal of a value.</summary>
    public static string ToLiteral(object? value)
    {
        var sb = new StringBuilder();
        AppendLiteral(sb, value);
        return sb.ToString();
    }

    /// <summary>
    /// Appends a single-quoted Cypher string literal. Quotes, backslashes and control characters are escaped;
    /// other characters (any script) are kept as UTF-8 so the file stays readable. A lone surrogate, which no UTF-8
    /// file can hold, becomes U+FFFD.
    /// </summary>
    public static void AppendString(StringBuilder sb, string value)
    {
        ArgumentNullException.ThrowIfNull(sb);
        ArgumentNullException.ThrowIfNull(value);
        sb.Append('\'');
        for (var i = 0; i < value.Length; i++)
        {
            var ch = value[i];
            switch (ch)
            {
                case '\'':
                    sb.Append("\\'");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                default:
                    if (char.IsHighSurrogate(ch) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        sb.Append(ch).Append(value[i + 1]);
                        i++;
                    }
                    else if (char.IsSurrogate(ch))
                    {
                        sb.Append('\uFFFD');
                    }
                    else if (char.IsControl(ch) || ch is '\u2028' or '\u2029' or '\uFEFF')
                    {
                        sb.Append("\\u").Append(((int)ch).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(ch);
                    }

                    break;
            }
        }

        sb.Append('\'');
    }

    /// <summary>Appends a map key or property name, backtick-quoted unless it is a plain identifier.</summary>
    public static void AppendKey(StringBuilder sb, string key)
    {
        ArgumentNullException.ThrowIfNull(sb);
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length > 0 && (char.IsAsciiLetter(key[0]) || key[0] == '_') && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            sb.Append(key);
            return;
        }

        sb.Append('`').Append(key.Replace("`", "``", StringComparison.Ordinal)).Append('`');
    }

    /// <summary>Invariant round-trip text of a finite double that Cypher and JSON both read as a float.</summary>
    public static string FormatDouble(double value)
    {
        // Cypher's exponent literal has no '+' sign; JSON reads both forms.
        var text = value.ToString("R", CultureInfo.InvariantCulture).Replace("E+", "E", StringComparison.Ordinal);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal)
            ? text
            : text + ".0";
    }
}
