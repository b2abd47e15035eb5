namespace PaperGraph.Core.Tests;

public sealed class PaperTests
{
    // Authors are compared as the same list object, as in any record with a list member.
    private static readonly string[] Authors = ["A. Author"];

    private static Paper Make(string title = "DeepSeek-V3", string abstractText = "We present DeepSeek-V3.") =>
        new("paper:x", title, abstractText, 2024, null, Authors, new SourceLocation("papers.jsonl", 1));

    [Fact]
    public void Text_is_the_title_a_newline_and_the_abstract_made_once()
    {
        var paper = Make();

        Assert.Equal("DeepSeek-V3\nWe present DeepSeek-V3.", paper.Text);
        Assert.Same(paper.Text, paper.Text);
        Assert.Equal(paper.Title.Length + 1, paper.AbstractOffset);
    }

    [Fact]
    public void A_paper_whose_text_was_made_equals_one_whose_text_was_not()
    {
        var asked = Make();
        var notAsked = Make();
        _ = asked.Text;

        Assert.Equal(asked, notAsked);
        Assert.Equal(notAsked, asked);
        Assert.Equal(asked.GetHashCode(), notAsked.GetHashCode());
    }

    [Fact]
    public void Papers_that_differ_in_a_member_are_not_equal()
    {
        var paper = Make();
        _ = paper.Text;

        Assert.NotEqual(paper, Make(title: "DeepSeek-V2"));
        Assert.NotEqual(paper, Make(abstractText: "Other."));
        Assert.NotEqual(paper, paper with { Id = "paper:y" });
        Assert.NotEqual(paper, paper with { Year = 2023 });
        Assert.NotEqual(paper, paper with { Source = new SourceLocation("papers.jsonl", 2) });
    }

    [Fact]
    public void With_a_new_title_or_abstract_gives_the_new_text()
    {
        var paper = Make();
        _ = paper.Text;

        var retitled = paper with { Title = "DeepSeek-V2" };
        var rewritten = paper with { Abstract = "Other." };
        var both = retitled with { Abstract = "Other." };

        Assert.Equal("DeepSeek-V2\nWe present DeepSeek-V3.", retitled.Text);
        Assert.Equal("DeepSeek-V3\nOther.", rewritten.Text);
        Assert.Equal("DeepSeek-V2\nOther.", both.Text);
        Assert.Equal("DeepSeek-V3\nWe present DeepSeek-V3.", paper.Text);
        Assert.Equal(Make(title: "DeepSeek-V2"), retitled);
    }

    [Fact]
    public void With_another_member_keeps_the_text()
    {
        var paper = Make();
        var text = paper.Text;

        var moved = paper with { Year = 2025, Url = "https://example.org" };

        Assert.Equal(text, moved.Text);
        Assert.Equal(2025, moved.Year);
    }

    [Fact]
    public void ToString_lists_the_members_in_their_positional_order()
    {
        Assert.Equal(
            "Paper { Id = paper:x, Title = T, Abstract = A., Year = 2024, Url = , Authors = System.String[], Source = papers.jsonl:1, Text = T\nA., AbstractOffset = 2 }",
            Make("T", "A.").ToString());
    }

    [Fact]
    public void Deconstruction_gives_the_positional_members()
    {
        var (id, title, abstractText, year, url, authors, source) = Make();

        Assert.Equal(("paper:x", "DeepSeek-V3", "We present DeepSeek-V3.", 2024, (string?)null), (id, title, abstractText, year, url));
        Assert.Equal(["A. Author"], authors);
        Assert.Equal(new SourceLocation("papers.jsonl", 1), source);
    }

    // A paper as a reader makes it from one text: the abstract only in the text.
    private static Paper FromText(string title = "DeepSeek-V3", string abstractText = "We present DeepSeek-V3.") =>
        new("paper:x", title, 2024, null, Authors, new SourceLocation("papers.jsonl", 1), title + "\n" + abstractText);

    [Fact]
    public void A_paper_read_as_one_text_has_its_abstract_and_equals_one_made_from_parts()
    {
        var read = FromText();
        var made = Make();

        Assert.Equal(made.GetHashCode(), read.GetHashCode());
        Assert.Equal(made, read);
        Assert.Equal(read, made);
        Assert.Equal("We present DeepSeek-V3.", read.Abstract);
        Assert.Equal("DeepSeek-V3\nWe present DeepSeek-V3.", read.Text);
        Assert.Equal(made.ToString(), FromText().ToString());
        Assert.NotEqual(made, FromText(abstractText: "Other."));
    }

    [Fact]
    public void With_a_new_title_keeps_the_abstract_of_a_paper_read_as_one_text()
    {
        var retitled = FromText() with { Title = "DeepSeek-V2" };
        var rewritten = FromText() with { Abstract = "Other." };

        Assert.Equal("We present DeepSeek-V3.", retitled.Abstract);
        Assert.Equal("DeepSeek-V2\nWe present DeepSeek-V3.", retitled.Text);
        Assert.Equal(Make(title: "DeepSeek-V2"), retitled);
        Assert.Equal("DeepSeek-V3\nOther.", rewritten.Text);
        Assert.Equal(Make(abstractText: "Other."), rewritten);
    }
}
