using Microsoft.AspNetCore.Http.HttpResults;
using PaperGraph.Core;

namespace PaperGraph.Api;

/// <summary><c>GET /api/search?q=&amp;label=&amp;limit=</c>.</summary>
internal static class SearchEndpoints
{
    public static RouteGroupBuilder MapSearch(this RouteGroupBuilder api)
    {
        api.MapGet("/search", SearchAsync)
            .WithName("Search")
            .WithSummary("Typo-tolerant search over names and aliases, best first.");
        return api;
    }

    internal static async Task<Results<Ok<IReadOnlyList<SearchHit>>, ValidationProblem>> SearchAsync(
        string? q, string? label, int? limit, GraphHost host, CancellationToken cancellationToken)
    {
        var errors = new ApiLimits.Errors();
        var query = errors.Name("q", q);
        var l = errors.Label("label", label);
        var max = errors.Range("limit", limit, 1, ApiLimits.MaxSearchLimit, 10);
        if (errors.Any)
        {
            return Respond.Invalid(errors);
        }

        return TypedResults.Ok(await host.Queries!.SearchAsync(query, l, max, cancellationToken).ConfigureAwait(false));
    }
}
