using System.Text.Json;
using Humanizer;
using PaperGraph.Core;
using Spectre.Console;

namespace PaperGraph.Cli;

/// <summary>The options of <c>papergraph build</c>, as parsed.</summary>
internal sealed record BuildSettings(
    IReadOnlyList<string> Inputs,
    string OutputDirectory,
    string? Format,
    bool Strict,
    string? VocabularyDirectory,
    int? Parallelism,
    bool Progress);

/// <summary>Runs a build: resolve inputs, build, write the outputs and the report, print the summary.</summary>
internal static class BuildRunner
{
    /// <summary>Corpus size (bytes) from which a progress bar is shown: a few thousand abstracts.</summary>
    public const long ProgressThresholdBytes = 4L * 1024 * 1024;

    private const int ProblemsShown = 20;

    /// <summary>Runs the build and returns the exit code.</summary>
    /// <param name="settings">Parsed options.</param>
    /// <param name="stdout">Where the summary goes.</param>
    /// <param name="stderr">Where errors and warnings go (plain lines, never wrapped, so they can be grepped).</param>
    /// <param name="currentDirectory">Where relative paths start and where seeds/ is looked for.</param>
    /// <param name="extract">Extraction function; null uses the default extractor.</param>
    /// <param name="cancellationToken">Stops the build.</param>
    public static async Task<int> RunAsync(BuildSettings settings, IAnsiConsole stdout, TextWriter stderr,
        string currentDirectory, Func<Paper, PaperExtraction>? extract, CancellationToken cancellationToken)
    {
        var inputs = settings.Inputs.Select(i => Path.IsPathRooted(i) ? i : Path.GetRelativePath(currentDirectory, Path.Combine(currentDirectory, i)))
            .ToList();
        if (inputs.Count == 0)
        {
            var seeds = FindSeeds(currentDirectory);
            if (seeds is null)
            {
                await stderr.WriteLineAsync($"error: no input given and no seeds/ directory in {currentDirectory} or above it. Pass corpus files: papergraph build FILE...");
                return ExitCodes.InputError;
            }

            inputs.Add(seeds);
        }

        var options = new BuildOptions(inputs.Select(i => Path.GetFullPath(i, currentDirectory)).ToList(), settings.Format,
            settings.Strict, settings.Parallelism, settings.VocabularyDirectory);
        var outDir = Path.GetFullPath(settings.OutputDirectory, currentDirectory);

        BuildResult result;
        ProgressLog? log = null;
        try
        {
            var files = GraphPipeline.ExpandInputs(options.Inputs);
            var totalBytes = files.Sum(GraphPipeline.FileSize);
            var large = totalBytes >= ProgressThresholdBytes;
            var showBar = settings.Progress || (large && !Console.IsErrorRedirected);

            // A long build whose stderr goes to a log still says how far it is, in plain lines.
            log = large && !showBar ? new ProgressLog(stderr, totalBytes, TimeSpan.FromSeconds(10)) : null;
            result = showBar
                ? await BuildWithProgressAsync(options, extract, totalBytes, cancellationToken)
                : await BuildAsync(options, extract, log, cancellationToken);
        }
        catch (CorpusException ex)
        {
            await stderr.WriteLineAsync($"error: {Relative(ex.Location.ToString(), currentDirectory)}: {ex.Reason}");
            if (settings.Strict)
            {
                await stderr.WriteLineAsync("(--strict: stopped at the first bad record; nothing was written)");
            }

            return ExitCodes.InputError;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or InvalidDataException)
        {
            // A missing or malformed vocabulary (--vocab) or an input that vanished while reading.
            await stderr.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.InputError;
        }

        var written = new List<(string Name, long Bytes)>();
        try
        {
            Directory.CreateDirectory(outDir);
            log?.Done(result.PaperCount, outDir);

            // The two big files are independent: write them at once, one core each (gigabytes at a million papers).
            var json = Task.Run(() => WriteAtomicallyAsync(Path.Combine(outDir, "graph.json"),
                (s, ct) => GraphJsonWriter.WriteAsync(result.Graph, s, ct), cancellationToken), cancellationToken);
            var cypher = Task.Run(() => WriteAtomicallyAsync(Path.Combine(outDir, "graph.cypher"),
                (s, ct) => CypherScriptWriter.WriteAsync(result.Graph, s, ct), cancellationToken), cancellationToken);
            await Task.WhenAll(json, cypher);
            written.Add(await json);
            written.Add(await cypher);
            written.Add(await WriteAtomicallyAsync(Path.Combine(outDir, "report.json"),
                (s, ct) => BuildReport.WriteAsync(result, currentDirectory, s, ct), cancellationToken));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"error: cannot write to {outDir}: {ex.Message}");
            return ExitCodes.InputError;
        }

