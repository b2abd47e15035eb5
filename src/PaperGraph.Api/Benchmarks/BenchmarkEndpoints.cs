using Microsoft.AspNetCore.Http.HttpResults;
using PaperGraph.Core;

namespace PaperGraph.Api;

/// <summary><c>GET /api/benchmarks/{name}/results</c>.</summary>
internal static class BenchmarkEndpoints
{
    public static RouteGroupBuilder MapBenchmarks(this RouteGroupBuilder api)
    {
        api.MapGet("/benchmarks/{name}/results", GetResultsAsync)
            .WithName("GetBenchmarkResults")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Reported scores on a benchmark, highest value first, with model, metric, setting and paper.");
        return api;
    }

    internal static async Task<Results<Ok<BenchmarkResultsResult>, ValidationProblem, ProblemHttpResult>> GetResultsAsync(
        string name, int? offset, int? limit, GraphHost host, CancellationToken cancellationToken)
    {
        var errors = new ApiLimits.Errors();
        var benchmark = errors.Name("name", name);
        var page = errors.Page(offset, limit);
        if (errors.Any)
        {
            return Respond.Invalid(errors);
        }

        return Respond.From(await host.Queries!.BenchmarkResultsAsync(benchmark, page, cancellationToken).ConfigureAwait(false), "benchmark");
    }
}
