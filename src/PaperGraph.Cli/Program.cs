using System.CommandLine;
using PaperGraph.Cli;

var root = new RootCommand("PaperGraph: builds a knowledge graph of models, techniques, benchmarks and organisations from paper abstracts.");

// One line per command; each command lives in its own file under a feature folder.
root.Subcommands.Add(BuildCommand.Create());
root.Subcommands.Add(SynthCommand.Create());
root.Subcommands.Add(EvalCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(LoadCommand.Create());
root.Subcommands.Add(ExportCommand.Create());

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        await Console.Error.WriteLineAsync($"error: {error.Message}");
    }

    await Console.Error.WriteLineAsync("Run 'papergraph --help' for usage.");
    return ExitCodes.Usage;
}

return await parse.InvokeAsync();
