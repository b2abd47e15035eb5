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
        if (name.Length > 256 || !System.Text.Ascii.IsValid(name))
        {
            return NameKey.Of(name);
        }

        Span<char> buffer = stackalloc char[name.Length];
        var n = 0;
        var same = true;
        foreach (var ch in name)
        {
            if (char.IsAsciiLetterOrDigit(ch))
            {
                var lower = char.IsAsciiLetterUpper(ch) ? (char)(ch | 0x20) : ch;
                same &= lower == ch;
                buffer[n++] = lower;
            }
            else
            {
                same = false;
            }
        }

        return same ? name : new string(buffer[..n]);
    }
}
