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

    [Fact]
    public void Sentences_of_three_byte_characters_fill_a_chunk_to_the_last_byte_and_go_on_in_the_next()
    {
        var store = new SentenceStore();
        // 3 bytes of UTF-8 each (a lone surrogate is stored as U+FFFD, also 3 bytes): 4 MB holds exactly
        // 1,398,101 of them, with one byte left over, which the next sentence does not fit.
        var texts = new List<string>();
        for (var i = 0; i < 14; i++)
        {
            texts.Add(new string('\u4e2d', 99_864));
        }

        texts.Add(new string('\u4e2d', 4) + "\ud800");
        texts.Add("ab");
        texts.Add(new string('\u4e2d', 5));

        var ids = texts.Select(t => store.Add(t)).ToList();

        Assert.Equal((1 << 22) - 1, texts.Take(15).Sum(t => t.Length) * 3);
        Assert.Equal(texts.Select(t => t.Replace('\ud800', '\ufffd')), ids.Select(store.Get));
        Assert.Equal(((1 << 22) - 1) + 2 + 15, store.Bytes);
    }
}
