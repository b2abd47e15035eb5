using PaperGraph.Core;

namespace PaperGraph.Api;

/// <summary>Reads a prebuilt graph file.</summary>
internal static class GraphFiles
{
    /// <summary>Reads graph.json (the format written by <c>papergraph build</c>).</summary>
    public static Task<KnowledgeGraph> ReadGraphJsonAsync(string path, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        throw new NotSupportedException($"{path}: reading graph.json needs the corpus work's GraphJsonReader.");
    }
}
