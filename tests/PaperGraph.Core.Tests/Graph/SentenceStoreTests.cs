using System.Text;

namespace PaperGraph.Core.Tests;

public sealed class SentenceStoreTests
{
    [Fact]
    public void Sentences_come_back_whole_across_byte_chunks_and_offset_blocks()
    {
        var store = new SentenceStore();
        var texts = new List<string>();

        // Long sentences fill several 4 MB chunks (a sentence never spans two); then many short and empty ones pass
        // the 65,536 sentences of one offset block.
        for (var i = 0; i < 8_000; i++)
        {
            texts.Add(new string((char)('a' + (i % 26)), 1_000 + (i % 700)) + $" {i} é");
        }

        for (var i = 0; i < 70_000; i++)
        {
            texts.Add(i % 10 == 0 ? "" : $"Short {i}.");
        }

        var ids = texts.Select(t => store.Add(t)).ToList();

        Assert.Equal(Enumerable.Range(0, texts.Count), ids);
        Assert.Equal(texts.Count, store.Count);
        Assert.True(store.Bytes > 2L * (1 << 22));
        Assert.Equal(texts, ids.Select(store.Get));
        Assert.Equal(texts.Sum(t => (long)Encoding.UTF8.GetByteCount(t)), store.Bytes);
        Assert.Throws<ArgumentOutOfRangeException>(() => store.GetUtf8(texts.Count).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => store.GetUtf8(-1).Length);
    }
}
