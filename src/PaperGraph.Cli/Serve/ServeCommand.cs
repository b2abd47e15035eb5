using System.CommandLine;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PaperGraph.Api;

namespace PaperGraph.Cli;

/// <summary>
/// <c>papergraph serve [--graph out/graph.json | inputs...] [--neo4j URL --user NAME --password-env VAR --database neo4j]
/// [--urls http://127.0.0.1:5080]</c>: the traversal service over the in-memory graph (default: built from seeds/) or Neo4j.
/// </summary>
public static class ServeCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "Corpus files or directories to build the graph from (default: seeds/).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var graph = new Option<FileInfo?>("--graph", "-g") { Description = "Load a prebuilt graph.json instead of building one." };
        var neo4j = new Option<string?>("--neo4j") { Description = "Answer from this Neo4j server (http://localhost:7474) instead of memory." };
        var user = new Option<string>("--user") { Description = "Neo4j user.", DefaultValueFactory = _ => "neo4j" };
        var passwordEnv = new Option<string>("--password-env")
        {
            Description = "Environment variable that holds the Neo4j password.",
            DefaultValueFactory = _ => "NEO4J_PASSWORD",
        };
        var database = new Option<string>("--database") { Description = "Neo4j database.", DefaultValueFactory = _ => "neo4j" };
        var urls = new Option<string>("--urls")
        {
            Description = "Address(es) to listen on, ';'-separated.",
            DefaultValueFactory = _ => "http://127.0.0.1:5080",
        };
        var timeout = new Option<int>("--timeout")
        {
            Description = "Seconds a request may run before it is cancelled (504).",
            DefaultValueFactory = _ => 10,
        };

        var command = new Command("serve", "Serve the traversal API (lineage, techniques, leaderboards, paths, search) over HTTP; OpenAPI UI at /scalar.")
        {
            inputs, graph, neo4j, user, passwordEnv, database, urls, timeout,
        };
        command.SetAction(async (parse, ct) =>
        {
            var inputList = parse.GetValue(inputs) ?? [];
            var graphFile = parse.GetValue(graph);
            var neo4jText = parse.GetValue(neo4j);
            Uri? neo4jUri = null;
            if (neo4jText is not null && (!Uri.TryCreate(neo4jText, UriKind.Absolute, out neo4jUri) || neo4jUri.Scheme is not ("http" or "https")))
            {
                await Console.Error.WriteLineAsync($"error: --neo4j must be an http(s) URL such as http://localhost:7474 (got '{neo4jText}').");
                return ExitCodes.Usage;
            }

            var sources = (inputList.Length > 0 ? 1 : 0) + (graphFile is null ? 0 : 1) + (neo4jUri is null ? 0 : 1);
            if (sources > 1)
            {
                await Console.Error.WriteLineAsync("error: give one graph source: inputs, --graph FILE or --neo4j URL.");
                return ExitCodes.Usage;
            }

            if (graphFile is { Exists: false })
            {
                await Console.Error.WriteLineAsync($"error: {graphFile.FullName}: file not found.");
                return ExitCodes.InputError;
            }

            if (parse.GetValue(timeout) is < 1 or > 600)
            {
                await Console.Error.WriteLineAsync("error: --timeout must be between 1 and 600 seconds.");
                return ExitCodes.Usage;
            }

            var missing = inputList.Where(i => !File.Exists(i) && !Directory.Exists(i)).ToList();
            if (missing.Count > 0)
            {
                await Console.Error.WriteLineAsync($"error: input not found: {string.Join(", ", missing)}");
                return ExitCodes.InputError;
            }

            var listen = parse.GetValue(urls)!;
            var app = PaperGraphApp.Create(["--urls", listen], options =>
            {
                options.Graph = graphFile?.FullName;
                foreach (var input in inputList)
                {
                    options.Inputs.Add(input);
                }

                options.Neo4jUri = neo4jUri;
                options.Neo4jUser = parse.GetValue(user)!;
                options.Neo4jPasswordEnv = parse.GetValue(passwordEnv)!;
                options.Neo4jDatabase = parse.GetValue(database)!;
                options.RequestTimeoutSeconds = parse.GetValue(timeout);
            });
            await using (app.ConfigureAwait(false))
            {
                return await RunAsync(app, listen, neo4jUri, ct).ConfigureAwait(false);
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(WebApplication app, string listen, Uri? neo4j, CancellationToken ct)
    {
        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"error: cannot listen on {listen}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.InputError;
        }

        var first = listen.Split(';')[0].TrimEnd('/');
        Console.WriteLine($"listening on {listen}; OpenAPI UI at {first}/scalar, document at {first}/openapi/v1.json");
        Console.WriteLine(neo4j is null ? "loading the graph..." : $"answering from Neo4j at {neo4j.GetLeftPart(UriPartial.Authority)}");
        var host = app.Services.GetRequiredService<GraphHost>();
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        try
        {
            var queries = await host.WaitAsync(CancellationTokenSource.CreateLinkedTokenSource(ct, lifetime.ApplicationStopping).Token).ConfigureAwait(false);
            if (neo4j is null)
            {
                var stats = await queries.StatsAsync(ct).ConfigureAwait(false);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"ready: {stats.Nodes} nodes, {stats.Relationships} relationships ({stats.NodesByLabel["Paper"]} papers)"));
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped while loading; shut down below.
        }
#pragma warning disable CA1031 // Report any load failure to the user and exit with an input error.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await Console.Error.WriteLineAsync($"error: the graph could not be loaded: {ex.Message}").ConfigureAwait(false);
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            return ExitCodes.InputError;
        }

        try
        {
            await app.WaitForShutdownAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C.
        }

        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
