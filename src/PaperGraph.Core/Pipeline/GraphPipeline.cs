using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading.Channels;

namespace PaperGraph.Core;

/// <summary>Options of one build: which inputs, how to read them, how to extract.</summary>
/// <param name="Inputs">Files or directories (a directory means every corpus file in it, sorted by name).</param>
/// <param name="Format">Force a corpus format (<c>seed</c>, <c>jsonl</c>, <c>arxiv</c>); null detects it from content.</param>
/// <param name="Strict">Stop at the first bad record instead of skipping it.</param>
/// <param name="Parallelism">Extraction worker count; null means every core.</param>
/// <param name="VocabularyDirectory">Vocabulary folder overriding the built-in one; null uses the built-in.</param>
public sealed record BuildOptions(
    IReadOnlyList<string> Inputs,
    string? Format = null,
    bool Strict = false,
    int? Parallelism = null,
    string? VocabularyDirectory = null);

/// <summary>A record that was not turned into a paper, and why.</summary>
public sealed record SkippedRecord(SourceLocation Source, string Reason)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Source}: {Reason}";
}

/// <summary>Two or more records with the same normalised title, merged into the first.</summary>
public sealed record DuplicatePaper(string PaperId, string Title, SourceLocation Kept, SourceLocation Merged)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Merged}: duplicate of {Kept} ({PaperId}) \"{CorpusText.Excerpt(Title)}\"; merged into the first";
}

/// <summary>An unresolved mention together with the paper it was seen in.</summary>
public sealed record UnresolvedReport(string PaperId, SourceLocation Source, UnresolvedMention Mention)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{Source} ({PaperId}): \"{Mention.Surface}\" at {Mention.Start}: {Mention.Reason}"
        + (Mention.Candidates.Count > 0 ? $" (candidates: {string.Join(", ", Mention.Candidates)})" : "");
}

/// <summary>One input file of a build: its format and what it gave.</summary>
/// <param name="Path">The file path (as given, or under the given directory).</param>
/// <param name="Format">The format used (detected or forced).</param>
/// <param name="Bytes">File size.</param>
/// <param name="Papers">Papers read from it (duplicates included).</param>
public sealed record CorpusFileInfo(string Path, string Format, long Bytes, int Papers);

/// <summary>Progress of a build, reported per batch of papers.</summary>
public sealed record BuildProgress(long PapersRead, long BytesRead, long TotalBytes);

/// <summary>What a build produced and what it reported.</summary>
public sealed record BuildResult(
    KnowledgeGraph Graph,
    int PaperCount,
    IReadOnlyList<SkippedRecord> Skipped,
    IReadOnlyList<DuplicatePaper> Duplicates,
    IReadOnlyList<UnresolvedMention> Unresolved,
    IReadOnlyList<string> Rejected,
    TimeSpan Elapsed)
{
    /// <summary>Text deliberately left out (page noise), with where and why; not errors.</summary>
    public IReadOnlyList<SkippedRecord> Ignored { get; init; } = [];

    /// <summary>The unresolved mentions with the paper each was seen in (same order as <see cref="Unresolved"/>).</summary>
    public IReadOnlyList<UnresolvedReport> UnresolvedByPaper { get; init; } = [];

    /// <summary>The input files read, in order.</summary>
    public IReadOnlyList<CorpusFileInfo> Files { get; init; } = [];
}

/// <summary>Corpus files in, knowledge graph out: read, extract (in parallel, order kept), merge.</summary>
public static class GraphPipeline
{
    /// <summary>File name endings read when an input is a directory.</summary>
    public static IReadOnlyList<string> CorpusExtensions { get; } = [".txt", ".jsonl", ".ndjson", ".json", ".xml", ".atom"];

    /// <summary>Builds the graph of the given inputs with the default extractor.</summary>
    /// <exception cref="CorpusException">An input cannot be read at all, or a bad record under <c>Strict</c>.</exception>
    public static Task<BuildResult> BuildAsync(BuildOptions options, IProgress<BuildProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var extractor = Extractor.CreateDefault(options.VocabularyDirectory);
        // Papers are prepared straight from the extractor's context (no extraction records); a one-thread build merges
        // each as it is extracted, in the thread's one prepared paper.
        return BuildAsync(options, paper => extractor.ExtractPrepared(paper, lend: false), paper => extractor.ExtractPrepared(paper, lend: true),
            ownsPapers: true, progress, cancellationToken);
    }

