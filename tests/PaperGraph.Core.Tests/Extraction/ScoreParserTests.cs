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

    private static string? SettingOf(string sentence, int scoreIndex = 0)
    {
        var lower = sentence.ToLowerInvariant();
        return ScoreParser.Setting(lower, 0, lower.Length, Scores(sentence)[scoreIndex]);
    }

    [Theory]
    [InlineData("It solves 49 out of 658 problems from PutnamBench.", "out of 658 problems")]
    [InlineData("It solves 49 out of 658 problems.", "out of 658 problems")]
    [InlineData("On these 15 AIME problems the model solves 6 of them.", "out of 15 aime problems")]
    [InlineData("It reaches 46.4% on MATH with 64 samples.", "64 samples")]
    [InlineData("It reaches 46.4% with 064 samples on MATH.", "64 samples")]
    [InlineData("It reaches 46.4% on the MATH benchmark with 8 samples.", "8 samples")]
    [InlineData("It reaches 46.4% on MATH using self-consistency over 64 samples.", "self-consistency over 64 samples")]
    [InlineData("It reaches 46.4% on MMLU in the 5-shot setting.", "5-shot")]
    [InlineData("It reaches 46.4% on MMLU with majority voting.", "majority voting")]
    [InlineData("It reaches 46.4% on the MMLU test set.", "test set")]
    [InlineData("It reaches 46.4% cumulatively on MMLU.", "cumulative")]
    [InlineData("It reaches 46.4% on MMLU.", null)]
    public void Settings_are_read_from_the_sentence(string sentence, string? setting) =>
        Assert.Equal(setting, SettingOf(sentence));

    [Fact]
    public void A_setting_read_again_is_the_same_string_object()
    {
        // Pooled per thread: equal settings of different results share one string (the graph side finds a
        // relation's property set by its objects).
        var first = SettingOf("It reaches 46.4% on MMLU in the 5-shot setting.");
        var second = SettingOf("Another model reaches 50.1% on GSM8K, 5-shot.");
        Assert.Equal("5-shot", first);
        Assert.Same(first, second);
        Assert.Same(SettingOf("It reaches 46.4% on MATH with 64 samples."), SettingOf("It gets 12% with 64 samples."));
    }
}
