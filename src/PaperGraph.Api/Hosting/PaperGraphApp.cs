using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Timeouts;
using Scalar.AspNetCore;

namespace PaperGraph.Api;

/// <summary>Builds the web application: services, middleware and every endpoint. Used by Program and by <c>papergraph serve</c>.</summary>
internal static class PaperGraphApp
{
    /// <summary>Creates the application; <paramref name="configure"/> may override options after configuration binding.</summary>
    public static WebApplication Create(string[] args, Action<PaperGraphOptions>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        var options = new PaperGraphOptions();
        builder.Configuration.GetSection(PaperGraphOptions.Section).Bind(options);
        configure?.Invoke(options);
        builder.Services.AddSingleton(options);

        // Per-request framework logs would cost more than a query; warnings and errors still show.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);

        // A 10 kB query string must reach the app and get a 400 ProblemDetails, not a bare 414 from Kestrel.
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestLineSize = 32 * 1024);

        builder.Services.AddProblemDetails(p => p.CustomizeProblemDetails = ctx =>
        {
            // Never let internals travel: the developer exception details and anything an exception carried.
            ctx.ProblemDetails.Extensions.Remove("exception");
            if (ctx.Exception is not null)
            {
                ctx.ProblemDetails.Detail = "An internal error occurred; the server log has the details.";
            }
        });
        builder.Services.ConfigureHttpJsonOptions(j => j.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never);
        builder.Services.AddOpenApi();
        builder.Services.AddRequestTimeouts(t => t.DefaultPolicy = new RequestTimeoutPolicy
        {
            Timeout = TimeSpan.FromSeconds(Math.Max(1, options.RequestTimeoutSeconds)),
            TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
        });
        if (options.CorsOrigins.Count > 0)
        {
            builder.Services.AddCors(c => c.AddDefaultPolicy(p => p.WithOrigins([.. options.CorsOrigins]).AllowAnyHeader().WithMethods("GET")));
        }

        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddSingleton(sp => new GraphHost(GraphHost.FromOptions(options, contentRoot), sp.GetRequiredService<ILogger<GraphHost>>()));
        builder.Services.AddHostedService<GraphLoader>();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (options.CorsOrigins.Count > 0)
        {
            app.UseCors();
        }

        app.UseRequestTimeouts();
        app.MapOpenApi();
        app.MapScalarApiReference();
        app.MapHealth();
        var api = app.MapGroup("/api")
            .AddEndpointFilter<GraphReadyFilter>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status504GatewayTimeout);
        api.MapLineage()
            .MapFamilies()
            .MapTechniques()
            .MapBenchmarks()
            .MapPapers()
            .MapSearch()
            .MapPaths()
            .MapEntities()
            .MapStats();
        return app;
    }
}
