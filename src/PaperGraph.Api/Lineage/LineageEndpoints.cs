using Microsoft.AspNetCore.Http.HttpResults;
using PaperGraph.Core;

namespace PaperGraph.Api;

/// <summary><c>GET /api/models/{name}/lineage</c>.</summary>
internal static class LineageEndpoints
{
    public static RouteGroupBuilder MapLineage(this RouteGroupBuilder api)
    {
        api.MapGet("/models/{name}/lineage", GetAsync)
            .WithName("GetModelLineage")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("The DERIVED_FROM and SUCCEEDS tree of a model, each edge with its kind and evidence.");
        return api;
    }

    internal static async Task<Results<Ok<LineageResult>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string name, string? direction, int? depth, GraphHost host, CancellationToken cancellationToken)
    {
        var errors = new ApiLimits.Errors();
        var model = errors.Name("name", name);
        var dir = errors.Direction("direction", direction);
        var d = errors.Range("depth", depth, 1, ApiLimits.MaxLineageDepth, 3);
        if (errors.Any)
        {
            return Respond.Invalid(errors);
        }

        return Respond.From(await host.Queries!.LineageAsync(model, dir, d, cancellationToken).ConfigureAwait(false), "model");
    }
}
