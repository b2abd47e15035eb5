namespace PaperGraph.Neo4j.Tests;

/// <summary>A fact that runs only against a real Neo4j: NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD must be set.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RealServerFactAttribute : FactAttribute
{
    public RealServerFactAttribute()
    {
        var missing = new[] { "NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD" }
            .Where(v => string.IsNullOrEmpty(Environment.GetEnvironmentVariable(v)))
            .ToList();
        if (missing.Count > 0)
        {
            Skip = $"Real-server suite skipped: {string.Join(", ", missing)} not set (e.g. NEO4J_URI=http://localhost:7474 NEO4J_USER=neo4j NEO4J_PASSWORD=...).";
        }
    }

    /// <summary>The connection from the environment; a bolt:// or neo4j:// URI maps to HTTP on port 7474 of the same host.</summary>
    public static Neo4jConnection Connection()
    {
        var uri = new Uri(Environment.GetEnvironmentVariable("NEO4J_URI")!);
        if (uri.Scheme is not ("http" or "https"))
        {
            uri = new UriBuilder("http", uri.Host, 7474).Uri;
        }

        return new Neo4jConnection(uri, Environment.GetEnvironmentVariable("NEO4J_USER")!, Environment.GetEnvironmentVariable("NEO4J_PASSWORD")!,
            Environment.GetEnvironmentVariable("NEO4J_DATABASE") is { Length: > 0 } db ? db : "neo4j");
    }
}
