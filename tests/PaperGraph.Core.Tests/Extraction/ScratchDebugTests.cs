using Xunit.Abstractions;

namespace PaperGraph.Core.Tests;

public sealed class ScratchDebugTests(ITestOutputHelper output)
{
    [Fact]
    public void Dump()
    {
        var text = File.ReadAllText("/tmp/scratch.txt").Split('\n', 2);
        var x = ExtractionTestKit.Extract(text[0], text[1].Trim());
        foreach (var e in x.Entities)
        {
            output.WriteLine($"E {e.Label} {e.Name} [{string.Join("|", e.Aliases)}] {string.Join(",", e.Properties.Select(kv => kv.Key + "=" + kv.Value))}");
        }

        foreach (var r in x.Relations)
        {
            output.WriteLine($"R {r.Type} {r.From.Name} -> {r.To.Name} {string.Join(",", r.Properties.Select(kv => kv.Key + "=" + kv.Value))} [{r.Rule}] \"{x.Paper.Text[r.Start..r.End]}\"");
        }

        foreach (var u in x.Unresolved)
        {
            output.WriteLine($"U {u.Surface} {u.Reason}");
        }
    }
}
