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
    public void Many_papers_find_their_sentences_by_binary_search()
    {
        var store = new SentenceStore();
        var expected = new List<string>();
        for (var p = 0; p < 500; p++)
        {
            for (var s = 0; s < (p % 4) + 1; s++)
            {
                store.Add($"Sentence {s} of {p}.", $"paper:{p}");
                expected.Add($"paper:{p}");
            }
        }

        Assert.Equal(expected, Enumerable.Range(0, store.Count).Select(store.PaperOf));
    }
}
