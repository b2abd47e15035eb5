namespace PaperGraph.Api;

/// <summary>Where the service's graph comes from (configuration section <c>PaperGraph</c>).</summary>
internal sealed class PaperGraphOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "PaperGraph";

    /// <summary>A prebuilt graph.json to load.</summary>
    public string? Graph { get; set; }

    /// <summary>Corpus files or directories to build the graph from (default: <c>seeds</c>).</summary>
    public IList<string> Inputs { get; } = [];

    /// <summary>Neo4j server root (http://localhost:7474); when set, queries go to Neo4j.</summary>
    public Uri? Neo4jUri { get; set; }

    /// <summary>Neo4j user.</summary>
    public string Neo4jUser { get; set; } = "neo4j";

    /// <summary>Name of the environment variable holding the Neo4j password (the password never sits in config).</summary>
    public string Neo4jPasswordEnv { get; set; } = "NEO4J_PASSWORD";

    /// <summary>Neo4j database.</summary>
    public string Neo4jDatabase { get; set; } = "neo4j";

    /// <summary>Seconds a request may run before it is cancelled with 504.</summary>
    public int RequestTimeoutSeconds { get; set; } = 10;

    /// <summary>Origins allowed by CORS; empty (the default) means CORS stays off.</summary>
    public IList<string> CorsOrigins { get; } = [];
}
