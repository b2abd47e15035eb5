using System.CommandLine;
using System.Globalization;
using PaperGraph.Core;
using Spectre.Console;

namespace PaperGraph.Cli;

/// <summary><c>papergraph eval --gold FILE [inputs...] [--verbose]</c>: precision, recall and F1 against a gold file.</summary>
public static class EvalCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var gold = new Option<FileInfo>("--gold", "-g")
        {
            Description = "Gold file in the spec's JSON Lines format.",
            Required = true,
        };
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "Corpus files or directories (default: seeds/).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "List every miss, extra and wrong role." };
        var vocab = new Option<DirectoryInfo?>("--vocab") { Description = "Vocabulary directory overriding the built-in one." };
        var command = new Command("eval", "Score extraction against a gold file: P/R/F1 per entity type and relation type, lenient and strict.")
        {
            gold, inputs, verbose, vocab,
        };
        command.SetAction((parse, ct) => RunAsync(
            parse.GetValue(gold)!, parse.GetValue(inputs) ?? [], parse.GetValue(verbose), parse.GetValue(vocab), ct));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo goldFile, string[] inputs, bool verbose, DirectoryInfo? vocab, CancellationToken ct)
    {
        if (!goldFile.Exists)
        {
            await Console.Error.WriteLineAsync($"error: gold file {goldFile.FullName} not found.");
            return ExitCodes.InputError;
        }

        // The gold file is checked in full before the (long) build, then read again while scoring, so a gold file of
        // a million papers never sits in memory.
        try
        {
            await foreach (var _ in GoldReader.StreamAsync(goldFile.FullName, ct))
            {
            }
        }
        catch (GoldFormatException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.InputError;
        }

        var paths = inputs.Length > 0 ? inputs : ["seeds"];
        BuildResult result;
        try
        {
            result = await GraphPipeline.BuildAsync(new BuildOptions(paths, VocabularyDirectory: vocab?.FullName), null, ct);
        }
        catch (CorpusException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.InputError;
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException or DirectoryNotFoundException)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.InputError;
        }

        var report = Scorer.Evaluate(result.Graph, GoldReader.StreamAsync(goldFile.FullName, ct).ToBlockingEnumerable(ct), collectFindings: verbose);
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 140); // a log file should not wrap the table
        }

        var table = new Table().Title($"[bold]{Markup.Escape(goldFile.Name)}[/]: {report.PapersMatched}/{report.PapersInGold} papers matched")
            .AddColumns("row", "lenient P", "R", "F1", "tp/fp/fn", "strict P", "R", "F1", "tp/fp/fn");
        foreach (var row in report.Rows.Append(report.Entities).Append(report.Relations))
        {
            table.AddRow(Markup.Escape(row.Name), F(row.Lenient.Precision), F(row.Lenient.Recall), $"[bold]{F(row.Lenient.F1)}[/]", Counts(row.Lenient),
                F(row.Strict.Precision), F(row.Strict.Recall), $"[bold]{F(row.Strict.F1)}[/]", Counts(row.Strict));
        }

        AnsiConsole.Write(table);
        if (verbose)
        {
            foreach (var f in report.Findings)
            {
                var color = f.Kind switch { "miss" => "red", "extra" => "yellow", _ => "blue" };
                AnsiConsole.MarkupLine($"[{color}]{f.Kind,-10}[/] {Markup.Escape(f.Row),-13} {Markup.Escape(f.Item)}  [grey]<- {Markup.Escape(f.Paper)}[/]");
            }
        }

        return ExitCodes.Ok;
    }

    private static string F(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Counts(Score s) => string.Create(CultureInfo.InvariantCulture, $"{s.TruePositives}/{s.FalsePositives}/{s.FalseNegatives}");
}
