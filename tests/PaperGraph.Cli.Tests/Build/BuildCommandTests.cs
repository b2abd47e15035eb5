using System.Text.Json;
using System.Text.RegularExpressions;
using PaperGraph.Core;
using Spectre.Console;

namespace PaperGraph.Cli.Tests;

public sealed partial class BuildCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("papergraph-build-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        _out.Dispose();
        _err.Dispose();
    }

    private static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PaperGraph.sln")))
            {
                dir = dir.Parent;
            }

            return dir!.FullName;
        }
    }

    private static string Fixture(string name) => Path.Combine(RepoRoot, "tests", "fixtures", "corpus", name);

    private static IAnsiConsole Console(TextWriter writer) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.No,
        ColorSystem = ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
        Out = new AnsiConsoleOutput(writer),
    });

    /// <summary>A stand-in extractor (the build command is tested apart from extraction quality).</summary>
    private static PaperExtraction Extract(Paper paper)
    {
        var text = paper.Text;
        var entities = new List<ExtractedEntity>();
        var relations = new List<ExtractedRelation>();
        foreach (Match m in ModelToken().Matches(text))
        {
            entities.Add(new ExtractedEntity(NodeLabel.Model, m.Value, [m.Value], new Dictionary<string, object?>()));
            relations.Add(new ExtractedRelation(RelType.Mentions, new EntityRef(NodeLabel.Paper, paper.Id),
                new EntityRef(NodeLabel.Model, m.Value), new Dictionary<string, object?>(), 0, text.Length, m.Index,
                m.Index + m.Length, "test.token", 0.5));
        }

        return new PaperExtraction(paper, entities, relations, []);
    }

    [GeneratedRegex(@"\bDeepSeek-[A-Z][A-Za-z0-9.]*\b")]
    private static partial Regex ModelToken();

    private Task<int> Run(string cwd, params string[] args) => Run(cwd, false, args);

    private Task<int> Run(string cwd, bool strict, params string[] inputs) =>
        BuildRunner.RunAsync(new BuildSettings(inputs, Path.Combine(_dir, "out"), null, strict, null, 2, false),
            Console(_out), _err, cwd, Extract, CancellationToken.None);

    [Fact]
    public async Task Build_without_inputs_finds_the_seeds_and_writes_every_output()
    {
        var code = await Run(Path.Combine(RepoRoot, "tests"));

        Assert.Equal(ExitCodes.Ok, code);
        Assert.True(File.Exists(Path.Combine(_dir, "out", "graph.json")));
        Assert.True(File.Exists(Path.Combine(_dir, "out", "graph.cypher")));
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "out", "report.json")));
        Assert.Equal(33, report.RootElement.GetProperty("papers").GetInt32());
        Assert.Equal(0, report.RootElement.GetProperty("skipped").GetArrayLength());
        Assert.Equal(3, report.RootElement.GetProperty("ignored").GetArrayLength());
    }

    [Fact]
    public async Task Build_prints_a_summary_table_with_papers_labels_types_and_elapsed_time()
    {
        await Run(RepoRoot);

        var text = _out.ToString();
        Assert.Matches(@"Papers\s*│\s*33", text);
        Assert.Contains("Nodes: Organization", text);
        Assert.Contains("Relationships: DERIVED_FROM", text);
        Assert.Contains("Skipped records", text);
        Assert.Contains("Duplicates merged", text);
        Assert.Contains("papers/s", text);
        Assert.Contains("graph.json", text);
        Assert.Equal("", _err.ToString());
    }

    [Fact]
    public async Task Bad_records_are_reported_in_report_json_and_give_exit_code_1()
    {
        var code = await Run(RepoRoot, Fixture("truncated.txt"), Fixture("bad.jsonl"), Fixture("duplicates.txt"));

        Assert.Equal(ExitCodes.InputError, code);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "out", "report.json")));
        var skipped = report.RootElement.GetProperty("skipped").EnumerateArray().ToList();
        Assert.Equal(9, skipped.Count);
        Assert.Contains(skipped, s => s.GetProperty("file").GetString()!.EndsWith("truncated.txt", StringComparison.Ordinal)
                                      && s.GetProperty("line").GetInt32() == 9);
        Assert.True(report.RootElement.GetProperty("duplicates").GetArrayLength() >= 1);
        var err = _err.ToString();
        Assert.Contains("bad.jsonl:2: field \"abstract\" must be a string, got number", err);
        Assert.Contains("9 records skipped", err);
        Assert.True(File.Exists(Path.Combine(_dir, "out", "graph.json")));
    }

    [Fact]
    public async Task Strict_build_stops_at_the_first_bad_record_and_writes_nothing()
    {
        var code = await Run(RepoRoot, true, Fixture("bad.jsonl"));

        Assert.Equal(ExitCodes.InputError, code);
        Assert.Contains("bad.jsonl:1: field \"title\" is missing", _err.ToString());
        Assert.False(File.Exists(Path.Combine(_dir, "out", "graph.json")));
    }

    [Fact]
    public async Task Missing_input_is_an_input_error_naming_the_path()
    {
        var code = await Run(_dir, Path.Combine(_dir, "missing.jsonl"));

        Assert.Equal(ExitCodes.InputError, code);
        Assert.Contains("missing.jsonl: no such file or directory", _err.ToString());
    }

    [Fact]
    public async Task No_input_and_no_seeds_directory_is_an_input_error()
    {
        var code = await Run(Path.GetPathRoot(_dir)!);

        Assert.Equal(ExitCodes.InputError, code);
        Assert.Contains("no seeds/ directory", _err.ToString());
    }

    [Fact]
    public async Task Two_builds_give_byte_identical_outputs()
    {
        await Run(RepoRoot);
        var json = await File.ReadAllBytesAsync(Path.Combine(_dir, "out", "graph.json"));
        var cypher = await File.ReadAllBytesAsync(Path.Combine(_dir, "out", "graph.cypher"));

        await Run(RepoRoot);

        Assert.Equal(json, await File.ReadAllBytesAsync(Path.Combine(_dir, "out", "graph.json")));
        Assert.Equal(cypher, await File.ReadAllBytesAsync(Path.Combine(_dir, "out", "graph.cypher")));
    }

    [Fact]
    public async Task Two_builds_of_the_seeds_with_the_real_extractor_give_byte_identical_outputs()
    {
        async Task<(byte[] Json, byte[] Cypher, int Code)> BuildWith(int parallelism, string outDir)
        {
            var code = await BuildRunner.RunAsync(new BuildSettings([], outDir, null, false, null, parallelism, false),
                Console(_out), _err, RepoRoot, null, CancellationToken.None);
            return (await File.ReadAllBytesAsync(Path.Combine(outDir, "graph.json")),
                await File.ReadAllBytesAsync(Path.Combine(outDir, "graph.cypher")), code);
        }

        var first = await BuildWith(1, Path.Combine(_dir, "a"));
        var second = await BuildWith(2, Path.Combine(_dir, "b"));

        Assert.Equal(ExitCodes.Ok, first.Code);
        Assert.Equal(first.Json, second.Json);
        Assert.Equal(first.Cypher, second.Cypher);
        using var doc = JsonDocument.Parse(first.Json);
        var labels = doc.RootElement.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("label").GetString()!).ToHashSet();
        Assert.Equal(33, doc.RootElement.GetProperty("nodes").EnumerateArray().Count(n => n.GetProperty("label").GetString() == "Paper"));
        Assert.Equal(Schema.Labels.Select(Schema.LabelName).ToHashSet(), labels);
    }

    [Fact]
    public async Task A_vocabulary_directory_without_vocabulary_files_is_an_input_error()
    {
        var vocab = Directory.CreateDirectory(Path.Combine(_dir, "vocab")).FullName;

        var code = await BuildRunner.RunAsync(new BuildSettings([], Path.Combine(_dir, "out"), null, false, vocab, 1, false),
            Console(_out), _err, RepoRoot, null, CancellationToken.None);

        Assert.Equal(ExitCodes.InputError, code);
        Assert.Contains("error: ", _err.ToString());
        Assert.Contains("vocab", _err.ToString());
    }

    [Fact]
    public async Task An_arxiv_feed_and_a_jsonl_file_are_detected_and_built_together()
    {
        var code = await Run(RepoRoot, Fixture("arxiv-sample.atom.xml"), Fixture("papers.jsonl"));

        Assert.Equal(ExitCodes.Ok, code);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "out", "report.json")));
        Assert.Equal(["arxiv", "jsonl"], report.RootElement.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("format").GetString()));
        Assert.Equal(5, report.RootElement.GetProperty("papers").GetInt32());
        var dup = Assert.Single(report.RootElement.GetProperty("duplicates").EnumerateArray());
        Assert.Equal("arxiv:2402.03300", dup.GetProperty("paper").GetString());
    }

    [Fact]
    public void Seeds_are_found_from_a_subdirectory_of_the_repository() =>
        Assert.Equal(Path.Combine(RepoRoot, "seeds"), BuildRunner.FindSeeds(Path.Combine(RepoRoot, "src", "PaperGraph.Cli")));

    [Theory]
    [InlineData("--format", "pdf")]
    [InlineData("--parallelism", "0")]
    [InlineData("--no-such-option")]
    public void Bad_usage_is_a_parse_error(params string[] args) =>
        Assert.NotEmpty(BuildCommand.Create().Parse(args).Errors);

    [Fact]
    public void Good_usage_parses()
    {
        var parse = BuildCommand.Create().Parse(["a.jsonl", "dir", "--out", "o", "--format", "jsonl", "--strict", "-j", "2", "--progress"]);

        Assert.Empty(parse.Errors);
    }
}
