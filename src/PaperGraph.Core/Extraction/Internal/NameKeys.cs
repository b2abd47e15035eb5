using System.Runtime.CompilerServices;

namespace PaperGraph.Core;

/// <summary>
/// <see cref="NameKey.Of"/> with a per-thread memo: the same names (vocabulary terms, model names) recur in paper
/// after paper, and each fresh key cost a string builder, its buffer and a string.
/// </summary>
internal static class NameKeys
{
    private const int Limit = 65_536;

    [ThreadStatic]
    private static Dictionary<string, string>? _keys;

    public static string Of(string name)
    {
        var keys = _keys ??= new Dictionary<string, string>(StringComparer.Ordinal);
        if (keys.TryGetValue(name, out var key))
        {
            return key;
        }

        key = Compute(name);
        if (keys.Count >= Limit)
        {
            keys.Clear();
        }

        keys[name] = key;
        return key;
    }

    /// <summary>
    /// Same result as <see cref="NameKey.Of"/>. An ASCII name needs no normalisation (FormKD leaves ASCII alone), so
    /// its key is made on the stack, and a name that already is its key is returned as it is.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static string Compute(string name)
    {
        if (name.Length > MaxStackName)
        {
            return NameKey.Of(name);
        }

        Span<char> buffer = stackalloc char[name.Length];
        if (!TryWriteKey(name, buffer, out var n))
        {
            return NameKey.Of(name);
        }

        return n == name.Length && name.AsSpan().SequenceEqual(buffer[..n]) ? name : new string(buffer[..n]);
    }

    /// <summary>The longest name whose key <see cref="TryWriteKey"/> is meant to write into a stack buffer.</summary>
    internal const int MaxStackName = 256;

    /// <summary>
    /// Writes <see cref="NameKey.Of"/> of an ASCII <paramref name="name"/> into <paramref name="buffer"/> (at least
    /// as long as the name) without making a string; false, writing nothing useful, when the name is not ASCII (its
    /// key needs Unicode normalisation: use <see cref="NameKey.Of"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool TryWriteKey(ReadOnlySpan<char> name, Span<char> buffer, out int length)
    {
        length = 0;
        if (!System.Text.Ascii.IsValid(name))
        {
            return false;
        }

        var n = 0;
        foreach (var ch in name)
        {
            if (char.IsAsciiLetterOrDigit(ch))
            {
                buffer[n++] = char.IsAsciiLetterUpper(ch) ? (char)(ch | 0x20) : ch;
            }
        }

        length = n;
        return true;
    }
}
