using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PaperGraph.Core;

namespace PaperGraph.Api;

/// <summary><c>GET /api/path?from=&amp;to=&amp;maxDepth=</c>.</summary>
internal static class PathEndpoints
{
    public static RouteGroupBuilder MapPaths(this RouteGroupBuilder api)
    {
        api.MapGet("/path", GetAsync)
            .WithName("GetShortestPath")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("A shortest path between two entities (names or ids), edges taken in either direction; 404 when none within maxDepth.");
        return api;
    }

    internal static async Task<Results<Ok<PathResult>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string? from, string? to, int? maxDepth, GraphHost host, CancellationToken cancellationToken)
    {
        var errors = new ApiLimits.Errors();
        var source = errors.Name("from", from);
        var target = errors.Name("to", to);
        var depth = errors.Range("maxDepth", maxDepth, 1, ApiLimits.MaxPathDepth, 6);
        if (errors.Any)
        {
            return Respond.Invalid(errors);
        }

        var lookup = await host.Queries!.ShortestPathAsync(source, target, depth, cancellationToken).ConfigureAwait(false);
        if (lookup.Value is { Found: false } empty)
        {
            return TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Title = "No path",
                Detail = $"No path of at most {depth} hops connects {empty.Source.Name} and {empty.Target.Name}.",
            });
        }

        return Respond.From(lookup, "entity");
    }
}
