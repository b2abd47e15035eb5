using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PaperGraph.Core;

/// <summary>Whether UTF-8 bytes go into a quoted string unchanged.</summary>
internal delegate bool PlainTest(ReadOnlySpan<byte> utf8);

/// <summary>
/// A large byte buffer in front of a stream, for the exports: they write gigabytes at a million papers, so text goes
/// out as UTF-8 bytes directly (no intermediate strings, no per-value writer calls). The caller flushes between rows
/// with <see cref="FlushIfFullAsync"/>, which keeps the stream writes asynchronous. Without a stream it is the
/// in-memory buffer of one chunk of rows (<see cref="ChunkedExport"/>), written out by its owner.
/// </summary>
internal sealed class Utf8Output
{
    private const int Size = 1 << 20;

    // A chunk buffer that grew for a huge row (a hub edge with evidence from half the corpus) is not kept for reuse.
    private const int KeepAtMost = 16 << 20;

    private readonly Stream? _stream;
    private readonly int _capacity;
    private byte[] _buffer;
    private int _used;

    public Utf8Output(Stream stream)
        : this(Size + (Size / 2)) => _stream = stream;

    public Utf8Output(int capacity)
    {
        _capacity = capacity;
        _buffer = new byte[capacity];
    }

    /// <summary>The bytes written since the last flush or <see cref="Clear"/>.</summary>
    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _used);

    /// <summary>Forgets the written bytes (and a buffer that grew far beyond its first size).</summary>
    public void Clear()
    {
        _used = 0;
        if (_buffer.Length > Math.Max(KeepAtMost, _capacity))
        {
            _buffer = new byte[_capacity];
        }
    }

    public ValueTask FlushIfFullAsync(CancellationToken cancellationToken) =>
        _used >= Size ? FlushAsync(cancellationToken) : ValueTask.CompletedTask;

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_stream is null)
        {
            throw new InvalidOperationException("a chunk buffer has no stream to flush to");
        }

        if (_used > 0)
        {
            await _stream.WriteAsync(_buffer.AsMemory(0, _used), cancellationToken).ConfigureAwait(false);
            _used = 0;
        }
    }

    public Span<byte> GetSpan(int size)
    {
        if (_buffer.Length - _used < size)
        {
            // A single row larger than the spare room: grow (the next flush empties it).
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _used + size));
        }

        return _buffer.AsSpan(_used);
    }

    public void Advance(int count) => _used += count;

    /// <summary>
    /// The fast path of both string writers: <paramref name="value"/> between <paramref name="quote"/>s when it is
    /// ASCII and <paramref name="isPlain"/> says its bytes need no escaping; false, with nothing written, otherwise.
    /// </summary>
    public bool TryWriteQuotedPlain(string value, byte quote, PlainTest isPlain)
    {
        var span = GetSpan((value.Length * 3) + 2);
        span[0] = quote;
        if (Ascii.FromUtf16(value, span[1..], out var written) != OperationStatus.Done || !isPlain(span.Slice(1, written)))
        {
            return false;
        }

        span[written + 1] = quote;
        Advance(written + 2);
        return true;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        _used += bytes.Length;
    }

    public void Write(byte b)
    {
        if (_used == _buffer.Length)
        {
            GetSpan(1);
        }

        _buffer[_used++] = b;
    }

    /// <summary>Writes a string as UTF-8 (as is: no escaping).</summary>
    public void WriteText(string text)
    {
        var span = GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        _used += Encoding.UTF8.GetBytes(text, span);
    }

    /// <summary>Writes a <see cref="StringBuilder"/>'s text as UTF-8.</summary>
    public void WriteText(StringBuilder text)
    {
        foreach (var chunk in text.GetChunks())
        {
            var span = GetSpan(Encoding.UTF8.GetMaxByteCount(chunk.Length));
            _used += Encoding.UTF8.GetBytes(chunk.Span, span);
        }
    }

    /// <summary>Writes text known to be ASCII (checked by the caller), one byte per character.</summary>
    public void WriteAscii(string text)
    {
        if (Ascii.FromUtf16(text, GetSpan(text.Length), out var written) != OperationStatus.Done)
        {
            throw new ArgumentException("not ASCII", nameof(text));
        }

        _used += written;
    }

    public void WriteInt(long value)
    {
        Utf8Formatter.TryFormat(value, GetSpan(20), out var written);
        _used += written;
    }

    /// <summary>16 lower-case hex digits, most significant first.</summary>
    public void WriteHex(ulong value)
    {
        var span = GetSpan(16);
        for (var i = 15; i >= 0; i--)
        {
            span[i] = "0123456789abcdef"u8[(int)(value & 0xF)];
            value >>= 4;
        }

        _used += 16;
    }
}

