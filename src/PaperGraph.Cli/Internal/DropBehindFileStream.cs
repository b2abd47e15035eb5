using System.Runtime.InteropServices;

namespace PaperGraph.Cli;

/// <summary>
/// A write-only file stream for outputs of gigabytes (a 1M-paper build writes 12.7 GB). Once the file is past a
/// few windows, each window already written is handed to the disk and then dropped from the page cache, so the
/// output does not fill memory with cached pages nobody reads back.
/// </summary>
/// <remarks>
/// Why: filling the page cache is not free. Every cached page is fresh memory to the kernel, and first touches are
/// costly: in this project's VM they cost 1.3-3 s of system time per GB. Writing 6 GB plainly took 8-18 s of
/// system time; with drop-behind it took 3.1 s (docs/performance.md). Dropping also stops one build from
/// evicting everything else the machine had cached.
/// On Linux the stream uses <c>sync_file_range</c> and <c>posix_fadvise(DONTNEED)</c>. Elsewhere, or when the
/// calls are not available, it is a plain file stream.
/// It waits for the disk only on a window that is <see cref="WindowsInFlight"/> windows old, so a disk that keeps
/// up is never waited on. Small files never reach the first drop.
/// </remarks>
internal sealed partial class DropBehindFileStream : Stream
{
    /// <summary>Windows written to the disk but not yet waited for; the page cache holds at most this many (+1).</summary>
    public const int WindowsInFlight = 4;

    private const uint SyncWaitBefore = 1;
    private const uint SyncWrite = 2;
    private const uint SyncWaitAfter = 4;
    private const int AdviseDontNeed = 4;
    private const int ErrorIo = 5;
    private const int ErrorNoSpace = 28;

    private readonly FileStream file;
    private readonly long window;
    private bool hints;
    private long written;
    private long handedToDisk;
    private long dropped;

    /// <summary>Creates (or truncates) <paramref name="path"/> for writing.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="window">Bytes per window: 32 MiB by default; tests use small windows.</param>
    public DropBehindFileStream(string path, long window = 32 << 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 4096);
        // No buffer of its own: the writers hand over chunks of half a megabyte and more, and the byte count below
        // must be the file's length at all times.
        file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 0, useAsync: true);
        this.window = window;
        hints = OperatingSystem.IsLinux() && Environment.Is64BitProcess;
    }

    /// <summary>Bytes written and then dropped from the page cache so far (0 where the hints are not available).</summary>
    public long DroppedBytes => dropped;

    /// <inheritdoc />
    public override bool CanRead => false;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => file.CanWrite;

    /// <inheritdoc />
    public override long Length => written;

    /// <inheritdoc />
    public override long Position
    {
        get => written;
        set => throw new NotSupportedException();
    }

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        file.Write(buffer);
        Advance(buffer.Length);
    }

    /// <inheritdoc />
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await file.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        Advance(buffer.Length);
    }

    /// <inheritdoc />
    public override void Flush() => file.Flush();

    /// <inheritdoc />
    public override Task FlushAsync(CancellationToken cancellationToken) => file.FlushAsync(cancellationToken);

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            file.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await file.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private void Advance(int count)
    {
        written += count;
        if (!hints)
        {
            return;
        }

        try
        {
            var fd = (int)file.SafeFileHandle.DangerousGetHandle();
            while (written - handedToDisk >= window)
            {
                // Start the disk write of the window just completed; this does not wait.
                if (!Succeeded(SyncFileRange(fd, handedToDisk, window, SyncWrite)))
                {
                    return;
                }

                handedToDisk += window;
            }

            while (handedToDisk - dropped > WindowsInFlight * window)
            {
                // That window's write was started long ago: wait for it (rarely any wait), then drop its pages.
                if (!Succeeded(SyncFileRange(fd, dropped, window, SyncWaitBefore | SyncWrite | SyncWaitAfter)))
                {
                    return;
                }

                _ = PosixFadvise(fd, dropped, window, AdviseDontNeed);
                dropped += window;
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            hints = false;
        }
    }

    private bool Succeeded(int result)
    {
        if (result == 0)
        {
            return true;
        }

        var error = Marshal.GetLastPInvokeError();
        if (error is ErrorIo or ErrorNoSpace)
        {
            // The kernel reports a failed write-back here; without this check nobody would ever see it.
            throw new IOException($"writing {file.Name} failed: {Marshal.GetPInvokeErrorMessage(error)}");
        }

        // Not supported by this file system (or similar): write on as a plain file.
        hints = false;
        return false;
    }

    [LibraryImport("libc", EntryPoint = "sync_file_range", SetLastError = true)]
    private static partial int SyncFileRange(int fd, long offset, long count, uint flags);

    [LibraryImport("libc", EntryPoint = "posix_fadvise")]
    private static partial int PosixFadvise(int fd, long offset, long length, int advice);
}
