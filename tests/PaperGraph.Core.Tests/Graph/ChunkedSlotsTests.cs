namespace PaperGraph.Core.Tests;

public sealed class ChunkedSlotsTests
{
    [Fact]
    public void Items_land_in_their_chunk_and_slot_and_read_back_in_order()
    {
        const int bits = 6;
        var chunks = Array.Empty<int[]>();
        for (var i = 0; i < 1000; i++)
        {
            ChunkedSlots.ChunkFor(ref chunks, i, bits)[i & ((1 << bits) - 1)] = i * 3;
        }

        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(i * 3, chunks[i >> bits][i & ((1 << bits) - 1)]);
        }
    }

    [Fact]
    public void The_first_chunk_starts_small_and_doubles_while_later_chunks_are_made_full_size()
    {
        const int bits = 8;
        var chunks = Array.Empty<string[]>();
        Assert.Equal(16, ChunkedSlots.ChunkFor(ref chunks, 0, bits).Length);

        chunks[0][0] = "kept";
        Assert.Equal(32, ChunkedSlots.ChunkFor(ref chunks, 16, bits).Length);
        Assert.Equal("kept", chunks[0][0]);

        Assert.Equal(256, ChunkedSlots.ChunkFor(ref chunks, 256, bits).Length);
        Assert.Equal(4, chunks.Length);
    }
}
