using System.Buffers;
using System.Text;

namespace PaperGraph.Core;

/// <summary>One line of a text file, decoded, or the reason it could not be.</summary>
/// <param name="Number">1-based line number.</param>
/// <param name="Text">The decoded line (no line terminator), or null when <paramref name="Error"/> is set.</param>
/// <param name="Error">Why the line is unusable (binary data, invalid UTF-8, too long).</param>
/// <param name="EndsWithNewline">False for a last line cut off without a terminator.</param>
/// <param name="Bytes">The line's UTF-8 bytes (already validated) when the reader does not decode; valid until the next line.</param>
internal readonly record struct TextLine(long Number, string? Text, string? Error, bool EndsWithNewline, ReadOnlyMemory<byte> Bytes = default)
{
    public bool IsBlank => Error is null && (Text is not null ? string.IsNullOrWhiteSpace(Text) : Bytes.Span.Trim(" \t\r\n"u8).IsEmpty);
}

/// <summary>
/// Splits a stream into lines without ever holding more than one line (capped) in memory, and decodes each line on
/// its own with a throwing UTF-8 decoder, so one bad line costs one record and never the file.
/// </summary>
internal sealed class LineReader
{
    /// <summary>Longest line accepted; longer lines are reported and skipped.</summary>
    public const int DefaultMaxLineBytes = 16 * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Control bytes that never occur in text (tab, CR, LF and form feed do).
    private static readonly SearchValues<byte> ControlBytes = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 127]);

    private readonly Stream _stream;
    private readonly int _maxLineBytes;
    private readonly bool _decode;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;
    private long _lineNumber;

    /// <param name="stream">The input.</param>
    /// <param name="maxLineBytes">Longest line accepted.</param>
    /// <param name="decode">False to hand out validated UTF-8 bytes instead of strings (parsers that read UTF-8).</param>
    public LineReader(Stream stream, int maxLineBytes = DefaultMaxLineBytes, bool decode = true)
    {
        _stream = stream;
        _maxLineBytes = maxLineBytes;
        _decode = decode;
        _buffer = new byte[Math.Min(64 * 1024, maxLineBytes + 1)];
    }

    /// <summary>Bytes of the stream consumed so far (through the last returned line).</summary>
    public long BytesConsumed { get; private set; }

    /// <summary>Reads every line.</summary>
    public IEnumerable<TextLine> ReadLines(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var line = Next();
            if (line is null)
            {
                yield break;
            }

            yield return line.Value;
        }
    }

    /// <summary>Why a run of bytes is not text, or null when it looks like text.</summary>
    public static string? BinaryReason(ReadOnlySpan<byte> bytes)
    {
        var first = bytes.IndexOfAny(ControlBytes);
        if (first < 0)
        {
            return null;
        }

        var nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            return $"binary data (NUL byte at column {nul + 1})";
        }

        var count = 0;
        for (var i = first; i < bytes.Length; i++)
        {
            if (ControlBytes.Contains(bytes[i]))
            {
                count++;
            }
        }

        // A stray escape character is tolerated; text with many control bytes is not text.
        return count * 20 > bytes.Length || count > 16
            ? $"binary data ({count} control bytes in {bytes.Length}, first at column {first + 1})"
            : null;
    }

    private TextLine? Next()
    {
        var searchFrom = _start;
        while (true)
        {
            var newline = _buffer.AsSpan(searchFrom, _end - searchFrom).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var lineEnd = searchFrom + newline;
                var line = Decode(_start, lineEnd - _start, endsWithNewline: true);
                BytesConsumed += lineEnd + 1 - _start;
                _start = lineEnd + 1;
                return line;
            }

            searchFrom = _end;
            if (_end - _start > _maxLineBytes)
            {
                return SkipLongLine();
            }

            if (_eof)
            {
                if (_start == _end)
                {
                    return null;
                }

                var last = Decode(_start, _end - _start, endsWithNewline: false);
                BytesConsumed += _end - _start;
                _start = _end;
                return last;
            }

            Fill(ref searchFrom);
        }
    }

    private void Fill(ref int searchFrom)
    {
        if (_start > 0)
        {
            // Keep the partial line at the front of the buffer.
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            searchFrom -= _start;
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            var size = (int)Math.Min((long)_buffer.Length * 2, (long)_maxLineBytes + 1 + (64 * 1024));
            Array.Resize(ref _buffer, Math.Max(size, _buffer.Length + 1));
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }

    private TextLine SkipLongLine()
    {
        var number = ++_lineNumber;
        long length = 0;
        var endsWithNewline = false;
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                length += newline;
                BytesConsumed += newline + 1;
                _start += newline + 1;
                endsWithNewline = true;
                break;
            }

            length += _end - _start;
            BytesConsumed += _end - _start;
            _start = _end = 0;
            if (_eof)
            {
                break;
            }

            var read = _stream.Read(_buffer, 0, _buffer.Length);
            _eof = read == 0;
            _end = read;
        }

        // Give the big buffer back: one huge line should not pin its memory for the rest of the file.
        if (_buffer.Length > 1024 * 1024)
        {
            var rest = _buffer.AsSpan(_start, _end - _start).ToArray();
            _buffer = new byte[Math.Max(64 * 1024, rest.Length)];
            rest.CopyTo(_buffer, 0);
            _start = 0;
            _end = rest.Length;
        }

        return new TextLine(number, null,
            $"line is {length:N0} bytes long, over the {_maxLineBytes:N0}-byte limit; skipped", endsWithNewline);
    }

    private TextLine Decode(int start, int length, bool endsWithNewline)
    {
        var number = ++_lineNumber;
        var memory = _buffer.AsMemory(start, length);
        if (number == 1 && memory.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            memory = memory[3..];
        }

        if (memory.Length > 0 && memory.Span[^1] == (byte)'\r')
        {
            memory = memory[..^1];
        }

        var bytes = memory.Span;
        if (BinaryReason(bytes) is { } binary)
        {
            return new TextLine(number, null, binary, endsWithNewline);
        }

        if (!_decode && System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return new TextLine(number, null, null, endsWithNewline, memory);
        }

        try
        {
            return new TextLine(number, StrictUtf8.GetString(bytes), null, endsWithNewline);
        }
        catch (DecoderFallbackException ex)
        {
            var column = ex.Index >= 0 ? $" at byte {ex.Index + 1}" : "";
            return new TextLine(number, null, $"invalid UTF-8{column}", endsWithNewline);
        }
    }
}
