namespace PaperGraph.Neo4j;

/// <summary>What <c>GET /</c> (the discovery document) says about the server.</summary>
/// <param name="Version">neo4j_version, such as 5.26.0.</param>
/// <param name="Edition">neo4j_edition (community, enterprise), when given.</param>
/// <param name="Endpoints">Every string entry of the document (query, transaction, bolt_direct...).</param>
public sealed record Neo4jServerInfo(string Version, string? Edition, IReadOnlyDictionary<string, string> Endpoints)
{
    /// <summary>True when the Query API is enabled (discovery lists <c>query</c>).</summary>
    public bool HasQueryApi => Endpoints.ContainsKey("query");
}
