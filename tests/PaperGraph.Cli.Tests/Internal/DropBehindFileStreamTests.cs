namespace PaperGraph.Cli.Tests;

public sealed class DropBehindFileStreamTests : IDisposable
{
    private const int Window = 64 * 1024;

    private readonly string _dir = Directory.CreateTempSubdirectory("papergraph-dropbehind-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static byte[] Pattern(int length)
    {
        var bytes = new byte[length];
        new Random(7).NextBytes(bytes);
        return bytes;
    }

    [Theory]
    [InlineData(1000, false)]
    [InlineData(7919, true)]
    [InlineData(300_000, false)]
    public async Task The_file_holds_exactly_the_bytes_written_in_pieces_of_any_size(int piece, bool async)
    {
        var expected = Pattern(11 * Window + 123);
        var path = Path.Combine(_dir, "out.bin");
        await using (var stream = new DropBehindFileStream(path, Window))
        {
            for (var at = 0; at < expected.Length; at += piece)
            {
                var part = expected.AsMemory(at, Math.Min(piece, expected.Length - at));
                if (async)
                {
                    await stream.WriteAsync(part);
                }
                else
                {
                    stream.Write(part.Span);
                }
            }

            Assert.Equal(expected.Length, stream.Length);
            Assert.Equal(expected.Length, stream.Position);
        }

        Assert.Equal(expected, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task Windows_older_than_the_ones_in_flight_are_dropped_from_the_page_cache_on_linux()
    {
        var path = Path.Combine(_dir, "big.bin");
        await using var stream = new DropBehindFileStream(path, Window);
        var data = Pattern(Window);
        for (var i = 0; i < 10; i++)
        {
            await stream.WriteAsync(data);
        }

        // Ten windows handed to the disk, the newest four still in flight: six dropped.
        var expected = OperatingSystem.IsLinux() && Environment.Is64BitProcess
            ? (10 - DropBehindFileStream.WindowsInFlight) * (long)Window
            : 0;
        Assert.Equal(expected, stream.DroppedBytes);
    }

    [Fact]
    public async Task A_file_smaller_than_the_windows_in_flight_is_never_dropped()
    {
        var path = Path.Combine(_dir, "small.bin");
        await using var stream = new DropBehindFileStream(path, Window);
        await stream.WriteAsync(Pattern((DropBehindFileStream.WindowsInFlight + 1) * Window - 1));

        Assert.Equal(0, stream.DroppedBytes);
    }

    [Fact]
    public async Task Creating_the_stream_truncates_an_existing_file()
    {
        var path = Path.Combine(_dir, "old.bin");
        await File.WriteAllTextAsync(path, "a much longer earlier content");
        await using (var stream = new DropBehindFileStream(path, Window))
        {
            stream.Write("new"u8);
        }

        Assert.Equal("new", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public void The_stream_is_write_only_and_sequential()
    {
        using var stream = new DropBehindFileStream(Path.Combine(_dir, "w.bin"), Window);

        Assert.False(stream.CanRead);
        Assert.False(stream.CanSeek);
        Assert.True(stream.CanWrite);
        Assert.Throws<NotSupportedException>(() => stream.Seek(0, SeekOrigin.Begin));
        Assert.Throws<NotSupportedException>(() => stream.Read(new byte[1], 0, 1));
        Assert.Throws<NotSupportedException>(() => stream.Position = 0);
    }

    [Fact]
    public void A_window_smaller_than_a_page_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DropBehindFileStream(Path.Combine(_dir, "x.bin"), 100));
    }
}
