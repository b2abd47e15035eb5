using System.Text;

namespace PaperGraph.Core;

/// <summary>
/// The keys duplicate papers are found by, as 128-bit hashes: papers are told apart by a hash of their key rather than
/// by keeping every title in memory. Two independent 64-bit mixes make a collision among a few million keys vanishingly
/// unlikely, at a fraction of the cost of a cryptographic hash.
/// </summary>
internal static class PaperKeyHash
{
    /// <summary>The hash of a key of some kind (<c>'i'</c> for ids, <c>'t'</c> for title keys).</summary>
    public static UInt128 Of(char kind, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var (h1, h2) = Start(kind, key.Length);
        foreach (var ch in key)
        {
            Add(ref h1, ref h2, ch);
        }

        return Finish(h1, h2);
    }

    /// <summary>
    /// <c>Of('t', NameKey.Of(title))</c>, or null when the title has no key (no letter or digit), without making the
    /// key: every paper read asks.
    /// </summary>
    public static UInt128? OfTitle(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        // NameKey.Of keeps the letters and digits of the FormKD form, lower-cased (an ASCII title is its own form).
        var normalized = title.Normalize(NormalizationForm.FormKD);
        var length = 0;
        foreach (var ch in normalized)
        {
            if (char.IsLetterOrDigit(ch))
            {
                length++;
            }
        }

        if (length == 0)
        {
            return null;
        }

        var (h1, h2) = Start('t', length);
        foreach (var ch in normalized)
        {
            if (char.IsLetterOrDigit(ch))
            {
                Add(ref h1, ref h2, char.ToLowerInvariant(ch));
            }
        }

        return Finish(h1, h2);
    }

    private static (ulong, ulong) Start(char kind, int length) =>
        (14695981039346656037UL ^ kind, 0x9E3779B97F4A7C15UL ^ ((ulong)length << 8) ^ kind);

    private static void Add(ref ulong h1, ref ulong h2, char ch)
    {
        h1 = (h1 ^ ch) * 1099511628211UL;
        h2 = ulong.RotateLeft((h2 ^ ch) * 0xC2B2AE3D27D4EB4FUL, 31);
    }

    private static UInt128 Finish(ulong h1, ulong h2) => new(Mix(h1), Mix(h2 ^ h1));

    private static ulong Mix(ulong k)
    {
        k ^= k >> 33;
        k *= 0xFF51AFD7ED558CCDUL;
        k ^= k >> 33;
        k *= 0xC4CEB9FE1A85EC53UL;
        k ^= k >> 33;
        return k;
    }
}
