using System.CommandLine;
using Spectre.Console;

namespace PaperGraph.Cli;

/// <summary>
/// <c>papergraph build [inputs...] [--out DIR] [--format seed|jsonl|arxiv] [--strict] [--vocab DIR] [--parallelism N]
/// [--progress]</c>: reads the corpus, builds the graph, writes <c>graph.json</c>, <c>graph.cypher</c> and
/// <c>report.json</c>, and prints a summary.
/// </summary>
public static class BuildCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "Corpus files or directories (default: seeds/, looked up from the current directory upwards).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        inputs.Validators.Add(result =>
        {
            // A token like "--bogus" lands here when it is not a known option: say so rather than "no such file".
            foreach (var token in result.Tokens.Where(t => t.Value.StartsWith('-') && t.Value.Length > 1))
            {
                result.AddError($"Unrecognized option '{token.Value}'.");
            }
        });
        var output = new Option<string>("--out", "-o")
        {
            Description = "Output directory for graph.json, graph.cypher and report.json.",
            DefaultValueFactory = _ => "out",
        };
        var format = new Option<string?>("--format", "-f")
        {
            Description = "Corpus format of every input (default: detected from each file's content).",
        };
        format.AcceptOnlyFromAmong("seed", "jsonl", "arxiv");
        var strict = new Option<bool>("--strict")
        {
            Description = "Stop at the first bad record (exit code 1) instead of skipping and reporting it.",
        };
        var vocab = new Option<string?>("--vocab")
        {
            Description = "Vocabulary directory overriding the built-in one.",
        };
        var parallelism = new Option<int?>("--parallelism", "-j")
        {
            Description = "Extraction workers (default: one per core; 1 runs the whole build on one thread). The output is the same whatever the number.",
        };
        parallelism.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
            {
                result.AddError("--parallelism must be at least 1.");
            }
        });
        var progress = new Option<bool>("--progress")
        {
            Description = "Show a progress bar even for a small corpus or when stderr is not a terminal.",
        };

        var command = new Command("build", "Build the knowledge graph and write out/graph.json, out/graph.cypher and out/report.json.")
        {
            inputs, output, format, strict, vocab, parallelism, progress,
        };
        command.SetAction(async (parse, ct) =>
        {
            var settings = new BuildSettings(
                parse.GetValue(inputs) ?? [],
                parse.GetValue(output) ?? "out",
                parse.GetValue(format),
                parse.GetValue(strict),
                parse.GetValue(vocab),
                parse.GetValue(parallelism),
                parse.GetValue(progress));
            var stdout = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
            return await BuildRunner.RunAsync(settings, stdout, Console.Error, Directory.GetCurrentDirectory(), null, ct);
        });
        return command;
    }
}
