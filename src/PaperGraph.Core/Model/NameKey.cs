using System.Text;

namespace PaperGraph.Core;

/// <summary>The schema's matching key: lower-case, letters and digits only ("DeepSeek R1" and "DeepSeek-R1" share one).</summary>
public static class NameKey
{
    /// <summary>Returns the matching key of a name.</summary>
    public static string Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var normalized = name.Normalize(NormalizationForm.FormKD);
        var buffer = normalized.Length <= 256 ? stackalloc char[normalized.Length] : new char[normalized.Length];
        return WriteKey(normalized, buffer).ToString();
    }

    /// <summary>
    /// The key of a FormKD-normalised name (an ASCII name is its own normal form), written into
    /// <paramref name="into"/> (at least as long as the name) and returned trimmed: callers that only hash the key skip
    /// the string.
    /// </summary>
    internal static ReadOnlySpan<char> WriteKey(ReadOnlySpan<char> normalized, Span<char> into)
    {
        var length = 0;
        foreach (var ch in normalized)
        {
            if (char.IsLetterOrDigit(ch))
            {
                into[length++] = char.ToLowerInvariant(ch);
            }
        }

        return into[..length];
    }

    /// <summary>A readable, URL-safe slug ("DeepSeek-Coder-V2 Lite" -> "deepseek-coder-v2-lite").</summary>
    public static string Slug(string name, int maxLength = 80)
    {
        ArgumentNullException.ThrowIfNull(name);
        var size = Math.Max(maxLength, 1);
        var buffer = size <= 256 ? stackalloc char[size] : new char[size];
        return WriteSlug(name.Normalize(NormalizationForm.FormKD), buffer).ToString();
    }

    /// <summary>
    /// The slug of a FormKD-normalised name (an ASCII name is its own normal form), at most <paramref name="into"/>'s
    /// length, written into it and returned trimmed: callers that make ids for every entity skip the string copies.
    /// </summary>
    internal static ReadOnlySpan<char> WriteSlug(ReadOnlySpan<char> normalized, Span<char> into)
    {
        var length = 0;
        var dash = false;
        foreach (var ch in normalized)
        {
            if (char.IsAsciiLetterOrDigit(ch) || (ch == '.' && length > 0 && char.IsAsciiDigit(into[length - 1])))
            {
                into[length++] = char.ToLowerInvariant(ch);
                dash = false;
            }
            else if (char.IsLetterOrDigit(ch) && ch > 127)
            {
                // Non-ASCII letters are kept out of ids; the name keeps them.
                continue;
            }
            else if (!dash && length > 0)
            {
                into[length++] = '-';
                dash = true;
            }

            if (length >= into.Length)
            {
                break;
            }
        }

        return ((ReadOnlySpan<char>)into[..length]).Trim("-.");
    }
}
