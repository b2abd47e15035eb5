using System.CommandLine;
using Humanizer;
using PaperGraph.Core;
using PaperGraph.Neo4j;
using Spectre.Console;

namespace PaperGraph.Cli;

/// <summary>
/// <c>papergraph load [inputs... | --graph FILE] --neo4j URL --user NAME --password-env VAR --database neo4j [--batch-size N]</c>:
/// builds the graph and MERGEs it into Neo4j over the HTTP Query API.
/// </summary>
public static class LoadCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var inputs = GraphInput.Inputs();
        var format = GraphInput.Format();
        var graphFile = GraphInput.GraphFile();
        var uri = new Option<string>("--neo4j")
        {
            Description = "Neo4j HTTP URL (the Browser port).",
            DefaultValueFactory = _ => "http://localhost:7474",
        };
        var user = new Option<string>("--user") { Description = "Neo4j user.", DefaultValueFactory = _ => "neo4j" };
        var passwordEnv = new Option<string>("--password-env")
        {
            Description = "Name of the environment variable holding the password (the password itself never goes on the command line).",
            DefaultValueFactory = _ => "NEO4J_PASSWORD",
        };
        var database = new Option<string>("--database") { Description = "Database name.", DefaultValueFactory = _ => "neo4j" };
        var batchSize = new Option<int>("--batch-size") { Description = "Rows per UNWIND statement.", DefaultValueFactory = _ => 500 };
        var timeout = new Option<int>("--timeout") { Description = "Seconds allowed per request.", DefaultValueFactory = _ => 120 };
        var retries = new Option<int>("--retries") { Description = "Retries of a transient failure per statement.", DefaultValueFactory = _ => 5 };

        var command = new Command("load", "Build the graph and load it into Neo4j (idempotent: loading again creates nothing).")
        {
            inputs, format, graphFile, uri, user, passwordEnv, database, batchSize, timeout, retries,
        };
        command.SetAction(async (parse, ct) =>
        {
            var envName = parse.GetValue(passwordEnv)!;
            var password = Environment.GetEnvironmentVariable(envName);
            if (string.IsNullOrEmpty(password))
            {
                await Console.Error.WriteLineAsync($"error: the environment variable {envName} (--password-env) is not set; it must hold the Neo4j password.");
                return ExitCodes.Usage;
            }

            if (!Uri.TryCreate(parse.GetValue(uri), UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
            {
                await Console.Error.WriteLineAsync("error: --neo4j must be the HTTP URL of Neo4j, such as http://localhost:7474 (not bolt://).");
                return ExitCodes.Usage;
            }

            if (parse.GetValue(batchSize) < 1 || parse.GetValue(timeout) < 1 || parse.GetValue(retries) < 0)
            {
                await Console.Error.WriteLineAsync("error: --batch-size and --timeout must be at least 1, --retries at least 0.");
                return ExitCodes.Usage;
            }

            var options = new Neo4jClientOptions
            {
                MaxRetryAttempts = parse.GetValue(retries),
                RequestTimeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                OnRetry = r => AnsiConsole.MarkupLineInterpolated($"[yellow]retry {r.Attempt} in {r.Delay.TotalSeconds:0.0}s[/]: {r.Reason}"),
            };
            Neo4jClient client;
            try
            {
                client = new Neo4jClient(new Neo4jConnection(baseUri, parse.GetValue(user)!, password, parse.GetValue(database)!), options);
            }
            catch (ArgumentException ex)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.Usage;
            }

            using (client)
            {
                var graph = await GraphInput.LoadAsync(parse.GetValue(inputs), parse.GetValue(format), parse.GetValue(graphFile), ct);
                return graph is null ? ExitCodes.InputError : await RunAsync(client, graph, parse.GetValue(batchSize), ct);
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(Neo4jClient client, KnowledgeGraph graph, int batchSize, CancellationToken ct)
    {
        try
        {
            var info = await client.GetServerInfoAsync(ct);
            AnsiConsole.MarkupLineInterpolated($"Neo4j {info.Version} {info.Edition ?? ""}: {(info.HasQueryApi ? "Query API" : "Query API not enabled, using /tx/commit")}");
        }
        catch (Neo4jException ex)
        {
            await Console.Error.WriteLineAsync($"error: cannot read the Neo4j discovery document: {ex.Message}");
            return ExitCodes.InputError;
        }

        var loader = new Neo4jLoader(client, batchSize);
        LoadSummary summary;
        try
        {
            summary = await AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("Loading", maxValue: 1);
                    var progress = new InlineProgress(p =>
                    {
                        task.MaxValue = p.Total;
                        task.Value = p.Done;
                        task.Description = Markup.Escape(p.Step.Split(" batch ")[0]);
                    });
                    return await loader.LoadAsync(graph, progress, ct);
                });
        }
        catch (Neo4jLoadException ex)
        {
            await Console.Error.WriteLineAsync($"error: load stopped at {ex.Step}: {ex.Reason}");
            await Console.Error.WriteLineAsync("Every statement is idempotent: fix the cause and run the same command again to resume.");
            return ExitCodes.InputError;
        }

        var c = summary.Counters;
        var table = new Table().AddColumns("Neo4j counters", "Value");
        table.AddRow("Nodes created", c.NodesCreated.ToString("N0"));
        table.AddRow("Relationships created", c.RelationshipsCreated.ToString("N0"));
        table.AddRow("Properties set", c.PropertiesSet.ToString("N0"));
        table.AddRow("Constraints / indexes added", $"{c.ConstraintsAdded} / {c.IndexesAdded}");
        table.AddRow("Rows sent (nodes / relationships)", $"{summary.NodeRows:N0} / {summary.RelationshipRows:N0}");
        table.AddRow("Statements", summary.Statements.ToString("N0"));
        table.AddRow("Elapsed", summary.Elapsed.Humanize(2));
        AnsiConsole.Write(table);
        if (c.NodesCreated == 0 && c.RelationshipsCreated == 0)
        {
            AnsiConsole.MarkupLine("Nothing new: the graph was already loaded.");
        }

        return ExitCodes.Ok;
    }

    /// <summary>Reports synchronously (Progress&lt;T&gt; would post to the thread pool and lag behind).</summary>
    private sealed class InlineProgress(Action<LoadProgress> report) : IProgress<LoadProgress>
    {
        public void Report(LoadProgress value) => report(value);
    }
}
