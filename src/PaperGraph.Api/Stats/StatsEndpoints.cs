using Microsoft.AspNetCore.Http.HttpResults;
using PaperGraph.Core;

namespace PaperGraph.Api;

/// <summary><c>GET /api/stats</c>.</summary>
internal static class StatsEndpoints
{
    public static RouteGroupBuilder MapStats(this RouteGroupBuilder api)
    {
        api.MapGet("/stats", GetAsync)
            .WithName("GetStats")
            .WithSummary("Node and relationship counts, per label and type.");
        return api;
    }

    internal static async Task<Ok<GraphStats>> GetAsync(GraphHost host, CancellationToken cancellationToken) =>
        TypedResults.Ok(await host.Queries!.StatsAsync(cancellationToken).ConfigureAwait(false));
}
