namespace PaperGraph.Core.Tests;

public sealed class CorpusTextTests
{
    // The character loop IsNormal replaced: normalisation is needed for any white space but a single inner space.
    private static bool NeedsNormalizing(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (char.IsWhiteSpace(ch) && (ch != ' ' || i == 0 || i == text.Length - 1 || text[i + 1] == ' '))
            {
                return true;
            }
        }

        return false;
    }

    [Fact]
    public void Every_white_space_character_but_the_inner_single_space_needs_normalizing()
    {
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var text = "a" + (char)c + "b";

            Assert.Equal(!NeedsNormalizing(text), CorpusText.IsNormal(text));
        }
    }

    [Fact]
    public void The_fast_test_agrees_with_the_character_loop_on_mixed_spacing()
    {
        string[] pieces = ["Veltra", " ", "  ", "\t", "\n", "\u00A0", "\u3000", "x", "63.5%", "\r\n", "\u2009", ""];
        var random = new Random(5);
        for (var n = 0; n < 20000; n++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 6)).Select(_ => pieces[random.Next(pieces.Length)]));

            Assert.Equal(!NeedsNormalizing(text), CorpusText.IsNormal(text));
            var normalized = CorpusText.Normalize(text);
            Assert.True(CorpusText.IsNormal(normalized));
            Assert.Equal(NeedsNormalizing(text) ? normalized : text, normalized);
        }
    }

    [Fact]
    public void Normalize_collapses_runs_and_trims_and_keeps_a_normal_text_as_it_is()
    {
        const string normal = "A plain title";

        Assert.Same(normal, CorpusText.Normalize(normal));
        Assert.Equal("a b c", CorpusText.Normalize("  a\t\tb \u00A0c\n"));
        Assert.Equal("", CorpusText.Normalize(" \n "));
    }
}