        PrintSummary(stdout, result, written, outDir, currentDirectory);
        await PrintProblemsAsync(stderr, result, currentDirectory);
        return result.Skipped.Count > 0 ? ExitCodes.InputError : ExitCodes.Ok;
    }

    /// <summary>
    /// The seeds/ directory for a build with no input: in <paramref name="start"/> or the nearest parent that has one
    /// (so the command works from anywhere inside the repository). Null when there is none.
    /// </summary>
    public static string? FindSeeds(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var seeds = Path.Combine(dir.FullName, "seeds");
            if (Directory.Exists(seeds))
            {
                return seeds;
            }
        }

        return null;
    }

    private static Task<BuildResult> BuildAsync(BuildOptions options, Func<Paper, PaperExtraction>? extract,
        IProgress<BuildProgress>? progress, CancellationToken cancellationToken) =>
        extract is null
            ? GraphPipeline.BuildAsync(options, progress, cancellationToken)
            : GraphPipeline.BuildAsync(options, extract, progress, cancellationToken);

    private static async Task<BuildResult> BuildWithProgressAsync(BuildOptions options, Func<Paper, PaperExtraction>? extract,
        long totalBytes, CancellationToken cancellationToken)
    {
        BuildResult? result = null;
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("Reading and extracting", maxValue: Math.Max(1, totalBytes));
                var progress = new ProgressSink(p =>
                {
                    task.Value = p.BytesRead;
                    task.Description = $"{p.PapersRead:N0} papers";
                });
                result = await BuildAsync(options, extract, progress, cancellationToken);
                task.Value = task.MaxValue;
            });
        return result!;
    }

    private static async Task<(string Name, long Bytes)> WriteAtomicallyAsync(string path, Func<Stream, CancellationToken, Task> write,
        CancellationToken cancellationToken)
    {
        // Write next to the target and rename, so a failed or cancelled build never leaves half a file behind.
        var temp = path + ".tmp";
        try
        {
            // The writers buffer half a megabyte and more themselves; the stream adds no buffer, and drops what the
            // disk has from the page cache (12.7 GB at 1M papers).
            await using (var stream = new DropBehindFileStream(temp))
            {
                await write(stream, cancellationToken);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }

        return (Path.GetFileName(path), new FileInfo(path).Length);
    }

    private static void PrintSummary(IAnsiConsole console, BuildResult result, List<(string Name, long Bytes)> written,
        string outDir, string currentDirectory)
    {
        var graph = result.Graph;
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]PaperGraph build[/]");
        table.AddColumn("What");
        table.AddColumn(new TableColumn("Count").RightAligned());

        var bytes = result.Files.Sum(f => f.Bytes);
        table.AddRow("Input files", $"{result.Files.Count:N0} ({bytes.Bytes().Humanize("0.#")})");
        table.AddRow("[bold]Papers[/]", $"[bold]{result.PaperCount:N0}[/]");
        table.AddEmptyRow();
        foreach (var (label, count) in graph.CountByLabel())
        {
            table.AddRow($"Nodes: {Schema.LabelName(label)}", count.ToString("N0"));
        }

        table.AddRow("[bold]Nodes[/]", $"[bold]{graph.NodeCount:N0}[/]");
        table.AddEmptyRow();
        foreach (var (type, count) in graph.CountByType())
        {
            table.AddRow($"Relationships: {Schema.TypeName(type)}", count == 0 ? "[yellow]0 (none in this corpus)[/]" : count.ToString("N0"));
        }

        table.AddRow("[bold]Relationships[/]", $"[bold]{graph.EdgeCount:N0}[/]");
        table.AddRow("Evidence", $"{graph.CountEvidence():N0} pieces, {graph.Sentences.Count:N0} sentences");
        table.AddEmptyRow();
        table.AddRow("Skipped records", Flag(result.Skipped.Count, "red"));
        table.AddRow("Duplicates merged", Flag(result.Duplicates.Count, "yellow"));
        table.AddRow("Page-noise lines ignored", result.Ignored.Count.ToString("N0"));
        table.AddRow("Unresolved mentions", result.Unresolved.Count.ToString("N0"));
        table.AddRow("Rejected relations", result.Rejected.Count.ToString("N0"));
        table.AddEmptyRow();
        var seconds = Math.Max(result.Elapsed.TotalSeconds, 1e-6);
        table.AddRow("Elapsed", $"{result.Elapsed.Humanize(2, minUnit: Humanizer.TimeUnit.Millisecond)} ({result.PaperCount / seconds:N0} papers/s)");
        console.Write(table);

        foreach (var (name, size) in written)
        {
            console.MarkupLineInterpolated($"wrote {Relative(Path.Combine(outDir, name), currentDirectory)} ({size.Bytes().Humanize("0.#")})");
        }
    }

    private static async Task PrintProblemsAsync(TextWriter stderr, BuildResult result, string currentDirectory)
    {
        var problems = result.Skipped.Select(s => $"skipped: {Relative(s.Source.ToString(), currentDirectory)}: {s.Reason}")
            .Concat(result.Duplicates.Select(d => $"duplicate: {Relative(d.ToString(), currentDirectory)}"))
            .ToList();
        foreach (var line in problems.Take(ProblemsShown))
        {
            await stderr.WriteLineAsync(line);
        }

        if (problems.Count > ProblemsShown)
        {
            await stderr.WriteLineAsync($"... and {problems.Count - ProblemsShown:N0} more: every one is listed in report.json");
        }

        if (result.Skipped.Count > 0)
        {
            await stderr.WriteLineAsync($"{"record".ToQuantity(result.Skipped.Count)} skipped: the outputs hold everything else (exit code 1).");
        }
    }

    private static string Flag(int count, string color) => count == 0 ? "0" : $"[{color}]{count:N0}[/]";

    private static string Relative(string text, string currentDirectory)
    {
        var prefix = Path.TrimEndingDirectorySeparator(currentDirectory) + Path.DirectorySeparatorChar;
        return text.Replace(prefix, "", StringComparison.Ordinal);
    }

    private sealed class ProgressSink(Action<BuildProgress> report) : IProgress<BuildProgress>
    {
        public void Report(BuildProgress value) => report(value);
    }
}

/// <summary>Writes <c>report.json</c>: every input file, skipped record, duplicate, ignored line, unresolved mention and rejected relation.</summary>
internal static class BuildReport
{
    public static async Task WriteAsync(BuildResult result, string currentDirectory, Stream output, CancellationToken cancellationToken)
    {
        await using var w = new Utf8JsonWriter(output, new JsonWriterOptions
        {
            Indented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        string Rel(string path) => Path.IsPathRooted(path) ? Path.GetRelativePath(currentDirectory, path) : path;
        void Location(SourceLocation s)
        {
            w.WriteString("file", Rel(s.File));
            w.WriteNumber("line", s.Line);
        }

        w.WriteStartObject();
        w.WriteNumber("papers", result.PaperCount);
        w.WriteNumber("nodes", result.Graph.NodeCount);
        w.WriteNumber("relationships", result.Graph.EdgeCount);
        w.WriteNumber("elapsedSeconds", Math.Round(result.Elapsed.TotalSeconds, 3));
        w.WriteStartObject("nodesByLabel");
        foreach (var (label, count) in result.Graph.CountByLabel())
        {
            w.WriteNumber(Schema.LabelName(label), count);
        }

        w.WriteEndObject();
        w.WriteStartObject("relationshipsByType");
        foreach (var (type, count) in result.Graph.CountByType())
        {
            w.WriteNumber(Schema.TypeName(type), count);
        }

        w.WriteEndObject();
        w.WriteStartArray("inputs");
        foreach (var f in result.Files)
        {
            w.WriteStartObject();
            w.WriteString("file", Rel(f.Path));
            w.WriteString("format", f.Format);
            w.WriteNumber("bytes", f.Bytes);
            w.WriteNumber("papers", f.Papers);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("skipped");
        foreach (var s in result.Skipped)
        {
            w.WriteStartObject();
            Location(s.Source);
            w.WriteString("reason", s.Reason);
            w.WriteEndObject();
            await FlushIfNeededAsync(w, cancellationToken);
        }

        w.WriteEndArray();
        w.WriteStartArray("duplicates");
        foreach (var d in result.Duplicates)
        {
            w.WriteStartObject();
            w.WriteString("paper", d.PaperId);
            w.WriteString("title", d.Title);
            w.WriteStartObject("kept");
            Location(d.Kept);
            w.WriteEndObject();
            w.WriteStartObject("merged");
            Location(d.Merged);
            w.WriteEndObject();
            w.WriteEndObject();
            await FlushIfNeededAsync(w, cancellationToken);
        }

        w.WriteEndArray();
        w.WriteStartArray("ignored");
        foreach (var s in result.Ignored)
        {
            w.WriteStartObject();
            Location(s.Source);
            w.WriteString("reason", s.Reason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("unresolved");
        foreach (var u in result.UnresolvedByPaper)
        {
            w.WriteStartObject();
            w.WriteString("paper", u.PaperId);
            Location(u.Source);
            w.WriteString("surface", u.Mention.Surface);
            w.WriteNumber("start", u.Mention.Start);
            w.WriteString("reason", u.Mention.Reason);
            w.WriteStartArray("candidates");
            foreach (var c in u.Mention.Candidates)
            {
                w.WriteStringValue(c);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            await FlushIfNeededAsync(w, cancellationToken);
        }

        w.WriteEndArray();
        w.WriteStartArray("rejected");
        foreach (var r in result.Rejected)
        {
            w.WriteStringValue(r);
            await FlushIfNeededAsync(w, cancellationToken);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        await w.FlushAsync(cancellationToken);
    }

    private static async Task FlushIfNeededAsync(Utf8JsonWriter w, CancellationToken cancellationToken)
    {
        if (w.BytesPending > 1 << 20)
        {
            await w.FlushAsync(cancellationToken);
        }
    }
}
