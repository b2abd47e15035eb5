namespace PaperGraph.Neo4j.Tests;

/// <summary>Reads the statements of a multi-statement .cypher file (comment lines dropped, split at ';' line ends).</summary>
internal static class CypherFiles
{
    public static IReadOnlyList<string> Statements(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal));
        return string.Join('\n', lines)
            .Split(";\n")
            .Select(s => s.Trim().TrimEnd(';').Trim())
            .Where(s => s.Length > 0)
            .ToList();
    }
}
