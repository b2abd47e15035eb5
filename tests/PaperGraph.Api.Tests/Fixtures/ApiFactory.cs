using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PaperGraph.Core.Tests;

namespace PaperGraph.Api.Tests;

/// <summary>The service over a graph chosen by the test: the hand-built sample graph unless told otherwise.</summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    public ApiFactory()
        : this(_ => Task.FromResult<IGraphQueries>(new InMemoryGraphQueries(SampleGraph.Build())))
    {
    }

    internal ApiFactory(Func<CancellationToken, Task<IGraphQueries>> load) => Load = load;

    internal Func<CancellationToken, Task<IGraphQueries>> Load { get; }

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>Waits until the graph is loaded (building the seed graph takes a moment).</summary>
    public async Task<HttpClient> ReadyClientAsync()
    {
        var client = CreateClient();
        await Services.GetRequiredService<GraphHost>().WaitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(3));
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureTestServices(services =>
            services.AddSingleton(new GraphHost(Load, NullLogger<GraphHost>.Instance)));
    }
}

/// <summary>The service over the graph built from seeds/ by the real pipeline (corpus reader + extractor).</summary>
public sealed class SeedApiFactory : ApiFactory
{
    public SeedApiFactory()
        : base(async ct => new InMemoryGraphQueries((await GraphPipeline.BuildAsync(
            new BuildOptions([Path.Combine(RepoRoot(), "seeds")]), null, ct)).Graph))
    {
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PaperGraph.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("PaperGraph.sln not found above the test output.");
    }
}
