using System.Net;
using System.Text;
using System.Text.Json;

namespace PaperGraph.Neo4j.Tests;

/// <summary>
/// A stand-in Neo4j Query API: answers <c>POST /db/{db}/query/v2</c> as the recorded server does (HTTP 202,
/// <c>{"data": {"fields", "values"}}</c>), with the rows a test supplies for the statement it receives.
/// </summary>
internal sealed class StubQueryApi(Func<string, JsonElement, (string[] Fields, IEnumerable<object?[]> Rows)> answer) : HttpMessageHandler
{
    public List<(string Query, JsonElement Parameters)> Calls { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken)).RootElement;
        var statement = body.GetProperty("statement").GetString()!;
        var query = CypherQueries.Names.Single(n => CypherQueries.Get(n) == statement);
        var parameters = body.TryGetProperty("parameters", out var p) ? p.Clone() : default;
        Calls.Add((query, parameters));
        var (fields, rows) = answer(query, parameters);
        var json = JsonSerializer.Serialize(new { data = new { fields, values = rows }, bookmarks = new[] { "FB:stub" } });
        return new HttpResponseMessage(HttpStatusCode.Accepted) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
    }
}
