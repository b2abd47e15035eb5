using System.Buffers;
using System.Text;
using System.Text.Json;

namespace PaperGraph.Core;

/// <summary>
/// Reads JSON Lines: one paper a line, <c>{"id"?, "title", "abstract", "year"?, "url"?, "authors"?}</c>. Blank lines
/// are allowed; every other line that is not such an object is reported with its line number and the field at fault.
/// </summary>
public sealed class JsonLinesReader : ICorpusReader
{
    private readonly int _maxLineBytes;

    /// <summary>Creates the reader.</summary>
    /// <param name="maxLineBytes">Longest line accepted; longer lines are reported and skipped.</param>
    public JsonLinesReader(int maxLineBytes = LineReader.DefaultMaxLineBytes) => _maxLineBytes = maxLineBytes;

    /// <inheritdoc/>
    public string Format => "jsonl";

    /// <inheritdoc/>
    public IEnumerable<CorpusItem> Read(Stream input, string fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(fileName);
        var sawText = false;
        foreach (var line in new LineReader(input, _maxLineBytes, decode: false).ReadLines(cancellationToken))
        {
            if (line.IsBlank)
            {
                continue;
            }

            sawText = true;
            var source = new SourceLocation(fileName, line.Number);
            if (line.Error is not null)
            {
                yield return CorpusItem.Skip(source, line.Error);
                continue;
            }

            yield return Parse(line, source, Texts);
        }

        if (!sawText)
        {
            yield return CorpusItem.Skip(new SourceLocation(fileName, 0), "file is empty (no records)");
        }
    }

    private static CorpusItem Parse(TextLine line, SourceLocation source, TextPool? texts)
    {
        var json = line.Bytes.Span;
        JsonTokenType root;
        var fields = new Fields();
        try
        {
            // One pass over the line checks it as JsonDocument.Parse did (the same reader, options and reads, so the
            // same errors at the same columns) and notes where the fields are; no document is built, and strings are
            // made afterwards, only for the fields read, in the order the checks below ask for them.
            var reader = new Utf8JsonReader(json, ReaderOptions);
            reader.Read();
            root = reader.TokenType;
            if (root == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    ref var field = ref fields.Find(ref reader);
                    reader.Read();
                    var kind = reader.TokenType;
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    // A repeated field counts with its last value, as JsonElement.TryGetProperty finds it.
                    field = new JsonValue(kind, start, (int)reader.BytesConsumed);
                }
            }
            else
            {
                reader.Skip();
            }

            // Anything after the record's value is an error, as for a document.
            reader.Read();
        }
        catch (JsonException ex)
        {
            var truncated = line.EndsWithNewline ? "" : " (last line, no line end: file truncated?)";
            return CorpusItem.Skip(source, $"invalid JSON at column {(ex.BytePositionInLine ?? 0) + 1}: {FirstSentence(ex.Message)}{truncated}");
        }

        if (root != JsonTokenType.StartObject)
        {
            return CorpusItem.Skip(source, $"record is a JSON {Kind(root)}, expected an object with \"title\" and \"abstract\"");
        }

        if (TryReadAsText(json, fields, source, texts) is { } paper)
        {
            return paper;
        }

        string? error = null;
        var title = RequiredString(json, fields.Title, "title", ref error);
        var abstractText = RequiredString(json, fields.Abstract, "abstract", ref error);
        var id = OptionalString(json, fields.Id, "id", ref error);
        var url = OptionalString(json, fields.Url, "url", ref error);
        var year = OptionalYear(json, fields.Year, ref error);
        var authors = OptionalAuthors(json, fields.Authors, ref error);
        if (error is not null)
        {
            var what = title is null ? "" : $" (\"{CorpusText.Excerpt(title)}\")";
            return CorpusItem.Skip(source, error + what);
        }

