namespace PaperGraph.Core.Tests;

public sealed class SentenceSplitterTests
{
    private static List<string> Split(string title, string abstractText)
    {
        var text = title + "\n" + abstractText;
        return SentenceSplitter.Split(text, title.Length).Select(s => text[s.Start..s.End]).ToList();
    }

    [Fact]
    public void Title_is_its_own_sentence()
    {
        var s = Split("Llama 2: Open Foundation and Fine-Tuned Chat Models", "We develop Llama 2. It is open.");
        Assert.Equal(["Llama 2: Open Foundation and Fine-Tuned Chat Models", "We develop Llama 2.", "It is open."], s);
    }

    [Theory]
    [InlineData("Strong baselines (e.g. Mistral 7B) are used. Then we stop.", 2)]
    [InlineData("We compare Gemma vs. Llama on many tasks. Results follow.", 2)]
    [InlineData("As shown by Touvron et al. in prior work, scaling helps. We agree.", 2)]
    [InlineData("It reaches 51.7% on MATH. It is small.", 2)]
    [InlineData("Qwen2.5-VL and DeepSeek-Prover-V1.5 are strong. Phi-3.5-MoE too.", 2)]
    [InlineData("We train on U.S. data, i.e. English text. Done.", 2)]
    [InlineData("The model answers 'What happened?' correctly. Next.", 2)]
    [InlineData("One sentence without a final period", 1)]
    [InlineData("It costs approx. 5 GPU hours, APPROX. 6 with w.r.t. Llama. Done.", 2)]
    [InlineData("Results of the approximate. Method follow.", 2)]
    public void Splitter_survives_abbreviations_decimals_and_dotted_names(string abstractText, int expected) =>
        Assert.Equal(expected, Split("T", abstractText).Count - 1);

    [Fact]
    public void Sentence_offsets_point_into_the_paper_text()
    {
        var title = "OLMo: Accelerating the Science of Language Models";
        var abs = "We release OLMo. OLMo-7B is trained on Dolma.";
        var text = title + "\n" + abs;
        var spans = SentenceSplitter.Split(text, title.Length);
        Assert.Equal("OLMo-7B is trained on Dolma.", text[spans[2].Start..spans[2].End]);
    }
}
