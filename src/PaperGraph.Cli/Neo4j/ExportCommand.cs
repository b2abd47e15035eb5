using System.CommandLine;
using PaperGraph.Core;
using Spectre.Console;

namespace PaperGraph.Cli;

/// <summary>
/// <c>papergraph export [inputs...] --format neo4j-admin|cypher --out DIR</c>: bulk-import CSVs for
/// <c>neo4j-admin database import full</c>, or graph.cypher.
/// </summary>
public static class ExportCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var inputs = GraphInput.Inputs();
        var corpusFormat = GraphInput.Format();
        var graphFile = GraphInput.GraphFile();
        var format = new Option<string>("--format")
        {
            Description = "neo4j-admin (CSV files for neo4j-admin database import full) or cypher (graph.cypher).",
            DefaultValueFactory = _ => "neo4j-admin",
        };
        format.AcceptOnlyFromAmong("neo4j-admin", "cypher");
        var output = new Option<string>("--out") { Description = "Output directory.", DefaultValueFactory = _ => Path.Combine("out", "neo4j-import") };
        var arrayDelimiter = new Option<string>("--array-delimiter")
        {
            Description = "Array delimiter of the CSVs (one character; pass the same to neo4j-admin).",
            DefaultValueFactory = _ => ";",
        };

        var command = new Command("export", "Export the graph for Neo4j: CSVs for neo4j-admin bulk import, or a Cypher script.")
        {
            inputs, corpusFormat, graphFile, format, output, arrayDelimiter,
        };
        command.SetAction(async (parse, ct) =>
        {
            var delimiter = parse.GetValue(arrayDelimiter)!;
            if (delimiter.Length != 1)
            {
                await Console.Error.WriteLineAsync($"error: --array-delimiter must be one character (got \"{delimiter}\").");
                return ExitCodes.Usage;
            }

            var graph = await GraphInput.LoadAsync(parse.GetValue(inputs), parse.GetValue(corpusFormat), parse.GetValue(graphFile), ct);
            if (graph is null)
            {
                return ExitCodes.InputError;
            }

            var dir = parse.GetValue(output)!;
            try
            {
                if (parse.GetValue(format) == "cypher")
                {
                    Directory.CreateDirectory(dir);
                    var path = Path.Combine(dir, "graph.cypher");
                    await using var stream = new DropBehindFileStream(path);
                    await CypherScriptWriter.WriteAsync(graph, stream, ct);
                    AnsiConsole.MarkupLineInterpolated($"Wrote [bold]{path}[/]: cypher-shell -u neo4j -f {path}");
                    return ExitCodes.Ok;
                }

                var export = await Neo4jAdminCsvExporter.ExportAsync(graph, dir, ct, delimiter[0]);
                AnsiConsole.MarkupLineInterpolated($"Wrote {export.NodeFiles.Count + export.RelationshipFiles.Count} CSV files to [bold]{dir}[/]. Import them (Neo4j stopped) from that directory with:");
                Console.WriteLine(export.ImportCommand);
                AnsiConsole.MarkupLine("then create the constraints and indexes: [bold]cypher-shell -u neo4j -f cypher/schema.cypher[/]");
                return ExitCodes.Ok;
            }
            catch (ArgumentException ex)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.Usage;
            }
            catch (InvalidDataException ex)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.InputError;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"error: cannot write to {dir}: {ex.Message}");
                return ExitCodes.InputError;
            }
        });
        return command;
    }
}
