using Microsoft.AspNetCore.Http.HttpResults;
using PaperGraph.Core;

namespace PaperGraph.Api;

/// <summary><c>GET /api/entities/{id}/neighbors?depth=&amp;types=</c>.</summary>
internal static class EntityEndpoints
{
    public static RouteGroupBuilder MapEntities(this RouteGroupBuilder api)
    {
        api.MapGet("/entities/{id}/neighbors", GetNeighborsAsync)
            .WithName("GetNeighbors")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Nodes within depth hops of an entity (id or name), optionally over some relationship types (comma-separated), paged.");
        return api;
    }

    internal static async Task<Results<Ok<NeighborsResult>, ValidationProblem, ProblemHttpResult>> GetNeighborsAsync(
        string id, int? depth, string? types, int? offset, int? limit, GraphHost host, CancellationToken cancellationToken)
    {
        var errors = new ApiLimits.Errors();
        var entity = errors.Name("id", id);
        var d = errors.Range("depth", depth, 1, ApiLimits.MaxNeighborDepth, 1);
        var t = errors.Types("types", types);
        var page = errors.Page(offset, limit);
        if (errors.Any)
        {
            return Respond.Invalid(errors);
        }

        return Respond.From(await host.Queries!.NeighborsAsync(entity, d, t, page, cancellationToken).ConfigureAwait(false), "entity");
    }
}
