using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using PaperGraph.Core;

namespace PaperGraph.Cli;

/// <summary><c>papergraph synth --papers N --seed S --out FILE.jsonl [--truth FILE]</c>: writes a synthetic corpus.</summary>
public static class SynthCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var papers = new Option<long>("--papers", "-n")
        {
            Description = "Number of abstracts to write.",
            DefaultValueFactory = _ => 1000,
        };
        var seed = new Option<ulong>("--seed", "-s")
        {
            Description = "Seed; the same seed and size always give the same corpus.",
            DefaultValueFactory = _ => 42,
        };
        var output = new Option<FileInfo>("--out", "-o")
        {
            Description = "Corpus file to write (JSON Lines: id, title, abstract, year).",
            Required = true,
        };
        var truth = new Option<FileInfo?>("--truth")
        {
            Description = "Also write the planted facts here, in the gold-file format (for papergraph eval --gold).",
        };

        var command = new Command("synth", "Generate a synthetic corpus of realistic abstracts with its planted facts.")
        {
            papers, seed, output, truth,
        };
        command.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(papers);
            if (n < 1)
            {
                await Console.Error.WriteLineAsync($"error: --papers must be at least 1 (got {n}).");
                return ExitCodes.Usage;
            }

            var outFile = parse.GetValue(output)!;
            var truthFile = parse.GetValue(truth);
            return await RunAsync(new SynthesisOptions(n, parse.GetValue(seed)), outFile, truthFile, ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(SynthesisOptions options, FileInfo outFile, FileInfo? truthFile, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            outFile.Directory?.Create();
            truthFile?.Directory?.Create();
            await using var corpus = new FileStream(outFile.FullName, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20, useAsync: true);
            await using var truth = truthFile is null
                ? null
                : new FileStream(truthFile.FullName, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20, useAsync: true);
            await new CorpusSynthesizer(options).WriteAsync(corpus, truth, null, ct);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"error: cannot write {outFile.FullName}{(truthFile is null ? "" : $" or {truthFile.FullName}")}: {ex.Message}");
            return ExitCodes.InputError;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var bytes = new FileInfo(outFile.FullName).Length;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {options.Papers} papers ({bytes / 1e6:0.0} MB) to {outFile.FullName}{(truthFile is null ? "" : $", planted facts to {truthFile.FullName}")} in {seconds:0.0}s (seed {options.Seed})"));
        return ExitCodes.Ok;
    }
}
