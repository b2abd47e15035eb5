namespace PaperGraph.Core;

/// <summary>
/// Growth for a list stored as fixed-size chunks (<c>T[][]</c>): growing never copies more than one chunk, and no
/// array reaches the large-object heap's doubling copies. The first chunk starts small and doubles up to the chunk
/// size, because most lists (tests, a page of papers) are tiny.
/// </summary>
internal static class ChunkedSlots
{
    /// <summary>The chunk that item number <paramref name="count"/> goes into, made or grown first when needed.</summary>
    public static T[] ChunkFor<T>(ref T[][] chunks, int count, int chunkBits)
    {
        var chunk = count >> chunkBits;
        if (chunk == chunks.Length)
        {
            Array.Resize(ref chunks, Math.Max(4, chunks.Length * 2));
        }

        var slot = count & ((1 << chunkBits) - 1);
        var array = chunks[chunk];
        if (array is null || slot == array.Length)
        {
            var size = chunk == 0 ? Math.Min(1 << chunkBits, Math.Max(16, slot * 2)) : 1 << chunkBits;
            Array.Resize(ref array, size);
            chunks[chunk] = array;
        }

        return array;
    }
}
