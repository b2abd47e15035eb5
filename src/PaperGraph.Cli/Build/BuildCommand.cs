using System.CommandLine;

namespace PaperGraph.Cli;

/// <summary><c>papergraph build [inputs...] [--out DIR]</c>.</summary>
public static class BuildCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("build", "Build the knowledge graph and write out/graph.json and out/graph.cypher.");
        command.SetAction((_, _) => Task.FromResult(ExitCodes.Ok));
        return command;
    }
}
