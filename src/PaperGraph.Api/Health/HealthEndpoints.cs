using Microsoft.AspNetCore.Http.HttpResults;

namespace PaperGraph.Api;

/// <summary><c>GET /health</c> (the process is up) and <c>GET /ready</c> (the graph is loaded).</summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", () => TypedResults.Ok(new HealthStatus("ok")))
            .WithName("Health")
            .WithSummary("Liveness: the process answers.");
        app.MapGet("/ready", GetReady)
            .WithName("Ready")
            .WithSummary("Readiness: 200 once the graph is loaded, 503 before (or when loading failed).");
        return app;
    }

    internal static Results<Ok<HealthStatus>, ProblemHttpResult> GetReady(GraphHost host) =>
        host.Queries is not null
            ? TypedResults.Ok(new HealthStatus("ready"))
            : GraphReadyFilter.NotReady(host);
}

/// <summary>A health answer.</summary>
/// <param name="Status">ok or ready.</param>
internal sealed record HealthStatus(string Status);
