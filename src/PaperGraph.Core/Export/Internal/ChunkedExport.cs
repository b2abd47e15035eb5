using System.Collections.Concurrent;

namespace PaperGraph.Core;

/// <summary>How an export is split and rendered: worker count and chunk sizes (tests make chunks tiny).</summary>
/// <param name="Parallelism">Chunks rendered at once; 1 renders every chunk on the writing thread, in order.</param>
/// <param name="RowsPerChunk">Rows of graph.json per chunk.</param>
/// <param name="BatchesPerChunk">UNWIND batches of graph.cypher per chunk.</param>
internal sealed record ExportChunking(int Parallelism, int RowsPerChunk, int BatchesPerChunk)
{
    /// <summary>
    /// One worker per core; chunks of a few hundred kilobytes (about 350 bytes per graph.json row, 400 per
    /// graph.cypher row at 100k papers): large enough that handing one over costs nothing next to rendering it.
    /// </summary>
    public static ExportChunking Default { get; } = new(Environment.ProcessorCount, 1024, 5);

    /// <summary>Everything on the calling thread, in order: the reference the parallel path must equal.</summary>
    public static ExportChunking Sequential { get; } = new(1, 1024, 5);
}

/// <summary>
/// Writes an output made of numbered chunks: worker tasks render chunks into their own buffers, a few chunks ahead of
/// the writer, and the writer copies the buffers to the stream strictly in chunk order, so the bytes are those of
/// rendering every chunk in turn. At most <c>2 x parallelism</c> chunks are in flight (memory stays a few megabytes),
/// and each worker state (scratch buffers, escaping caches) is used by one chunk at a time.
/// </summary>
internal static class ChunkedExport
{
    private const int ChunkCapacity = 1 << 19;

    /// <summary>
    /// Renders chunks <c>0..chunkCount-1</c> with <paramref name="render"/> and writes them in order. A chunk that
    /// throws stops the export: the chunks in flight finish, nothing more is written, and the exception surfaces.
    /// </summary>
    public static async Task WriteAsync<TWorker>(Stream stream, int chunkCount, Func<TWorker> createWorker,
        Action<TWorker, Utf8Output, int> render, int parallelism, CancellationToken cancellationToken)
        where TWorker : class
    {
        var workers = new ConcurrentBag<TWorker>();
        try
        {
            if (parallelism <= 1)
            {
                await WriteInOrderAsync(stream, chunkCount, Create(createWorker, workers), render, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await WriteAheadAsync(stream, chunkCount, () => Create(createWorker, workers), render, parallelism, cancellationToken)
                    .ConfigureAwait(false);
            }
        }
        finally
        {
            foreach (var worker in workers)
            {
                (worker as IDisposable)?.Dispose();
            }
        }
    }

    private static TWorker Create<TWorker>(Func<TWorker> createWorker, ConcurrentBag<TWorker> workers)
    {
        var worker = createWorker();
        workers.Add(worker);
        return worker;
    }

    private static async Task WriteInOrderAsync<TWorker>(Stream stream, int chunkCount, TWorker worker,
        Action<TWorker, Utf8Output, int> render, CancellationToken cancellationToken)
    {
        var output = new Utf8Output(stream);
        for (var i = 0; i < chunkCount; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            render(worker, output, i);
            await output.FlushIfFullAsync(cancellationToken).ConfigureAwait(false);
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteAheadAsync<TWorker>(Stream stream, int chunkCount, Func<TWorker> createWorker,
        Action<TWorker, Utf8Output, int> render, int parallelism, CancellationToken cancellationToken)
    {
        var window = 2 * parallelism;
        var free = new ConcurrentBag<(TWorker Worker, Utf8Output Buffer)>();
        var pending = new Queue<Task<(TWorker Worker, Utf8Output Buffer)>>(window);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = stop.Token;

        Task<(TWorker Worker, Utf8Output Buffer)> Start(int chunk) => Task.Factory.StartNew(() =>
        {
            token.ThrowIfCancellationRequested();
            if (!free.TryTake(out var slot))
            {
                slot = (createWorker(), new Utf8Output(ChunkCapacity));
            }

            render(slot.Worker, slot.Buffer, chunk);
            return slot;
        }, token, TaskCreationOptions.PreferFairness, TaskScheduler.Default); // the global queue: oldest chunk first

        var next = 0;
        try
        {
            while (next < chunkCount || pending.Count > 0)
            {
                while (next < chunkCount && pending.Count < window)
                {
                    pending.Enqueue(Start(next++));
                }

                var slot = await pending.Dequeue().ConfigureAwait(false);
                await stream.WriteAsync(slot.Buffer.Written, cancellationToken).ConfigureAwait(false);
                slot.Buffer.Clear();
                free.Add(slot);
            }
        }
        catch
        {
            // Let the chunks in flight end (they see the stop) before the caller closes the stream or changes the graph.
            await stop.CancelAsync().ConfigureAwait(false);
            await ((Task)Task.WhenAll(pending)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }
    }
}
