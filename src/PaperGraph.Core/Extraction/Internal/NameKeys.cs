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

        key = NameKey.Of(name);
        if (keys.Count >= Limit)
        {
            keys.Clear();
        }

        keys[name] = key;
        return key;
    }
}
