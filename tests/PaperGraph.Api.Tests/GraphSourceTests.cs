using System.Net.Http.Json;
using PaperGraph.Core.Tests;

namespace PaperGraph.Api.Tests;

public sealed class GraphSourceTests
{
    [Fact]
    public async Task Service_answers_from_a_prebuilt_graph_json()
    {
        var path = Path.Combine(Path.GetTempPath(), $"papergraph-api-{Guid.NewGuid():N}.json");
        try
        {
            await using (var file = File.Create(path))
            {
                await GraphJsonWriter.WriteAsync(SampleGraph.Build(), file, CancellationToken.None);
            }

            var options = new PaperGraphOptions { Graph = path };
            using var factory = new ApiFactory(GraphHost.FromOptions(options, Path.GetTempPath()));
            var client = await factory.ReadyClientAsync();

            var lineage = await client.GetFromJsonAsync<LineageResult>("/api/models/DeepSeekMath%207B/lineage?direction=ancestors", ApiFactory.Json);

            Assert.Equal("DeepSeek-Coder-Base-v1.5 7B", lineage!.Nodes[1].Node.Name);
            Assert.Contains("continues pre-training", lineage.Edges[0].Evidence[0].Sentence, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
