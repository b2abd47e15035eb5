using PaperGraph.Core;
using PaperGraph.Neo4j;

namespace PaperGraph.Api;

/// <summary>
/// Holds the query backend once it is loaded. Loading (building a graph from a corpus can take a while) runs in
/// the background so the process answers /health at once and /ready when the graph is there.
/// </summary>
internal sealed partial class GraphHost(Func<CancellationToken, Task<IGraphQueries>> load, ILogger<GraphHost> logger)
{
    private readonly TaskCompletionSource<IGraphQueries> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The backend, or null while loading or after a failed load.</summary>
    public IGraphQueries? Queries => _ready.Task.IsCompletedSuccessfully ? _ready.Task.Result : null;

    /// <summary>Why loading failed, if it did (shown in logs only; clients get a generic 503).</summary>
    public bool Failed => _ready.Task.IsFaulted;

    /// <summary>Waits for the backend (tests and the CLI use it to wait for readiness).</summary>
    public Task<IGraphQueries> WaitAsync(CancellationToken cancellationToken) => _ready.Task.WaitAsync(cancellationToken);

    /// <summary>Loads the backend once.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            // WaitAsync: shutdown must not wait for a loader that ignores its token.
            var queries = await load(cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false);
            _ready.TrySetResult(queries);
            LogReady(logger);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _ready.TrySetCanceled(cancellationToken);
        }
#pragma warning disable CA1031 // Any load failure must leave the service up and report not-ready, never crash it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogFailed(logger, ex);
            _ready.TrySetException(ex);
        }
    }

    /// <summary>The loader the options ask for: Neo4j, a graph.json, or a build from corpus inputs.</summary>
    public static Func<CancellationToken, Task<IGraphQueries>> FromOptions(PaperGraphOptions options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Neo4jUri is { } uri)
        {
            return _ =>
            {
                var password = Environment.GetEnvironmentVariable(options.Neo4jPasswordEnv)
                    ?? throw new InvalidOperationException($"Environment variable {options.Neo4jPasswordEnv} (the Neo4j password) is not set.");
                var client = new Neo4jClient(new Neo4jConnection(uri, options.Neo4jUser, password, options.Neo4jDatabase));
                return Task.FromResult<IGraphQueries>(new Neo4jGraphQueries(client));
            };
        }

        if (options.Graph is { } graphPath)
        {
            return async ct =>
            {
                var graph = await GraphFiles.ReadGraphJsonAsync(Path.GetFullPath(graphPath, contentRoot), ct).ConfigureAwait(false);
                return new InMemoryGraphQueries(graph);
            };
        }

        var inputs = options.Inputs.Count > 0 ? [.. options.Inputs] : new List<string> { "seeds" };
        return async ct =>
        {
            var result = await GraphPipeline.BuildAsync(
                new BuildOptions([.. inputs.Select(i => Path.GetFullPath(i, contentRoot))]), null, ct).ConfigureAwait(false);
            return new InMemoryGraphQueries(result.Graph);
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Graph loaded; the service is ready.")]
    private static partial void LogReady(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Loading the graph failed; /ready reports 503.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

/// <summary>Starts loading the graph when the host starts.</summary>
internal sealed class GraphLoader(GraphHost host) : BackgroundService
{
    /// <inheritdoc/>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => host.LoadAsync(stoppingToken);
}
