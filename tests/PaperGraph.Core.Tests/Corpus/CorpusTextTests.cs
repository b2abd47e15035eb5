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
    public void The_byte_test_of_ascii_text_is_not_blank_and_normal()
    {
        var random = new Random(9);
        const string alphabet = "ab. \t\n\v\f\r\u001c\u001f";
        var texts = new List<string> { "", " ", "a", " a", "a ", "a  b", "a b", "\ta", "a\u001fb" };
        for (var round = 0; round < 2000; round++)
        {
            var chars = new char[random.Next(0, 12)];
            for (var k = 0; k < chars.Length; k++)
            {
                chars[k] = alphabet[random.Next(alphabet.Length)];
            }

            texts.Add(new string(chars));
        }

        foreach (var text in texts)
        {
            var expected = !text.AsSpan().IsWhiteSpace() && CorpusText.IsNormal(text);
            Assert.Equal(expected, JsonLinesReader.IsNormalAscii(System.Text.Encoding.ASCII.GetBytes(text)));
        }
    }

    [Theory]
    [InlineData("synth-0000001", "paper:synth-0000001")]
    [InlineData(" synth-0000001 ", "paper:synth-0000001")]
    [InlineData("2401.02954v2", "arxiv:2401.02954")]
    [InlineData("hep-th/9901001", "arxiv:hep-th/9901001")]
    [InlineData("doi:10.1000/xyz", "doi:10.1000/xyz")]
    [InlineData("a:b", "a:b")]
    [InlineData("A:b", "paper:a-b")]
    [InlineData("a.b", "paper:a-b")]
    public void A_given_id_is_an_arxiv_id_a_scheme_or_a_slug(string given, string expected) =>
        Assert.Equal(expected, PaperIds.FromGiven(given, "Title", "Abstract."));

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
