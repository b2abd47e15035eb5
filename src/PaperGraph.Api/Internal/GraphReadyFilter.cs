using Microsoft.AspNetCore.Http.HttpResults;

namespace PaperGraph.Api;

/// <summary>Answers 503 on every /api route until the graph is loaded.</summary>
internal sealed class GraphReadyFilter(GraphHost host) : IEndpointFilter
{
    /// <inheritdoc/>
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (host.Queries is null)
        {
            context.HttpContext.Response.Headers.RetryAfter = "5";
            return NotReady(host);
        }

        return await next(context).ConfigureAwait(false);
    }

    /// <summary>The 503 answer while loading or after a failed load.</summary>
    public static ProblemHttpResult NotReady(GraphHost host) => TypedResults.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: host.Failed ? "Graph unavailable" : "Graph loading",
        detail: host.Failed
            ? "The graph could not be loaded; the server log says why."
            : "The graph is still being loaded; retry shortly.");
}
