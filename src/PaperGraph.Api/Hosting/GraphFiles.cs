using PaperGraph.Core;

namespace PaperGraph.Api;

/// <summary>Reads a prebuilt graph file.</summary>
internal static class GraphFiles
{
    /// <summary>Reads graph.json (the format written by <c>papergraph build</c>).</summary>
    public static Task<KnowledgeGraph> ReadGraphJsonAsync(string path, CancellationToken cancellationToken) =>
        GraphJsonReader.ReadFileAsync(path, cancellationToken);
}
