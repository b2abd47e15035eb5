using Microsoft.AspNetCore.Http.HttpResults;
using PaperGraph.Core;

namespace PaperGraph.Api;

/// <summary><c>GET /api/families/{name}</c>.</summary>
internal static class FamilyEndpoints
{
    public static RouteGroupBuilder MapFamilies(this RouteGroupBuilder api)
    {
        api.MapGet("/families/{name}", GetAsync)
            .WithName("GetFamily")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("The models of a family (names starting with the family name) and how they connect.");
        return api;
    }

    internal static async Task<Results<Ok<FamilyResult>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string name, GraphHost host, CancellationToken cancellationToken)
    {
        var errors = new ApiLimits.Errors();
        var family = errors.Name("name", name);
        if (errors.Any)
        {
            return Respond.Invalid(errors);
        }

        return Respond.From(await host.Queries!.FamilyAsync(family, cancellationToken).ConfigureAwait(false), "model family");
    }
}
