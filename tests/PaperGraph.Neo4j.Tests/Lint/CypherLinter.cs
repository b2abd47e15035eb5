using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PaperGraph.Core;

namespace PaperGraph.Neo4j.Tests;

/// <summary>One diagnostic of Neo4j's linter.</summary>
internal sealed record LintDiagnostic(string Severity, string Message, int? Line, int? Column);

/// <summary>One statement to lint and what the linter said.</summary>
internal sealed record LintResult(string Name, IReadOnlyList<LintDiagnostic> Diagnostics)
{
    /// <summary>Errors, plus warnings about labels or types outside the closed schema (a typo there is a bug too).</summary>
    public IEnumerable<LintDiagnostic> Failures => Diagnostics.Where(d =>
        d.Severity == "error" ||
        (d.Severity == "warning" && (d.Message.StartsWith("Label ", StringComparison.Ordinal) || d.Message.StartsWith("Relationship type ", StringComparison.Ordinal))));
}

/// <summary>Runs tools/cypher-lint/lint.js (lintCypherQuery from @neo4j-cypher/language-support) over statements.</summary>
internal static partial class CypherLinter
{
    public static string RepoRoot { get; } = FindRepoRoot();

    private static string LintDirectory => Path.Combine(RepoRoot, "tools", "cypher-lint");

    /// <summary>The property keys a statement may use: ours, the spec's, and what the fixtures add.</summary>
    private static readonly string[] PropertyKeys =
    [
        .. CypherStatements.ReservedKeys, "title", "year", "url", "authors", "abstract", "parameters", "activeParameters", "version", "variant",
        "acronym", "category", "kind", "value", "unit", "metric", "setting", "outcome", "confidence", "weird key`",
    ];

    /// <summary>Lints statements; <paramref name="statements"/> carry the parameter names each may use.</summary>
    public static IReadOnlyList<LintResult> Lint(IEnumerable<(string Name, string Statement, IEnumerable<string> Parameters)> statements)
    {
        EnsureInstalled();
        var input = new JsonObject
        {
            ["schema"] = new JsonObject
            {
                ["labels"] = new JsonArray(Schema.Labels.Select(l => (JsonNode)Schema.LabelName(l)).ToArray()),
                ["relationshipTypes"] = new JsonArray(Schema.Types.Select(t => (JsonNode)Schema.TypeName(t)).ToArray()),
                ["propertyKeys"] = new JsonArray(PropertyKeys.Select(k => (JsonNode)k).ToArray()),
                ["parameters"] = new JsonObject(),
            },
            ["statements"] = new JsonArray(statements.Select(s => (JsonNode)new JsonObject
            {
                ["name"] = s.Name,
                ["statement"] = s.Statement,
                ["parameters"] = new JsonArray(s.Parameters.Select(p => (JsonNode)p).ToArray()),
            }).ToArray()),
        };

        var start = new ProcessStartInfo("node", [Path.Combine(LintDirectory, "lint.js")])
        {
            WorkingDirectory = LintDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new System.Text.UTF8Encoding(false),
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input.ToJsonString());
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("cypher-lint did not finish within 3 minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"cypher-lint failed (exit {process.ExitCode}): {stderr.Result}");
        }

        using var doc = JsonDocument.Parse(stdout.Result);
        return doc.RootElement.EnumerateArray().Select(r => new LintResult(
            r.GetProperty("name").GetString()!,
            r.GetProperty("diagnostics").EnumerateArray().Select(d => new LintDiagnostic(
                d.GetProperty("severity").GetString()!,
                d.GetProperty("message").GetString()!,
                d.GetProperty("line").ValueKind == JsonValueKind.Number ? d.GetProperty("line").GetInt32() : null,
                d.GetProperty("column").ValueKind == JsonValueKind.Number ? d.GetProperty("column").GetInt32() : null)).ToList())).ToList();
    }

    /// <summary>Parameter names a query file documents in its header (<c>:param name => ...</c> or <c>:param {a: 1, b: 2}</c>).</summary>
    public static IReadOnlyList<string> DocumentedParameters(string text)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (Match m in ParamArrow().Matches(text))
        {
            names.Add(m.Groups["name"].Value);
        }

        foreach (Match m in ParamMap().Matches(text))
        {
            foreach (Match key in MapKey().Matches(m.Groups["map"].Value))
            {
                names.Add(key.Groups["name"].Value);
            }
        }

        return names.ToList();
    }

    /// <summary>A readable report of every failure, for assertion messages.</summary>
    public static string Report(IEnumerable<LintResult> results) =>
        string.Join('\n', results.SelectMany(r => r.Failures.Select(d => $"{r.Name}:{d.Line}:{d.Column}: {d.Severity}: {d.Message}")));

    private static void EnsureInstalled()
    {
        var package = Path.Combine(LintDirectory, "node_modules", "@neo4j-cypher", "language-support", "package.json");
        if (!File.Exists(package))
        {
            throw new InvalidOperationException(
                $"The Cypher linter is not installed: {package} is missing. Run `npm ci` in tools/cypher-lint (test.sh and .ci/run do it).");
        }

        try
        {
            using var probe = Process.Start(new ProcessStartInfo("node", ["--version"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            probe.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("Node.js is required for the Cypher lint tests but `node` is not on PATH (.ci/run installs it).", ex);
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PaperGraph.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PaperGraph.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@":param\s+`?(?<name>[A-Za-z_][A-Za-z0-9_]*)`?\s*=>")]
    private static partial Regex ParamArrow();

    [GeneratedRegex(@":params?\s*(?<map>\{.*\})")]
    private static partial Regex ParamMap();

    [GeneratedRegex(@"(?:^|[{,])\s*`?(?<name>[A-Za-z_][A-Za-z0-9_]*)`?\s*:")]
    private static partial Regex MapKey();
}