/// <summary>
/// JSON strings written byte for byte as <see cref="Utf8JsonWriter"/> with
/// <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/> writes them: text that needs no escaping is copied, and
/// anything else goes through such a writer, so the output cannot differ from it.
/// </summary>
internal sealed class JsonText : IDisposable
{
    // The ASCII bytes that the writer copies unchanged, asked of the writer itself rather than assumed.
    // Searched as "any byte but these", the plain ASCII bytes: a set of ASCII bytes only takes the fastest vector
    // lookup, and every non-ASCII byte is outside it.
    private static readonly SearchValues<byte> PlainForJson = SearchValues.Create(Plain(Escaped(alsoCypher: false)));
    private static readonly SearchValues<byte> PlainForBoth = SearchValues.Create(Plain(Escaped(alsoCypher: true)));

    private readonly ArrayBufferWriter<byte> _scratch = new(1024);
    private readonly Utf8JsonWriter _writer;
    private readonly Dictionary<long, byte[]> _doubles = [];

    public JsonText() => _writer = new Utf8JsonWriter(_scratch, Options);

    public void Dispose() => _writer.Dispose();

    public static JsonWriterOptions Options { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>True when the UTF-8 text is written unchanged inside JSON quotes (and, if asked, contains no ').</summary>
    public static bool IsPlain(ReadOnlySpan<byte> utf8) => !utf8.ContainsAnyExcept(PlainForJson);

    /// <summary>True when the UTF-8 text is unchanged by JSON escaping and then by Cypher string escaping.</summary>
    public static bool IsPlainForBoth(ReadOnlySpan<byte> utf8) => !utf8.ContainsAnyExcept(PlainForBoth);

    private static byte[] Plain(byte[] escaped) => [.. Enumerable.Range(0, 0x80).Select(b => (byte)b).Except(escaped)];

    /// <summary>Writes a quoted JSON string.</summary>
    public void WriteString(Utf8Output output, string value)
    {
        if (output.TryWriteQuotedPlain(value, (byte)'"', IsPlain))
        {
            return;
        }

        Fresh().WriteStringValue(value);
        CopyWritten(output);
    }

    /// <summary>Writes UTF-8 text as a quoted JSON string.</summary>
    public void WriteString(Utf8Output output, ReadOnlySpan<byte> utf8)
    {
        if (IsPlain(utf8))
        {
            var span = output.GetSpan(utf8.Length + 2);
            span[0] = (byte)'"';
            utf8.CopyTo(span[1..]);
            span[utf8.Length + 1] = (byte)'"';
            output.Advance(utf8.Length + 2);
            return;
        }

        Fresh().WriteStringValue(utf8);
        CopyWritten(output);
    }

    /// <summary>Writes a value the way <paramref name="write"/> writes it with a writer of these options.</summary>
    public void WriteWith(Utf8Output output, Action<Utf8JsonWriter> write)
    {
        write(Fresh());
        CopyWritten(output);
    }

    // The fallback writer, emptied for one value.
    private Utf8JsonWriter Fresh()
    {
        _scratch.ResetWrittenCount();
        _writer.Reset();
        return _writer;
    }

    private void CopyWritten(Utf8Output output)
    {
        _writer.Flush();
        output.Write(_scratch.WrittenSpan);
    }

    /// <summary>Writes a double with <see cref="Utf8JsonWriter.WriteNumberValue(double)"/>'s text, cached per value.</summary>
    public void WriteNumber(Utf8Output output, double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        if (!_doubles.TryGetValue(bits, out var text))
        {
            Fresh().WriteNumberValue(value);
            _writer.Flush();
            text = _scratch.WrittenSpan.ToArray();
            if (_doubles.Count < 4096)
            {
                _doubles[bits] = text;
            }
        }

        output.Write(text);
    }

    /// <summary>
    /// The bytes that may need escaping in a JSON string: every ASCII byte that the writer does not copy unchanged,
    /// and every non-ASCII byte (whose escaping depends on the character); with <paramref name="alsoCypher"/>, also
    /// those a Cypher string literal escapes.
    /// </summary>
    internal static byte[] Escaped(bool alsoCypher)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(buffer, Options);
        var needs = new List<byte>();
        for (var b = 0; b < 256; b++)
        {
            // A Cypher string literal also escapes quotes, backslashes and control characters (0x7F included).
            if (b >= 0x7F || (alsoCypher && (b is (byte)'\'' or (byte)'\\' or < 0x20)))
            {
                needs.Add((byte)b);
                continue;
            }

            buffer.ResetWrittenCount();
            writer.Reset();
            writer.WriteStringValue([(byte)b]);
            writer.Flush();
            if (buffer.WrittenCount != 3 || buffer.WrittenSpan[1] != b)
            {
                needs.Add((byte)b);
            }
        }

        return [.. needs];
    }
}

/// <summary>
/// Cypher string literals written as <see cref="CypherValues.AppendString"/> writes them: plain ASCII is copied, and
/// anything else goes through that method.
/// </summary>
internal sealed class CypherText
{
    private static readonly SearchValues<byte> Plain = SearchValues.Create(
        [.. Enumerable.Range(0x20, 0x7F - 0x20).Where(b => b is not '\'' and not '\\').Select(b => (byte)b)]);

