namespace PaperGraph.Core;

/// <summary>
/// A node's aliases for the exports without an enumerator when there are one or two (nearly every node): an
/// enumerator per node and file, at a million papers, is gigabytes of garbage.
/// </summary>
internal static class NodeAliases
{
    /// <summary>The first and second alias in order (null when absent); false when there are more than two.</summary>
    public static bool TryGetFew(IReadOnlyCollection<string> aliases, out string? first, out string? second)
    {
        switch (aliases)
        {
            case { Count: 0 }:
                first = second = null;
                return true;
            case IReadOnlyList<string> { Count: <= 2 } list:
                first = list[0];
                second = list.Count == 2 ? list[1] : null;
                return true;
            default:
                first = second = null;
                return false;
        }
    }
}
