using System.Text;

namespace PaperGraph.Core.Tests;

/// <summary>Merged papers' texts kept per length and written over by the next text of that length.</summary>
public sealed class TextPoolTests
{
    // A string of its own (never interned), as a reader makes.
    private static string Owned(string s) => new(s.AsSpan());

    [Fact]
    public void A_returned_text_is_rented_once_for_its_length_only()
    {
        var pool = new TextPool();
        var text = Owned("abcde");
        pool.Return(text);

        Assert.Null(pool.Rent(4, out _));
        Assert.Null(pool.Rent(6, out _));
        Assert.Same(text, pool.Rent(5, out var chars));
        Assert.Equal(5, chars.Length);
        Assert.Null(pool.Rent(5, out _));
        Assert.Equal(1, pool.Reused);
    }

    [Fact]
    public void Writing_the_rented_characters_writes_the_string()
    {
        var pool = new TextPool();
        pool.Return(Owned("title\nabstract"));

        var rented = pool.Rent(14, out var chars)!;
        "other\nsummary!".AsSpan().CopyTo(chars);

        Assert.Equal("other\nsummary!", rented);
    }

    [Fact]
    public void Empty_and_overlong_strings_are_never_kept()
    {
        var pool = new TextPool();
        pool.Return(string.Empty);
        pool.Return(new string('x', TextPool.MaxLength + 1));

        Assert.Null(pool.Rent(0, out _));
        Assert.Null(pool.Rent(TextPool.MaxLength + 1, out _));
        Assert.Equal(0, pool.Reused);
    }

    [Fact]
    public void A_json_lines_reader_writes_an_ascii_record_into_a_returned_text_of_its_length()
    {
        var first = """{"id":"a:1","title":"Alpha-1 report","abstract":"We present Alpha-1."}""";
        var second = """{"id":"a:2","title":"Bravo-2 report","abstract":"We present Bravo-2."}""";
        var pool = new TextPool();
        var reader = new JsonLinesReader { Texts = pool };

        var papers = reader.Read(new MemoryStream(Encoding.UTF8.GetBytes(first + "\n" + second + "\n")), "t.jsonl", CancellationToken.None)
            .Select(i => i.Paper!);
        using var e = papers.GetEnumerator();
        Assert.True(e.MoveNext());
        var a = e.Current;
        Assert.Equal("Alpha-1 report\nWe present Alpha-1.", a.Text);
        var aText = a.Text;
        pool.Return(aText);

        Assert.True(e.MoveNext());
        var b = e.Current;
        Assert.Same(aText, b.Text);
        Assert.Equal("Bravo-2 report\nWe present Bravo-2.", b.Text);
        Assert.Equal("Bravo-2 report", b.Title);
        Assert.Equal("We present Bravo-2.", b.Abstract);
        Assert.Equal(1, pool.Reused);
    }
}
