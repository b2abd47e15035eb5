using System.Diagnostics;
using System.Globalization;
using PaperGraph.Core;

namespace PaperGraph.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/PaperGraph.Bench -- pipeline CORPUS.jsonl N [oracle|real]</c>: builds the
/// graph of a synthetic corpus in process and prints time per stage and memory, for finding hot spots.
/// </summary>
internal static class PipelineRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var corpus = args[1];
        var papers = long.Parse(args[2], CultureInfo.InvariantCulture);
        var mode = args.Length > 3 ? args[3] : "real";
        Func<Paper, PaperExtraction> extract = mode switch
        {
            "oracle" => new OracleExtractor(new CorpusSynthesizer(new SynthesisOptions(papers, 42))).Extract,
            "empty" => p => new PaperExtraction(p, [], [], []),
            "oracle-entities" => EntitiesOnly(new OracleExtractor(new CorpusSynthesizer(new SynthesisOptions(papers, 42)))),
            "extract-only" => ExtractOnly(Corpus.Extractor),
            _ => Corpus.Extractor.Extract,
        };
        var clock = Stopwatch.StartNew();
        var result = await GraphPipeline.BuildAsync(new BuildOptions([corpus]), extract, null, CancellationToken.None);
        var build = clock.Elapsed;
        GC.Collect();
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        var proc = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{mode}: {result.PaperCount} papers in {build.TotalSeconds:0.00}s ({result.PaperCount / build.TotalSeconds:0} papers/s); nodes {result.Graph.NodeCount}, edges {result.Graph.EdgeCount}, sentences {result.Graph.Sentences.Count} ({result.Graph.Sentences.Bytes / 1e6:0.0} MB); live heap after build {heap / 1e6:0} MB, peak working set {proc.PeakWorkingSet64 / 1e6:0} MB"));
        var evidence = result.Graph.Edges.Sum(e => (long)e.Evidence.Count);
        Console.WriteLine($"evidence items {evidence}, rejected {result.Rejected.Count}, unresolved {result.Unresolved.Count}, skipped {result.Skipped.Count}, duplicates {result.Duplicates.Count}");
        if (Environment.GetEnvironmentVariable("PG_STATS") is not null)
        {
            PrintStoreStats(result.Graph);
        }

        foreach (var s in result.Skipped.Take(3).Concat(result.Duplicates.Take(9).Select(d => new SkippedRecord(d.Merged, d.ToString()))))
        {
            Console.WriteLine(s);
        }
        if (args.Length > 4)
        {
            // pipeline CORPUS N MODE OUTDIR: also write the exports, each timed in CPU and wall time.
            Directory.CreateDirectory(args[4]);
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var sortClock = Stopwatch.StartNew();
            result.Graph.NodesInIdOrder();
            result.Graph.EdgesInIdOrder();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ids hashed and sorted: {sortClock.Elapsed.TotalSeconds:0.00}s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds:0.00}s CPU"));
            if (Environment.GetEnvironmentVariable("PG_REPEAT") is { } repeat)
            {
                for (var r = 0; r < int.Parse(repeat, CultureInfo.InvariantCulture); r++)
                {
                    await TimeAsync("graph.json (again)", Path.Combine(args[4], "graph.json"), (s, ct) => GraphJsonWriter.WriteAsync(result.Graph, s, ct));
                    await TimeAsync("graph.cypher (again)", Path.Combine(args[4], "graph.cypher"), (s, ct) => CypherScriptWriter.WriteAsync(result.Graph, s, ct));
                }
            }

            await TimeAsync("graph.json", Path.Combine(args[4], "graph.json"), (s, ct) => GraphJsonWriter.WriteAsync(result.Graph, s, ct));
            await TimeAsync("graph.cypher", Path.Combine(args[4], "graph.cypher"), (s, ct) => CypherScriptWriter.WriteAsync(result.Graph, s, ct));
        }

        if (Environment.GetEnvironmentVariable("PG_HOLD") is { } hold)
        {
            // Keeps the graph alive so a heap dump (dotnet-gcdump collect -p PID) can see what holds memory.
            Console.WriteLine($"holding for {hold}s, pid {Environment.ProcessId}");
            await Task.Delay(TimeSpan.FromSeconds(int.Parse(hold, CultureInfo.InvariantCulture)));
            GC.KeepAlive(result);
        }

        return 0;
    }

    // What the graph's objects are made of, to see where the live heap goes (counts, not measured sizes).
    private static void PrintStoreStats(KnowledgeGraph graph)
    {
        long withProps = 0, propPairs = 0, withMore = 0, moreItems = 0;
        var byType = new Dictionary<RelType, (long Edges, long WithProps)>();
        foreach (var e in graph.Edges)
        {
            var n = e.PropertyMap.Count;
            byType.TryGetValue(e.Type, out var t);
            byType[e.Type] = (t.Edges + 1, t.WithProps + (n > 0 ? 1 : 0));
            if (n > 0)
            {
                withProps++;
                propPairs += n;
            }

            if (e.EvidenceCount > 1)
            {
                withMore++;
                moreItems += e.EvidenceCount - 1;
            }
        }

        long nodeProps = 0, nodePropPairs = 0, aliases = 0, idChars = 0, nameChars = 0;
        foreach (var node in graph.Nodes)
        {
            nodeProps += node.Properties.Count > 0 ? 1 : 0;
            nodePropPairs += node.Properties.Count;
            aliases += node.Aliases.Count;
            idChars += node.Id.Length;
            nameChars += node.Name.Length;
        }

        Console.WriteLine($"edges {graph.EdgeCount}: with properties {withProps} ({propPairs} pairs), with more than one piece of evidence {withMore} ({moreItems} more)");
        Console.WriteLine(string.Join(", ", byType.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key} {kv.Value.Edges} ({kv.Value.WithProps} with properties)")));
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        long repeatedBytes = 0;
        for (var i = 0; i < graph.Sentences.Count; i++)
        {
            var text = graph.Sentences.Get(i);
            if (!distinct.Add(text))
            {
                repeatedBytes += graph.Sentences.GetUtf8(i).Length;
            }
        }

        Console.WriteLine($"sentences {graph.Sentences.Count}: distinct texts {distinct.Count}, bytes of repeats {repeatedBytes}");
        Console.WriteLine($"nodes {graph.NodeCount}: with properties {nodeProps} ({nodePropPairs} pairs), aliases {aliases}, id chars {idChars}, name chars {nameChars}");
    }

    private static async Task TimeAsync(string name, string path, Func<Stream, CancellationToken, Task> write)
    {
        var proc = Process.GetCurrentProcess();
        var cpu0 = proc.TotalProcessorTime;
        var alloc0 = GC.GetTotalAllocatedBytes(precise: false);
        var wall = Stopwatch.StartNew();
        await using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            await write(stream, CancellationToken.None);
        }

        proc.Refresh();
        var cpu = (proc.TotalProcessorTime - cpu0).TotalSeconds;
        var bytes = new FileInfo(path).Length;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {bytes / 1e6:0.0} MB in {wall.Elapsed.TotalSeconds:0.00}s wall, {cpu:0.00}s CPU ({bytes / 1e6 / cpu:0} MB per CPU-s), allocated {(GC.GetTotalAllocatedBytes(precise: false) - alloc0) / 1e6:0} MB, peak working set {proc.PeakWorkingSet64 / 1e6:0} MB"));
    }

    /// <summary>
    /// <c>extract-stages N</c>: the extractor's stages run one by one on N synthetic abstracts, with the time and
    /// the bytes allocated by each (one thread), to show where extraction spends its work.
    /// </summary>
    public static int ExtractStages(string[] args)
    {
        var n = int.Parse(args[1], CultureInfo.InvariantCulture);
        var papers = Corpus.Get(n);
        var vocabulary = Vocabulary.Load(null);
        var finder = new MentionFinder(vocabulary, new ModelGrammar(vocabulary));
        string[] names = ["context", "mentions", "entities", "relations"];
        var ticks = new long[names.Length];
        var bytes = new long[names.Length];
        for (var round = 0; round < 2; round++)
        {
            Array.Clear(ticks);
            Array.Clear(bytes);
            foreach (var paper in round == 0 ? papers.Take(200).ToArray() : papers)
            {
                var t0 = Stopwatch.GetTimestamp();
                var a0 = GC.GetAllocatedBytesForCurrentThread();
                var ctx = new PaperContext(paper, vocabulary);
                var t1 = Stopwatch.GetTimestamp();
                var a1 = GC.GetAllocatedBytesForCurrentThread();
                finder.Find(ctx);
                var t2 = Stopwatch.GetTimestamp();
                var a2 = GC.GetAllocatedBytesForCurrentThread();
                EntityBuilder.Build(ctx);
                var t3 = Stopwatch.GetTimestamp();
                var a3 = GC.GetAllocatedBytesForCurrentThread();
                RelationRules.Apply(ctx);
                var t4 = Stopwatch.GetTimestamp();
                var a4 = GC.GetAllocatedBytesForCurrentThread();
                ticks[0] += t1 - t0; ticks[1] += t2 - t1; ticks[2] += t3 - t2; ticks[3] += t4 - t3;
                bytes[0] += a1 - a0; bytes[1] += a2 - a1; bytes[2] += a3 - a2; bytes[3] += a4 - a3;
            }
        }

        var sw = Stopwatch.StartNew();
        foreach (var paper in papers)
        {
            _ = paper.Text.ToLowerInvariant();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  lower    {sw.Elapsed.TotalMicroseconds / n:0.0} us"));
        sw.Restart();
        foreach (var paper in papers)
        {
            _ = SentenceSplitter.Split(paper.Text, paper.Title.Length);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  split    {sw.Elapsed.TotalMicroseconds / n:0.0} us"));
        sw.Restart();
        foreach (var paper in papers)
        {
            _ = Tokenizer.Tokenize(paper.Text);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  tokenize {sw.Elapsed.TotalMicroseconds / n:0.0} us"));
        // Two hot per-paper passes on their own: the cue trie over the lower-cased text, the term trie at every token.
        var lowers = papers.Select(p => Tokenizer.LowerInvariant(p.Text)).ToArray();
        var matcher = new CueMatcher(Cue.All());
        for (var round = 0; round < 2; round++)
        {
            sw.Restart();
            foreach (var lower in lowers)
            {
                matcher.Match(lower).Recycle();
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  cues     {sw.Elapsed.TotalMicroseconds / n:0.0} us ({matcher.Count} phrases)"));
        var tokenLists = papers.Select(p => (p.Text, Tokenizer.Tokenize(p.Text, Tokenizer.LowerInvariant(p.Text)))).ToArray();
        for (var round = 0; round < 2; round++)
        {
            sw.Restart();
            foreach (var (text, tokens) in tokenLists)
            {
                for (var i = 0; i < tokens.Count; i++)
                {
                    _ = vocabulary.Trie.Match(text, tokens, i);
                }
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  terms    {sw.Elapsed.TotalMicroseconds / n:0.0} us"));
        for (var k = 0; k < names.Length; k++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{names[k],-10} {ticks[k] * 1e6 / Stopwatch.Frequency / n,8:0.0} us/abstract {bytes[k] / 1024.0 / n,8:0.0} KB/abstract"));
        }

        return 0;
    }

    /// <summary>
    /// <c>extract-cpu N</c>: extraction of N synthetic abstracts on one thread, timed in CPU time (the machine is
    /// shared, so wall time says more about the neighbours than about us), plus graph merging of the results.
    /// </summary>
    public static int ExtractCpu(string[] args)
    {
        var n = int.Parse(args[1], CultureInfo.InvariantCulture);
        var papers = Corpus.Get(n);
        var extractor = Corpus.Extractor;
        foreach (var p in papers.Take(200))
        {
            extractor.Extract(p);
        }

        var bytes = papers.Sum(p => (long)System.Text.Encoding.UTF8.GetByteCount(p.Abstract) + p.Title.Length);
        var proc = Process.GetCurrentProcess();
        var cpu0 = proc.TotalProcessorTime;
        var alloc0 = GC.GetTotalAllocatedBytes(precise: false);
        var gcs0 = GC.CollectionCount(0);
        var pause0 = GC.GetTotalPauseDuration();
        var wall = Stopwatch.StartNew();
        var extractions = new PaperExtraction[n];
        for (var i = 0; i < n; i++)
        {
            extractions[i] = extractor.Extract(papers[i]);
        }

        proc.Refresh();
        var cpu = (proc.TotalProcessorTime - cpu0).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"extract: {n} abstracts, {cpu:0.00}s CPU ({n / cpu:0} abstracts/s, {bytes / 1e6 / cpu:0.0} MB/s per core), wall {wall.Elapsed.TotalSeconds:0.00}s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"extract allocations: {(GC.GetTotalAllocatedBytes(precise: false) - alloc0) / (double)n / 1024:0.0} KB per abstract, {GC.CollectionCount(0) - gcs0} GCs, {(GC.GetTotalPauseDuration() - pause0).TotalSeconds:0.00}s GC pause"));
        // The build prepares each paper on the extraction workers (node ids, edge id hashes, sentence bytes) and
        // merges on one thread: the two are timed apart, the second being the serial part of a build.
        cpu0 = proc.TotalProcessorTime;
        var prepared = new PreparedPaper[n];
        for (var i = 0; i < n; i++)
        {
            prepared[i] = PreparedPaper.Prepare(extractions[i]);
        }

        proc.Refresh();
        cpu = (proc.TotalProcessorTime - cpu0).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"prepare (on the workers): {cpu:0.00}s CPU ({n / cpu:0} papers/s)"));
        cpu0 = proc.TotalProcessorTime;
        var builder = new GraphBuilder();
        foreach (var e in prepared)
        {
            builder.Add(e);
        }

        proc.Refresh();
        cpu = (proc.TotalProcessorTime - cpu0).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"merge (serial): {cpu:0.00}s CPU ({n / cpu:0} papers/s), {builder.Graph.NodeCount} nodes, {builder.Graph.EdgeCount} edges"));
        return 0;
    }

    private static Func<Paper, PaperExtraction> EntitiesOnly(OracleExtractor oracle) => p =>
    {
        var e = oracle.Extract(p);
        return e with { Relations = [] };
    };

    // Runs the real extractor but hands the graph nothing: the graph's share of a build is the difference.
    private static Func<Paper, PaperExtraction> ExtractOnly(Extractor extractor) => p =>
    {
        _ = extractor.Extract(p);
        return new PaperExtraction(p, [], [], []);
    };
}
