using System.Text.Json;
using Xunit.Abstractions;

namespace PaperGraph.Core.Tests;

public sealed class ScratchDebugTests(ITestOutputHelper output)
{
    [Fact]
    public void Dump()
    {
        foreach (var line in File.ReadAllLines("/tmp/scratch.jsonl"))
        {
            using var doc = JsonDocument.Parse(line);
            var x = ExtractionTestKit.Extract(doc.RootElement.GetProperty("title").GetString()!, doc.RootElement.GetProperty("abstract").GetString()!);
            output.WriteLine("=== " + x.Paper.Title);
            foreach (var r in x.Relations.Where(r => r.Rule != "vocab.family-org"))
            {
                output.WriteLine($"R {r.Type} {r.From.Name} -> {r.To.Label}:{r.To.Name} {string.Join(",", r.Properties.Select(kv => kv.Key + "=" + kv.Value))} [{r.Rule}]");
            }

            foreach (var u in x.Unresolved)
            {
                output.WriteLine($"U {u.Surface} {u.Reason}");
            }
        }
    }
}
