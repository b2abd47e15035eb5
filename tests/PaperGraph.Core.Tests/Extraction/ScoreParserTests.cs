namespace PaperGraph.Core.Tests;

/// <summary>Score reading on ASCII sentences (which jump from digit to digit) and on other text (read character by character).</summary>
public sealed class ScoreParserTests
{
    private static List<ScoreSpan> Scores(string text)
    {
        var list = new List<ScoreSpan>();
        ScoreParser.Scores(text, 0, text.Length, list);
        return list;
    }

    [Fact]
    public void Ascii_and_non_ascii_sentences_give_the_same_scores()
    {
        var ascii = Scores("Model-7B reaches 51.7% on MMLU, 8.38 on MT-bench and solves 49 out of 658 problems.");
        var accented = Scores("Modèl-7B reaches 51.7% on MMLU, 8.38 on MT-bench and solves 49 out of 658 problems.");
        Assert.Equal(["percent", "unitless", "count-out-of"], ascii.Select(s => s.Kind));
        Assert.Equal(ascii.Select(s => (s.Value, s.Kind, s.End - s.Start)), accented.Select(s => (s.Value, s.Kind, s.End - s.Start)));
        Assert.Equal(accented[0].Start, ascii[0].Start);
    }

    [Fact]
    public void Digits_inside_words_and_sizes_are_not_scores()
    {
        Assert.Empty(Scores("GPT4 and Llama-3-8B use 16K tokens, 2x faster."));
        Assert.Single(Scores("Qwen2 scores 12.5%"));
    }
}
