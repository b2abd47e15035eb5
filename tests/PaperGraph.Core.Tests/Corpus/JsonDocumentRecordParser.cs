using System.Text;
using System.Text.Json;

namespace PaperGraph.Core.Tests;

/// <summary>
/// The JSON Lines record parser as it was before it read lines with Utf8JsonReader: a JsonDocument per line. Kept
/// as the reference the reader's results and messages are compared with.
/// </summary>
internal static class JsonDocumentRecordParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    public static CorpusItem Parse(TextLine line, SourceLocation source)
    {
        JsonDocument doc;
        try
        {
            // The line's bytes are valid until the next line is read; the document is disposed before that.
            doc = JsonDocument.Parse(line.Bytes, DocumentOptions);
        }
        catch (JsonException ex)
        {
            var truncated = line.EndsWithNewline ? "" : " (last line, no line end: file truncated?)";
            return CorpusItem.Skip(source, $"invalid JSON at column {(ex.BytePositionInLine ?? 0) + 1}: {FirstSentence(ex.Message)}{truncated}");
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return CorpusItem.Skip(source, $"record is a JSON {Kind(root)}, expected an object with \"title\" and \"abstract\"");
            }

            string? error = null;
            var title = RequiredString(root, "title", ref error);
            var abstractText = RequiredString(root, "abstract", ref error);
            var id = OptionalString(root, "id", ref error);
            var url = OptionalString(root, "url", ref error);
            var year = OptionalYear(root, ref error);
            var authors = OptionalAuthors(root, ref error);
            if (error is not null)
            {
                var what = title is null ? "" : $" (\"{CorpusText.Excerpt(title)}\")";
                return CorpusItem.Skip(source, error + what);
            }

            return CorpusItem.Of(CorpusText.CreatePaper(title!, abstractText!, id, year, url, authors, source));
        }
    }

    private static string? RequiredString(JsonElement root, string name, ref string? error)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            error ??= $"field \"{name}\" is missing";
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            error ??= $"field \"{name}\" must be a string, got {Kind(value)}";
            return null;
        }

        var s = value.GetString()!;
        if (string.IsNullOrWhiteSpace(s))
        {
            error ??= $"field \"{name}\" is empty";
            return null;
        }

        return s;
    }

    private static string? OptionalString(JsonElement root, string name, ref string? error)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            error ??= $"field \"{name}\" must be a string, got {Kind(value)}";
            return null;
        }

        return value.GetString();
    }

    private static int? OptionalYear(JsonElement root, ref string? error)
    {
        if (!root.TryGetProperty("year", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        // A year written as a string ("2024") is common in exports; accept it when it is a plain year.
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var y) && y is >= 1000 and <= 9999)
        {
            return y;
        }

        if (value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), out y) && y is >= 1000 and <= 9999)
        {
            return y;
        }

        error ??= $"field \"year\" must be a four-digit year, got {Kind(value)} {Raw(value)}";
        return null;
    }

    private static string[]? OptionalAuthors(JsonElement root, ref string? error)
    {
        if (!root.TryGetProperty("authors", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            error ??= $"field \"authors\" must be an array of strings, got {Kind(value)}";
            return null;
        }

        var authors = new List<string>(value.GetArrayLength());
        var i = 0;
        foreach (var a in value.EnumerateArray())
        {
            if (a.ValueKind != JsonValueKind.String)
            {
                error ??= $"field \"authors\"[{i}] must be a string, got {Kind(a)}";
                return null;
            }

            var name = CorpusText.Normalize(a.GetString()!);
            if (name.Length > 0)
            {
                authors.Add(name);
            }

            i++;
        }

        return [.. authors];
    }

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    private static string Raw(JsonElement e)
    {
        var raw = e.GetRawText();
        return raw.Length <= 40 ? raw : raw[..37] + "...";
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var s = cut > 0 ? message[..cut] : message;
        return new StringBuilder(s).Replace("\r", " ").Replace("\n", " ").ToString().Trim();
    }
}
