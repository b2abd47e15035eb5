using Microsoft.AspNetCore.Http.HttpResults;
using PaperGraph.Core;

namespace PaperGraph.Api;

/// <summary><c>GET /api/techniques/{name}/papers</c>.</summary>
internal static class TechniqueEndpoints
{
    public static RouteGroupBuilder MapTechniques(this RouteGroupBuilder api)
    {
        api.MapGet("/techniques/{name}/papers", GetPapersAsync)
            .WithName("GetTechniquePapers")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Papers that introduce, use or mention a technique (with role and evidence), models using it, its variants and what it is a variant of.");
        return api;
    }

    internal static async Task<Results<Ok<TechniquePapersResult>, ValidationProblem, ProblemHttpResult>> GetPapersAsync(
        string name, int? offset, int? limit, GraphHost host, CancellationToken cancellationToken)
    {
        var errors = new ApiLimits.Errors();
        var technique = errors.Name("name", name);
        var page = errors.Page(offset, limit);
        if (errors.Any)
        {
            return Respond.Invalid(errors);
        }

        return Respond.From(await host.Queries!.TechniquePapersAsync(technique, page, cancellationToken).ConfigureAwait(false), "technique");
    }
}
