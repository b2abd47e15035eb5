using Humanizer;
using PaperGraph.Core;

namespace PaperGraph.Cli;

/// <summary>
/// Build progress as a plain line at most every <c>interval</c>, for builds whose stderr is a file or a pipe (a
/// million-paper build runs for minutes; a progress bar there would draw once and say nothing).
/// </summary>
internal sealed class ProgressLog(TextWriter stderr, long totalBytes, TimeSpan interval) : IProgress<BuildProgress>
{
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private readonly TimeSpan _interval = interval;
    private TimeSpan _next = interval;

    public void Report(BuildProgress value)
    {
        lock (_gate)
        {
            var now = _clock.Elapsed;
            if (now < _next)
            {
                return;
            }

            _next = now + _interval;
            var percent = totalBytes > 0 ? 100.0 * value.BytesRead / totalBytes : 0;
            stderr.WriteLine(FormattableString.Invariant(
                $"progress: {value.PapersRead:N0} papers read ({percent:0}% of the input), {value.PapersRead / now.TotalSeconds:N0} papers/s, {now.Humanize(2)}"));
            stderr.Flush();
        }
    }

    public void Done(int papers, string outDir)
    {
        lock (_gate)
        {
            stderr.WriteLine(FormattableString.Invariant(
                $"progress: {papers:N0} papers in the graph after {_clock.Elapsed.Humanize(2)}; writing graph.json, graph.cypher and report.json to {outDir}"));
            stderr.Flush();
        }
    }
}