    /// <summary>
    /// Builds the graph with the given extraction function (thread-safe; called from several workers at once).
    /// Papers are merged in input order whatever the parallelism, so the graph is the same for the same input.
    /// Memory stays bounded: at most a window of papers is in flight between reading and merging.
    /// </summary>
    /// <exception cref="CorpusException">An input cannot be read at all, or a bad record under <c>Strict</c>.</exception>
    public static Task<BuildResult> BuildAsync(BuildOptions options, Func<Paper, PaperExtraction> extract,
        IProgress<BuildProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(extract);
        Func<Paper, PreparedPaper> prepare = paper => PreparedPaper.Prepare(extract(paper));
        return BuildAsync(options, prepare, prepare, ownsPapers: false, progress, cancellationToken);
    }

    // prepare: extracts and prepares a paper of its own (thread-safe). prepareLent: the same for a paper merged at once,
    // on the same thread, and released after its merge (PreparedPaper.Release) before the thread's next paper.
    // ownsPapers: the extraction keeps no paper past its merge (the built-in extractor), so a one-thread build may
    // write the next papers' texts into the merged ones' (TextPool); a caller's extraction function may keep papers.
    private static async Task<BuildResult> BuildAsync(BuildOptions options, Func<Paper, PreparedPaper> prepare,
        Func<Paper, PreparedPaper> prepareLent, bool ownsPapers, IProgress<BuildProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var stopwatch = Stopwatch.StartNew();
        var ignored = new List<SkippedRecord>();
        var files = ExpandInputs(options.Inputs, ignored);
        var reading = new ReadState(options, files, ignored);
        var workers = Math.Max(1, options.Parallelism ?? Environment.ProcessorCount);
        // Papers travel in batches so the per-item cost of channels and tasks stays small next to extraction.
        var window = Math.Max(8, workers * 4);

        var builder = new GraphBuilder();
        var skipped = reading.Skipped;
        var unresolved = new List<UnresolvedMention>();
        var unresolvedByPaper = new List<UnresolvedReport>();
        var lastReport = 0L;
        var lastReportTime = 0L;

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = linked.Token;
        if (workers == 1)
        {
            // One worker (the default on one core) means one thread: a reader, a worker and a merger thread would only
            // take turns, switching ~15k times per 100k papers, and each batch's texts and results would go cold in the
            // cache between them. The thread reads a batch, and extracts and merges its papers one by one: a paper is
            // merged before the next is extracted, so one prepared paper, lent the extraction's lists, serves them all.
            var texts = ownsPapers ? new TextPool() : null;
            reading.Texts = texts;
            reading.Inline = batch =>
            {
                token.ThrowIfCancellationRequested();
                var papers = batch.Papers;
                var count = batch.Count;
                for (var i = 0; i < count; i++)
                {
                    PreparedPaper? prepared = null;
                    Exception? error = null;
                    try
                    {
                        prepared = prepareLent(papers[i]);
                    }
                    catch (Exception ex)
                    {
                        error = ex;
                    }

                    MergeOne(papers[i], prepared, error);
                    prepared?.Release();
                }

                Merged(batch);
                if (texts is not null)
                {
                    // The batch's papers are merged and dropped (the graph keeps copies of what it needs): their texts
                    // take the next batch's texts of the same lengths.
                    for (var i = 0; i < count; i++)
                    {
                        if (papers[i].TextIsReaders)
                        {
                            texts.Return(papers[i].Text);
                        }
                    }
                }
            };
            await Task.Run(() => reading.ProduceAsync(null, null, token), token);
        }
        else
        {
            await BuildInParallelAsync();
        }

        progress?.Report(new BuildProgress(builder.PaperCount, reading.TotalBytes, reading.TotalBytes));

        List<SkippedRecord> skippedCopy;
        lock (skipped)
        {
            skippedCopy = [.. skipped];
        }

        return new BuildResult(builder.Graph, builder.PaperCount, skippedCopy, reading.Duplicates, unresolved,
            builder.Rejected, stopwatch.Elapsed)
        {
            Ignored = ignored,
            UnresolvedByPaper = unresolvedByPaper,
            Files = reading.Files,
        };

        async Task BuildInParallelAsync()
        {
            // The ordered channel bounds how far reading runs ahead of merging; the work channel feeds the workers.
            var ordered = Channel.CreateBounded<Batch>(new BoundedChannelOptions(window)
            {
                SingleReader = true,
                SingleWriter = true,
                FullMode = BoundedChannelFullMode.Wait,
            });
            var work = Channel.CreateUnbounded<Batch>(new UnboundedChannelOptions { SingleWriter = true });
            var producer = Task.Run(() => reading.ProduceAsync(ordered.Writer, work.Writer, token), token);
            var workerTasks = new Task[workers];
            for (var i = 0; i < workers; i++)
            {
                // A thread of its own per worker (LongRunning): extraction keeps per-thread caches (interned words,
                // names, ids, property sets), and an async worker resumed on whichever pool thread was free spread one
                // worker's papers over several threads' caches, each missing more often.
                workerTasks[i] = Task.Factory.StartNew(() => Work(work.Reader, prepare, token), token,
                    TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }

            try
            {
                await foreach (var batch in ordered.Reader.ReadAllAsync(token))
                {
                    await batch.Done.Task;
                    Merge(batch);
                }

                await producer;
            }
            catch
            {
                await linked.CancelAsync();
                work.Writer.TryComplete();
                await Task.WhenAll(workerTasks.Append(producer)).ContinueWith(static _ => { }, TaskScheduler.Default);
                throw;
            }

            work.Writer.TryComplete();
            await Task.WhenAll(workerTasks);
        }

        // Merges an extracted batch in input order, then lets it go: results must not outlive their merge.
        void Merge(Batch batch)
        {
            for (var i = 0; i < batch.Count; i++)
            {
                MergeOne(batch.Papers[i], batch.Results[i], batch.Errors[i]);
            }

            Merged(batch);
        }

        // Merges one paper's prepared extraction, or reports why it has none.
        void MergeOne(Paper paper, PreparedPaper? prepared, Exception? error)
        {
            if (error is not null)
            {
                if (error is NotImplementedException or OperationCanceledException)
                {
                    throw error;
                }

                var reason = $"extraction failed: {error.GetType().Name}: {error.Message}";
                if (options.Strict)
                {
                    throw new CorpusException(paper.Source, reason);
                }

                lock (skipped)
                {
                    skipped.Add(new SkippedRecord(paper.Source, reason));
                }

                return;
            }

            builder.Add(prepared!);
            var mentions = prepared!.Unresolved;
            for (var k = 0; k < mentions.Count; k++)
            {
                unresolved.Add(mentions[k]);
                unresolvedByPaper.Add(new UnresolvedReport(paper.Id, paper.Source, mentions[k]));
            }
        }

        // Lets a merged batch go and reports progress.
        void Merged(Batch batch)
        {
            batch.Release();
            if (progress is not null && (builder.PaperCount - lastReport >= 1024 || stopwatch.ElapsedMilliseconds - lastReportTime >= 100))
            {
                lastReport = builder.PaperCount;
                lastReportTime = stopwatch.ElapsedMilliseconds;
                progress.Report(new BuildProgress(builder.PaperCount, Volatile.Read(ref reading.BytesRead), reading.TotalBytes));
            }
        }
    }

    /// <summary>
    /// The size in bytes of a corpus file, following symbolic links (a linked corpus has the size of its target, not of
    /// the link: progress and the progress threshold are computed from it).
    /// </summary>
    public static long FileSize(string path)
    {
        var info = new FileInfo(path);
        return info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo { Exists: true } target
            ? target.Length
            : info.Length;
    }

    /// <summary>
    /// The files an input list means: files as given, directories expanded to their corpus files (top level only,
    /// sorted by name). Other files found in a directory are listed in <paramref name="ignored"/>.
    /// </summary>
    /// <exception cref="CorpusException">An input does not exist, or a directory holds no corpus file.</exception>
    public static IReadOnlyList<string> ExpandInputs(IReadOnlyList<string> inputs, ICollection<SkippedRecord>? ignored = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0)
        {
            throw new CorpusException(new SourceLocation("(inputs)", 0), "no input file or directory given");
        }

        var files = new List<string>();
        foreach (var input in inputs)
        {
            if (File.Exists(input))
            {
                files.Add(input);
                continue;
            }

            if (!Directory.Exists(input))
            {
                throw new CorpusException(new SourceLocation(input, 0), "no such file or directory");
            }

            var found = 0;
            foreach (var path in Directory.EnumerateFiles(input).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(path);
                if (!name.StartsWith('.') && CorpusExtensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
                {
                    files.Add(path);
                    found++;
                }
                else
                {
                    ignored?.Add(new SkippedRecord(new SourceLocation(path, 0),
                        $"not read: not a corpus file (expected {string.Join(", ", CorpusExtensions)})"));
                }
            }

            if (found == 0)
            {
                throw new CorpusException(new SourceLocation(input, 0),
                    $"the directory holds no corpus file ({string.Join(", ", CorpusExtensions)})");
            }
        }

        return files;
    }

    private static void Work(ChannelReader<Batch> reader, Func<Paper, PreparedPaper> prepare, CancellationToken cancellationToken)
    {
        // Blocking waits are fine here: the worker owns its thread.
        while (reader.WaitToReadAsync(cancellationToken).AsTask().GetAwaiter().GetResult())
        {
            if (!reader.TryRead(out var batch))
            {
                continue;
            }

            Extract(batch, prepare);
            batch.Done.SetResult();
        }
    }

    private static void Extract(Batch batch, Func<Paper, PreparedPaper> prepare)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            try
            {
                // The per-paper part of merging is done here, in parallel, so the one merging thread only looks up
                // and inserts.
                batch.Results[i] = prepare(batch.Papers[i]);
            }
            catch (Exception ex)
            {
                batch.Errors[i] = ex;
            }
        }
    }

    /// <summary>A run of consecutive papers extracted by one worker; merged as a whole, in order.</summary>
    private sealed class Batch(int capacity)
    {
        public Paper[] Papers { get; private set; } = new Paper[capacity];

        public PreparedPaper?[] Results { get; private set; } = new PreparedPaper?[capacity];

        public Exception?[] Errors { get; private set; } = new Exception?[capacity];

        public int Count { get; set; }

        public bool IsFull => Count == Papers.Length;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Add(Paper paper) => Papers[Count++] = paper;

        public void Release()
        {
            Papers = [];
            Results = [];
            Errors = [];
        }
    }

    /// <summary>The reading side: files, formats, skipped records and duplicate detection (one thread).</summary>
    private sealed class ReadState(BuildOptions options, IReadOnlyList<string> paths, List<SkippedRecord> ignored)
    {
        // Two keys a paper (normalised title, id). Sized up front from the input's size at ~1 KB a record, an
        // abstract's usual size: growing by doubling rehashed every key several times and allocated each larger
        // table on the large-object heap, where its bytes count towards a full collection.
        private readonly Dictionary<UInt128, (int File, long Line, string Id)> _seen = new(ExpectedKeys(paths));
        public long BytesRead;

        /// <summary>When set, each full batch is handed to it on the reading thread instead of the channels.</summary>
        public Action<Batch>? Inline { get; set; }

        /// <summary>Merged papers' texts for the JSON Lines readers to write into (one-thread builds that own their papers).</summary>
        public TextPool? Texts { get; set; }

        public List<SkippedRecord> Skipped { get; } = [];

        public List<DuplicatePaper> Duplicates { get; } = [];

        public List<CorpusFileInfo> Files { get; } = [];

        public long TotalBytes { get; } = paths.Sum(FileSize);

        private const int BatchSize = 32;
        private Batch _batch = new(BatchSize);

        public async Task ProduceAsync(ChannelWriter<Batch>? ordered, ChannelWriter<Batch>? work, CancellationToken cancellationToken)
        {
            try
            {
                long before = 0;
                for (var fileIndex = 0; fileIndex < paths.Count; fileIndex++)
                {
                    var path = paths[fileIndex];
                    FileStream stream;
                    try
                    {
                        stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        Report(new SourceLocation(path, 0), $"cannot open: {ex.Message}");
                        continue;
                    }

                    await using (stream)
                    {
                        var papers = await ReadFileAsync(fileIndex, path, stream, before, ordered, work, cancellationToken);
                        before += stream.Length;
                        Volatile.Write(ref BytesRead, before);
                    }
                }

                if (_batch.Count > 0)
                {
                    await SendAsync(ordered, work, cancellationToken);
                }
            }
            finally
            {
                ordered?.TryComplete();
                work?.TryComplete();
            }
        }

        private async Task<int> ReadFileAsync(int fileIndex, string path, FileStream stream, long before,
            ChannelWriter<Batch>? ordered, ChannelWriter<Batch>? work, CancellationToken cancellationToken)
        {
            var head = new byte[CorpusFormats.HeadBytes];
            var headLength = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
            stream.Position = 0;
            var format = options.Format ?? CorpusFormats.Detect(head.AsSpan(0, headLength));
            var reader = CorpusFormats.CreateReader(format);
            if (reader is JsonLinesReader json)
            {
                json.Texts = Texts;
            }

            var papers = 0;
            if (headLength == 0)
            {
                Report(new SourceLocation(path, 0), "file is empty");
                Files.Add(new CorpusFileInfo(path, reader.Format, 0, 0));
                return 0;
            }

            if ((CorpusFormats.BinaryReason(head.AsSpan(0, headLength))
                 ?? (options.Format is null ? CorpusFormats.UnsupportedReason(head.AsSpan(0, headLength)) : null)) is { } unreadable)
            {
                Report(new SourceLocation(path, 0), unreadable + "; file skipped");
                Files.Add(new CorpusFileInfo(path, reader.Format, stream.Length, 0));
                return 0;
            }

            foreach (var item in reader.Read(stream, path, cancellationToken))
            {
                switch (item.Kind)
                {
                    case CorpusItemKind.Skipped:
                        Report(item.Source, item.Reason ?? "unreadable record");
                        break;
                    case CorpusItemKind.Ignored:
                        ignored.Add(new SkippedRecord(item.Source, item.Reason ?? "ignored"));
                        break;
                    case CorpusItemKind.Paper:
                        papers++;
                        var paper = item.Paper!;
                        if (IsDuplicate(fileIndex, paper))
                        {
                            break;
                        }

                        _batch.Add(paper);
                        if (_batch.IsFull)
                        {
                            Volatile.Write(ref BytesRead, before + stream.Position);
                            await SendAsync(ordered, work, cancellationToken);
                        }

                        break;
                }
            }

            Files.Add(new CorpusFileInfo(path, reader.Format, stream.Length, papers));
            return papers;
        }

        private async Task SendAsync(ChannelWriter<Batch>? ordered, ChannelWriter<Batch>? work, CancellationToken cancellationToken)
        {
            var batch = _batch;
            _batch = new Batch(BatchSize);
            if (Inline is { } run)
            {
                run(batch);
                return;
            }

            await ordered!.WriteAsync(batch, cancellationToken);
            work!.TryWrite(batch);
        }

        private bool IsDuplicate(int fileIndex, Paper paper)
        {
            var titleHash = PaperKeyHash.OfTitle(paper.Title);
            var idHash = PaperKeyHash.Of('i', paper.Id);
            var kept = (fileIndex, paper.Source.Line, paper.Id);

            // One probe a key: a new key is added as it is looked up. When the title is new but the id was seen, the
            // title goes again, so a paper dropped as a duplicate leaves no key behind (as if neither were added).
            if (titleHash is { } title)
            {
                ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_seen, title, out var titleSeen);
                if (titleSeen)
                {
                    Seen(slot, "normalised title", paper);
                    return true;
                }

                slot = kept;
            }

            ref var idSlot = ref CollectionsMarshal.GetValueRefOrAddDefault(_seen, idHash, out var idSeen);
            if (idSeen)
            {
                var first = idSlot;
                if (titleHash is { } added)
                {
                    _seen.Remove(added);
                }

                Seen(first, "id", paper);
                return true;
            }

            idSlot = kept;
            return false;
        }

        // Reports a paper whose key hash was read before, as a duplicate of that first paper.
        private void Seen((int File, long Line, string Id) kept, string what, Paper paper)
        {
            var duplicate = new DuplicatePaper(kept.Id, paper.Title, new SourceLocation(paths[kept.File], kept.Line), paper.Source);
            if (options.Strict)
            {
                throw new CorpusException(paper.Source, $"duplicate paper: same {what} as {duplicate.Kept} ({kept.Id})");
            }

            Duplicates.Add(duplicate);
        }

        private static int ExpectedKeys(IReadOnlyList<string> paths) =>
            (int)Math.Min(2 * (paths.Sum(FileSize) / 1024), 1 << 24);

        private void Report(SourceLocation source, string reason)
        {
            if (options.Strict)
            {
                throw new CorpusException(source, reason);
            }

            lock (Skipped)
            {
                Skipped.Add(new SkippedRecord(source, reason));
            }
        }
    }
}

/// <summary>Input that cannot be read: names the file, the line or record, and what is wrong.</summary>
public sealed class CorpusException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CorpusException(SourceLocation source, string reason)
        : base($"{source}: {reason}")
    {
        Location = source;
        Reason = reason;
    }

    /// <summary>Creates the exception (serialization-free default).</summary>
    public CorpusException()
        : this(new SourceLocation("", 0), "unknown error")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CorpusException(string message)
        : this(new SourceLocation("", 0), message)
    {
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public CorpusException(string message, Exception innerException)
        : base(message, innerException)
    {
        Location = new SourceLocation("", 0);
        Reason = message;
    }

    /// <summary>Where.</summary>
    public SourceLocation Location { get; }

    /// <summary>What is wrong.</summary>
    public string Reason { get; }
}
