using PaperGraph.Core;

namespace PaperGraph.Cli.Tests;

public sealed class ProgressLogTests
{
    [Fact]
    public void Each_report_past_the_interval_becomes_one_plain_line_with_papers_and_share_of_input()
    {
        var stderr = new StringWriter();
        var log = new ProgressLog(stderr, totalBytes: 1_000, TimeSpan.Zero);

        log.Report(new BuildProgress(10, 250, 1_000));
        log.Report(new BuildProgress(30, 750, 1_000));

        var lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("progress: 10 papers read (25% of the input)", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("progress: 30 papers read (75% of the input)", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_within_the_interval_are_not_printed_but_the_closing_line_is()
    {
        var stderr = new StringWriter();
        var log = new ProgressLog(stderr, totalBytes: 1_000, TimeSpan.FromHours(1));

        log.Report(new BuildProgress(10, 250, 1_000));
        log.Done(1_234, "/tmp/out");

        var text = stderr.ToString();
        Assert.DoesNotContain("papers read", text, StringComparison.Ordinal);
        Assert.Contains("progress: 1,234 papers in the graph", text, StringComparison.Ordinal);
        Assert.Contains("writing graph.json, graph.cypher and report.json to /tmp/out", text, StringComparison.Ordinal);
    }
}