        return CorpusItem.Of(CorpusText.CreatePaper(title!, abstractText!, id, year, url, authors, source));
    }

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 16 };

    // Records up to this many bytes of title and abstract are decoded in this thread's buffer.
    private const int MaxTextBytes = 1 << 15;

    [ThreadStatic]
    private static char[]? _textBuffer;

    /// <summary>
    /// Nearly every record: title and abstract plain strings (no escapes), not blank and normal already, every other
    /// field fine. They are decoded straight into one text, <c>title + "\n" + abstract</c> (the paper's
    /// <see cref="Paper.Text"/>), and no abstract string is made. Anything else (an error to report, escapes, white
    /// space to normalise, a very long record) gives null and goes the general way, which makes the same paper.
    /// </summary>
    private static CorpusItem? TryReadAsText(ReadOnlySpan<byte> json, in Fields fields, SourceLocation source, TextPool? texts)
    {
        if (fields.Title.Kind != JsonTokenType.String || fields.Abstract.Kind != JsonTokenType.String)
        {
            return null;
        }

        var titleBytes = json[(fields.Title.Start + 1)..(fields.Title.End - 1)];
        var abstractBytes = json[(fields.Abstract.Start + 1)..(fields.Abstract.End - 1)];
        if (titleBytes.Contains((byte)'\\') || abstractBytes.Contains((byte)'\\'))
        {
            return null;
        }

        string text;
        int titleLength;
        if (Ascii.IsValid(titleBytes) && Ascii.IsValid(abstractBytes))
        {
            // Nearly every record is ASCII: its white space is checked on the bytes, and the text is widened straight
            // into its string (a character a byte), with no buffer to copy from.
            if (!IsNormalAscii(titleBytes) || !IsNormalAscii(abstractBytes))
            {
                return null;
            }

            titleLength = titleBytes.Length;
            var length = titleLength + 1 + abstractBytes.Length;
            if (texts?.Rent(length, out var into) is { } kept)
            {
                // A merged paper's text of this length, written over (see TextPool).
                WidenText(titleBytes, abstractBytes, into);
                text = kept;
            }
            else
            {
                text = string.Create(length, new TextBytes(titleBytes, abstractBytes), static (chars, bytes) =>
                    WidenText(bytes.Title, bytes.Abstract, chars));
            }
        }
        else
        {
            if (titleBytes.Length + 1 + abstractBytes.Length > MaxTextBytes)
            {
                return null;
            }

            // A UTF-8 byte makes at most one UTF-16 unit, so the text fits in as many characters as it has bytes.
            var buffer = _textBuffer ??= new char[MaxTextBytes];
            titleLength = Encoding.UTF8.GetChars(titleBytes, buffer);
            buffer[titleLength] = '\n';
            var abstractLength = Encoding.UTF8.GetChars(abstractBytes, buffer.AsSpan(titleLength + 1));
            var titleChars = buffer.AsSpan(0, titleLength);
            var abstractChars = buffer.AsSpan(titleLength + 1, abstractLength);
            if (titleChars.IsWhiteSpace() || abstractChars.IsWhiteSpace() || !CorpusText.IsNormal(titleChars) || !CorpusText.IsNormal(abstractChars))
            {
                return null;
            }

            text = new string(buffer, 0, titleLength + 1 + abstractLength);
        }

        string? error = null;
        var id = OptionalString(json, fields.Id, "id", ref error);
        var url = OptionalString(json, fields.Url, "url", ref error);
        var year = OptionalYear(json, fields.Year, ref error);
        var authors = OptionalAuthors(json, fields.Authors, ref error);
        return error is not null
            ? null
            : CorpusItem.Of(CorpusText.CreatePaperFromText(text, titleLength, id, year, url, authors, source));
    }

    /// <summary>
    /// Texts of merged papers to write new texts into, set by a build that owns every paper it reads (one thread, the
    /// built-in extractor); null: every text is a new string.
    /// </summary>
    internal TextPool? Texts { get; set; }

    private static void WidenText(ReadOnlySpan<byte> title, ReadOnlySpan<byte> abstractText, Span<char> chars)
    {
        Ascii.ToUtf16(title, chars, out _);
        chars[title.Length] = '\n';
        Ascii.ToUtf16(abstractText, chars[(title.Length + 1)..], out _);
    }

    /// <summary>The title's and the abstract's bytes, handed to the string they are widened into.</summary>
    private readonly ref struct TextBytes(ReadOnlySpan<byte> title, ReadOnlySpan<byte> abstractText)
    {
        public ReadOnlySpan<byte> Title { get; } = title;

        public ReadOnlySpan<byte> Abstract { get; } = abstractText;
    }

    // The ASCII white space (char.IsWhiteSpace's, below 128) other than the plain space.
    private static readonly SearchValues<byte> OtherAsciiWhiteSpace = SearchValues.Create("\t\n\v\f\r"u8);

    /// <summary>
    /// For ASCII bytes: not blank, and <see cref="CorpusText.IsNormal"/> of their characters (no white space but single
    /// inner spaces), tested on the bytes.
    /// </summary>
    internal static bool IsNormalAscii(ReadOnlySpan<byte> text) =>
        !text.IsEmpty && text[0] != (byte)' ' && text[^1] != (byte)' '
        && !text.ContainsAny(OtherAsciiWhiteSpace) && text.IndexOf("  "u8) < 0;

    /// <summary>
    /// Where a value is in the line: its kind (a container by its start token; <see cref="JsonTokenType.None"/> for
    /// a field that is absent) and its bytes, quotes and brackets included.
    /// </summary>
    private readonly record struct JsonValue(JsonTokenType Kind, int Start, int End)
    {
        public bool IsAbsent => Kind is JsonTokenType.None or JsonTokenType.Null;

        // A reader positioned on the value alone, which gives what the document gave for it (strings unescaped the
        // same way, with the same exceptions).
        public Utf8JsonReader Read(ReadOnlySpan<byte> json)
        {
            var reader = new Utf8JsonReader(json[Start..End]);
            reader.Read();
            return reader;
        }

        public string GetString(ReadOnlySpan<byte> json)
        {
            // A string without escapes is its bytes (the line is valid UTF-8).
            var content = json[(Start + 1)..(End - 1)];
            return content.IndexOf((byte)'\\') < 0 ? Encoding.UTF8.GetString(content) : Read(json).GetString()!;
        }
    }

    /// <summary>The fields a record may have; any other is skipped.</summary>
    private struct Fields
    {
        public JsonValue Title;
        public JsonValue Abstract;
        public JsonValue Id;
        public JsonValue Url;
        public JsonValue Year;
        public JsonValue Authors;
        private JsonValue _other;

        // The slot of the property name the reader is on (matched unescaped, as TryGetProperty matches).
        [System.Diagnostics.CodeAnalysis.UnscopedRef]
        public ref JsonValue Find(ref Utf8JsonReader reader)
        {
            if (reader.ValueTextEquals("title"u8))
            {
                return ref Title;
            }

            if (reader.ValueTextEquals("abstract"u8))
            {
                return ref Abstract;
            }

            if (reader.ValueTextEquals("id"u8))
            {
                return ref Id;
            }

            if (reader.ValueTextEquals("url"u8))
            {
                return ref Url;
            }

            if (reader.ValueTextEquals("year"u8))
            {
                return ref Year;
            }

            return ref reader.ValueTextEquals("authors"u8) ? ref Authors : ref _other;
        }
    }

    private static string? RequiredString(ReadOnlySpan<byte> json, JsonValue value, string name, ref string? error)
    {
        if (value.IsAbsent)
        {
            error ??= $"field \"{name}\" is missing";
            return null;
        }

        if (value.Kind != JsonTokenType.String)
        {
            error ??= $"field \"{name}\" must be a string, got {Kind(value)}";
            return null;
        }

        var s = value.GetString(json);
        if (string.IsNullOrWhiteSpace(s))
        {
            error ??= $"field \"{name}\" is empty";
            return null;
        }

        return s;
    }

    private static string? OptionalString(ReadOnlySpan<byte> json, JsonValue value, string name, ref string? error)
    {
        if (value.IsAbsent)
        {
            return null;
        }

        if (value.Kind != JsonTokenType.String)
        {
            error ??= $"field \"{name}\" must be a string, got {Kind(value)}";
            return null;
        }

        return value.GetString(json);
    }

    private static int? OptionalYear(ReadOnlySpan<byte> json, JsonValue value, ref string? error)
    {
        if (value.IsAbsent)
        {
            return null;
        }

        // A year written as a string ("2024") is common in exports; accept it when it is a plain year.
        if (value.Kind == JsonTokenType.Number && value.Read(json).TryGetInt32(out var y) && y is >= 1000 and <= 9999)
        {
            return y;
        }

        if (value.Kind == JsonTokenType.String && int.TryParse(value.GetString(json), out y) && y is >= 1000 and <= 9999)
        {
            return y;
        }

        error ??= $"field \"year\" must be a four-digit year, got {Kind(value)} {Raw(json, value)}";
        return null;
    }

    private static string[]? OptionalAuthors(ReadOnlySpan<byte> json, JsonValue value, ref string? error)
    {
        if (value.IsAbsent)
        {
            return null;
        }

        if (value.Kind != JsonTokenType.StartArray)
        {
            error ??= $"field \"authors\" must be an array of strings, got {Kind(value)}";
            return null;
        }

        var authors = new List<string>();
        var i = 0;
        var reader = value.Read(json);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                error ??= $"field \"authors\"[{i}] must be a string, got {Kind(reader.TokenType)}";
                return null;
            }

            var name = CorpusText.Normalize(reader.GetString()!);
            if (name.Length > 0)
            {
                authors.Add(name);
            }

            i++;
        }

        return [.. authors];
    }

    private static string Kind(JsonValue value) => Kind(value.Kind);

    private static string Kind(JsonTokenType kind) => kind switch
    {
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        _ => "null",
    };

    private static string Raw(ReadOnlySpan<byte> json, JsonValue value)
    {
        var raw = Encoding.UTF8.GetString(json[value.Start..value.End]);
        return raw.Length <= 40 ? raw : raw[..37] + "...";
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var s = cut > 0 ? message[..cut] : message;
        return new StringBuilder(s).Replace("\r", " ").Replace("\n", " ").ToString().Trim();
    }
}