    private static readonly SearchValues<char> IdentifierChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");

    private readonly StringBuilder _sb = new(256);
    private readonly Dictionary<long, byte[]> _doubles = [];
    private long _lastDouble;
    private byte[]? _lastDoubleText;

    /// <summary><see cref="CypherValues.FormatDouble"/> as UTF-8, cached per value (confidences repeat).</summary>
    public byte[] FormatDouble(double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        if (bits == _lastDouble && _lastDoubleText is { } last)
        {
            return last;
        }

        if (!_doubles.TryGetValue(bits, out var text))
        {
            text = Encoding.UTF8.GetBytes(CypherValues.FormatDouble(value));
            if (_doubles.Count < 4096)
            {
                _doubles[bits] = text;
            }
        }

        _lastDouble = bits;
        _lastDoubleText = text;
        return text;
    }

    /// <summary>
    /// True when JSON and Cypher string escaping both leave the text unchanged; <paramref name="last"/> remembers the
    /// last plain string of one kind, since a paper id or rule repeats over consecutive pieces of evidence.
    /// </summary>
    public static bool IsPlainForBoth(string text, ref string? last)
    {
        if (ReferenceEquals(text, last))
        {
            return true;
        }

        Span<byte> buffer = stackalloc byte[256];
        if (text.Length > buffer.Length || Ascii.FromUtf16(text, buffer, out var written) != OperationStatus.Done
            || !JsonText.IsPlainForBoth(buffer[..written]))
        {
            return false;
        }

        last = text;
        return true;
    }

    // For each ASCII byte: its JSON escape (as the JSON writer writes it) then the Cypher escape of that text, both
    // asked of the reference code, so that text which is ASCII but not plain (a newline, a quote) is written without
    // falling back to building strings.
    private static readonly byte[][] JsonThenCypher = BuildJsonThenCypher();

    private static byte[][] BuildJsonThenCypher()
    {
        var table = new byte[128][];
        var buffer = new ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(buffer, JsonText.Options);
        var sb = new StringBuilder();
        for (var b = 0; b < 128; b++)
        {
            buffer.ResetWrittenCount();
            writer.Reset();
            writer.WriteStringValue([(byte)b]);
            writer.Flush();
            var json = Encoding.UTF8.GetString(buffer.WrittenSpan[1..^1]);
            sb.Clear();
            CypherValues.AppendString(sb, json);
            table[b] = Encoding.UTF8.GetBytes(sb.ToString(1, sb.Length - 2));
        }

        return table;
    }

    /// <summary>
    /// Writes ASCII text as it appears inside a Cypher string literal of a JSON text that holds it as a string; false
    /// (nothing written) when the text is not ASCII.
    /// </summary>
    public static bool TryWriteAsciiJsonInCypher(Utf8Output output, ReadOnlySpan<byte> utf8)
    {
        if (!Ascii.IsValid(utf8))
        {
            return false;
        }

        foreach (var b in utf8)
        {
            output.Write(JsonThenCypher[b]);
        }

        return true;
    }

    /// <summary>True when the UTF-8 text goes into a Cypher string literal unchanged.</summary>
    public static bool IsPlain(ReadOnlySpan<byte> utf8) => !utf8.ContainsAnyExcept(Plain);

    /// <summary>Writes a quoted Cypher string literal.</summary>
    public void WriteString(Utf8Output output, string value)
    {
        if (output.TryWriteQuotedPlain(value, (byte)'\'', IsPlain))
        {
            return;
        }

        _sb.Clear();
        CypherValues.AppendString(_sb, value);
        output.WriteText(_sb);
    }

    /// <summary>Writes a Cypher literal of a (normalised) value with <see cref="CypherValues.AppendLiteral"/>.</summary>
    public void WriteLiteral(Utf8Output output, object? value)
    {
        _sb.Clear();
        CypherValues.AppendLiteral(_sb, value);
        output.WriteText(_sb);
    }

    /// <summary>Writes a map key, backtick-quoted unless it is a plain identifier.</summary>
    public void WriteKey(Utf8Output output, string key)
    {
        // CypherValues.AppendKey's test: an ASCII letter or '_', then ASCII letters, digits or '_', written as is.
        if (key.Length > 0 && (char.IsAsciiLetter(key[0]) || key[0] == '_') && !key.AsSpan().ContainsAnyExcept(IdentifierChars))
        {
            output.WriteAscii(key);
            return;
        }

        _sb.Clear();
        CypherValues.AppendKey(_sb, key);
        output.WriteText(_sb);
    }
}
