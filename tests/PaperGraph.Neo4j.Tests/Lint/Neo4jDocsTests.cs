namespace PaperGraph.Neo4j.Tests;

/// <summary>The Browser links in docs/neo4j.md open exactly the statements of cypher/browser/explore.cypher.</summary>
public sealed class Neo4jDocsTests
{
    [Fact]
    public void Every_exploration_has_a_url_encoded_browser_link_in_the_docs()
    {
        var docs = File.ReadAllText(Path.Combine(CypherLinter.RepoRoot, "docs", "neo4j.md"));
        var statements = CypherFiles.Statements(Path.Combine(CypherLinter.RepoRoot, "cypher", "browser", "explore.cypher"));
        Assert.NotEmpty(statements);
        foreach (var statement in statements)
        {
            Assert.Contains("http://localhost:7474/browser?cmd=edit&arg=" + Uri.EscapeDataString(statement + ";"), docs, StringComparison.Ordinal);
        }
    }
}
