using System.CommandLine;
using PaperGraph.Core;
using Spectre.Console;

namespace PaperGraph.Cli;

/// <summary>The corpus arguments shared by <c>load</c> and <c>export</c>, and building the graph from them.</summary>
internal static class GraphInput
{
    public static Argument<string[]> Inputs() => new("inputs")
    {
        Description = "Corpus files or directories (default: seeds/).",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static Option<string?> Format() => new("--corpus-format")
    {
        Description = "Force the corpus format (seed, jsonl, arxiv); detected from content by default.",
    };

    public static Option<string?> GraphFile() => new("--graph")
    {
        Description = "Read a graph.json written by papergraph build instead of building from a corpus.",
    };

    /// <summary>
    /// The graph from <paramref name="graphFile"/> when given, else built from the inputs; prints what was skipped.
    /// Null (with the error printed) when the input cannot be read.
    /// </summary>
    public static async Task<KnowledgeGraph?> LoadAsync(string[]? inputs, string? format, string? graphFile, CancellationToken ct)
    {
        if (graphFile is null)
        {
            return (await BuildAsync(inputs, format, ct))?.Graph;
        }

        if (inputs is { Length: > 0 })
        {
            await Console.Error.WriteLineAsync("error: give either corpus inputs or --graph, not both.");
            return null;
        }

        try
        {
            var graph = await GraphJsonReader.ReadFileAsync(graphFile, ct);
            AnsiConsole.MarkupLineInterpolated($"Read {graphFile}: {graph.NodeCount} nodes, {graph.EdgeCount} relationships.");
            return graph;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"error: cannot read {graphFile}: {ex.Message}");
            return null;
        }
    }

    /// <summary>Builds the graph; prints what was skipped. Null (with the error printed) when the input cannot be read.</summary>
    public static async Task<BuildResult?> BuildAsync(string[]? inputs, string? format, CancellationToken ct)
    {
        var list = inputs is { Length: > 0 } ? inputs : ["seeds"];
        try
        {
            var result = await GraphPipeline.BuildAsync(new BuildOptions(list, format), null, ct);
            foreach (var skipped in result.Skipped)
            {
                AnsiConsole.MarkupLineInterpolated($"[yellow]skipped[/] {skipped}");
            }

            AnsiConsole.MarkupLineInterpolated(
                $"Built the graph of [bold]{result.PaperCount}[/] papers: {result.Graph.NodeCount} nodes, {result.Graph.EdgeCount} relationships.");
            return result;
        }
        catch (CorpusException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"error: cannot read the corpus ({string.Join(", ", list)}): {ex.Message}");
            return null;
        }
    }
}
