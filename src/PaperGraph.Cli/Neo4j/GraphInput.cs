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
