namespace PaperGraph.Neo4j;

/// <summary>Which HTTP endpoint runs statements.</summary>
public enum Neo4jEndpoint
{
    /// <summary>Ask the server (<c>GET /</c>): the Query API where discovery lists it, else tx/commit.</summary>
    Auto,

    /// <summary><c>POST /db/{db}/query/v2</c> (Neo4j 5.25+ by default; 5.5+ when enabled).</summary>
    QueryApi,

    /// <summary><c>POST /db/{db}/tx/commit</c>, the legacy transactional endpoint (every Neo4j 5).</summary>
    TxCommit,
}

/// <summary>One retry about to happen (for progress output; never carries credentials).</summary>
/// <param name="Attempt">1-based number of the retry.</param>
/// <param name="Delay">Wait before it.</param>
/// <param name="Reason">Why the previous attempt failed.</param>
public sealed record Neo4jRetry(int Attempt, TimeSpan Delay, string Reason);

/// <summary>Client tuning: retries, timeouts, endpoint, response format.</summary>
public sealed record Neo4jClientOptions
{
    /// <summary>Retries after the first attempt for retriable failures (0 disables retrying).</summary>
    public int MaxRetryAttempts { get; init; } = 5;

    /// <summary>First retry delay; doubles each retry (exponential backoff), with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Upper bound of any retry delay.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Randomise delays so many clients do not retry in lockstep.</summary>
    public bool RetryJitter { get; init; } = true;

    /// <summary>Time allowed for one HTTP exchange (each attempt has its own).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Endpoint choice; <see cref="Neo4jEndpoint.Auto"/> reads the discovery document once.</summary>
    public Neo4jEndpoint Endpoint { get; init; } = Neo4jEndpoint.Auto;

    /// <summary>
    /// Ask for typed JSON (<c>application/vnd.neo4j.query</c>): every value arrives as <c>{"$type", "_value"}</c>;
    /// decode with <see cref="Neo4jTypedJson.ToPlain"/>. Query API only.
    /// </summary>
    public bool TypedJson { get; init; }

    /// <summary>Called before each retry.</summary>
    public Action<Neo4jRetry>? OnRetry { get; init; }
}
