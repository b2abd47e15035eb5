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
        return Of(kind, key.AsSpan());
    }

    /// <summary>
    /// <c>Of('t', NameKey.Of(title))</c>, or null when the title has no key (no letter or digit), without making the
    /// key string: every paper read asks.
    /// </summary>
    public static UInt128? OfTitle(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var normalized = title.Normalize(NormalizationForm.FormKD);
        var buffer = normalized.Length <= 256 ? stackalloc char[normalized.Length] : new char[normalized.Length];
        var key = NameKey.WriteKey(normalized, buffer);
        return key.IsEmpty ? null : Of('t', key);
    }

    private static UInt128 Of(char kind, ReadOnlySpan<char> key)
    {
        var h1 = 14695981039346656037UL ^ kind;
        var h2 = 0x9E3779B97F4A7C15UL ^ ((ulong)key.Length << 8) ^ kind;
        foreach (var ch in key)
        {
            h1 = (h1 ^ ch) * 1099511628211UL;
            h2 = ulong.RotateLeft((h2 ^ ch) * 0xC2B2AE3D27D4EB4FUL, 31);
        }

        return new UInt128(Mix(h1), Mix(h2 ^ h1));
    }

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
