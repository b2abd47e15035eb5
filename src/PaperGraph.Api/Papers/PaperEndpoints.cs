using Microsoft.AspNetCore.Http.HttpResults;
using PaperGraph.Core;

namespace PaperGraph.Api;

/// <summary><c>GET /api/papers/{id}</c>.</summary>
internal static class PaperEndpoints
{
    public static RouteGroupBuilder MapPapers(this RouteGroupBuilder api)
    {
        api.MapGet("/papers/{id}", GetAsync)
            .WithName("GetPaper")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("A paper (by id or exact title) and everything extracted from it, with evidence.");
        return api;
    }

    internal static async Task<Results<Ok<PaperDetailsResult>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string id, GraphHost host, CancellationToken cancellationToken)
    {
        var errors = new ApiLimits.Errors();
        var paper = errors.Name("id", id);
        if (errors.Any)
        {
            return Respond.Invalid(errors);
        }

        return Respond.From(await host.Queries!.PaperAsync(paper, cancellationToken).ConfigureAwait(false), "paper");
    }
}
