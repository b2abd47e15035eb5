using System.Text;

namespace PaperGraph.Core.Tests;

public sealed class SentenceStoreTests
{
    [Fact]
    public void Each_sentence_knows_the_paper_it_was_stored_for()
    {
        var store = new SentenceStore();
        var a1 = store.AddUtf8(Encoding.UTF8.GetBytes("A one."), "paper:a");
        var a2 = store.AddUtf8(Encoding.UTF8.GetBytes("A two."), "paper:a");
        var none = store.Add("No paper.");
        var b1 = store.Add("B one.", "paper:b");
        var a3 = store.AddUtf8(Encoding.UTF8.GetBytes("A again."), "paper:a");

        Assert.Equal(["paper:a", "paper:a", null, "paper:b", "paper:a"], new[] { a1, a2, none, b1, a3 }.Select(store.PaperOf));
        Assert.Equal(["A one.", "A two.", "No paper.", "B one.", "A again."], new[] { a1, a2, none, b1, a3 }.Select(store.Get));
    }

    [Fact]
    public void A_sentence_id_outside_the_store_has_no_paper()
    {
        var store = new SentenceStore();
        Assert.Null(store.PaperOf(0));
        store.Add("One.", "paper:a");

        Assert.Null(store.PaperOf(-1));
        Assert.Null(store.PaperOf(1));
        Assert.Equal("paper:a", store.PaperOf(0));
    }

    [Fact]
    public void Many_papers_find_their_sentences_across_blocks_of_runs()
    {
        var store = new SentenceStore();
        var expected = new List<string>();
        for (var p = 0; p < 5_000; p++)
        {
            for (var s = 0; s < (p % 7) + 1; s++)
            {
                store.Add($"Sentence {s} of {p}.", $"paper:{p}");
                expected.Add($"paper:{p}");
            }
        }

        Assert.Equal(expected, Enumerable.Range(0, store.Count).Select(store.PaperOf));
    }

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

        var ids = texts.Select(t => store.Add(t, "paper:x")).ToList();

        Assert.Equal(Enumerable.Range(0, texts.Count), ids);
        Assert.Equal(texts.Count, store.Count);
        Assert.True(store.Bytes > 2L * (1 << 22));
        Assert.Equal(texts, ids.Select(store.Get));
        Assert.Equal(texts.Sum(t => (long)Encoding.UTF8.GetByteCount(t)), store.Bytes);
        Assert.Throws<ArgumentOutOfRangeException>(() => store.GetUtf8(texts.Count).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => store.GetUtf8(-1).Length);
    }
}
