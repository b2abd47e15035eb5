using System.Text;

namespace PaperGraph.Core;

/// <summary>The corpus formats and how each is recognised from a file's first bytes.</summary>
public static class CorpusFormats
{
    /// <summary>The seed page format (page noise, then title / abstract lines).</summary>
    public const string Seed = "seed";

    /// <summary>JSON Lines, one paper object a line.</summary>
    public const string JsonLines = "jsonl";

    /// <summary>arXiv API Atom feed.</summary>
    public const string Arxiv = "arxiv";

    /// <summary>Every format name.</summary>
    public static IReadOnlyList<string> Names { get; } = [Seed, JsonLines, Arxiv];

    /// <summary>Number of leading bytes <see cref="Detect"/> looks at.</summary>
    public const int HeadBytes = 8192;

    /// <summary>The reader of a format name (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Unknown format.</exception>
    public static ICorpusReader CreateReader(string format)
    {
        ArgumentNullException.ThrowIfNull(format);
        return format.ToLowerInvariant() switch
        {
            Seed => new SeedPageReader(),
            JsonLines or "json" or "ndjson" => new JsonLinesReader(),
            Arxiv or "atom" or "xml" => new ArxivAtomReader(),
            _ => throw new ArgumentException($"Unknown corpus format '{format}' (expected {string.Join(", ", Names)}).", nameof(format)),
        };
    }

    /// <summary>
    /// Detects the format from a file's first bytes: the first non-blank character <c>{</c> means JSON Lines;
    /// <c>&lt;</c> with an Atom <c>feed</c> element means an arXiv feed; anything else is a seed page.
    /// </summary>
    public static string Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            head = head[3..];
        }

        var trimmed = head.TrimStart(" \t\r\n"u8);
        if (trimmed.IsEmpty)
        {
            return Seed;
        }

        if (trimmed[0] == (byte)'{')
        {
            return JsonLines;
        }

        if (trimmed[0] == (byte)'<')
        {
            var text = Encoding.UTF8.GetString(trimmed);
            if (text.StartsWith("<?xml", StringComparison.Ordinal) || text.Contains("<feed", StringComparison.Ordinal)
                || text.Contains("http://www.w3.org/2005/Atom", StringComparison.Ordinal))
            {
                return Arxiv;
            }
        }

        return Seed;
    }

    /// <summary>
    /// Why a text file cannot be a corpus whatever its format (a JSON array instead of JSON Lines), or null.
    /// </summary>
    public static string? UnsupportedReason(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            head = head[3..];
        }

        var trimmed = head.TrimStart(" \t\r\n"u8);
        return !trimmed.IsEmpty && trimmed[0] == (byte)'['
            ? "a JSON array, not JSON Lines: write one paper object per line ({\"title\": ..., \"abstract\": ...})"
            : null;
    }

    /// <summary>
    /// Why a file's first bytes are not text, or null when they look like text. Judged on the share of control bytes
    /// (NUL included) so that a text file with one garbage line is still read (that line is reported on its own).
    /// </summary>
    public static string? BinaryReason(ReadOnlySpan<byte> head)
    {
        var controls = 0;
        var firstNul = -1;
        for (var i = 0; i < head.Length; i++)
        {
            var b = head[i];
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r' and not 0x0C)
            {
                controls++;
                if (b == 0 && firstNul < 0)
                {
                    firstNul = i;
                }
            }
        }

        if (head.Length == 0 || controls * 20 <= head.Length)
        {
            return null;
        }

        var nul = firstNul >= 0 ? $", first NUL at byte {firstNul + 1}" : "";
        return $"not a text file: {controls} control bytes in the first {head.Length} bytes{nul}";
    }
}
