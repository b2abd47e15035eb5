namespace PaperGraph.Core.Tests;

public sealed class ModelGrammarTests
{
    private static readonly Vocabulary Vocab = Vocabulary.Load(null);
    private static readonly ModelGrammar Grammar = new(Vocab);

    private static ModelParse? ParseWhole(string text)
    {
        var tokens = Tokenizer.Tokenize(text);
        return Grammar.ParseAt(text, tokens, 0, out _);
    }

    [Theory]
    [InlineData("DeepSeek-V3")]
    [InlineData("DeepSeek-Coder-V2")]
    [InlineData("DeepSeek-Prover-V1.5")]
    [InlineData("DeepSeekMath 7B")]
    [InlineData("DeepSeek-Coder-Base-v1.5 7B")]
    [InlineData("DeepSeek LLM 67B")]
    [InlineData("LLaMA-2 70B")]
    [InlineData("Llama2-7B")]
    [InlineData("Qwen2.5-VL-72B-Instruct")]
    [InlineData("QVQ-72B-Preview")]
    [InlineData("o3-mini")]
    [InlineData("GPT4-Turbo")]
    [InlineData("Gemini 2.0 Flash Experimental")]
    [InlineData("Pixtral 12B")]
    [InlineData("Janus 7B")]
    [InlineData("Claude 3 Opus")]
    [InlineData("DeepSeek3B-MoE-A570M")]
    [InlineData("Zephyr-7B")]
    [InlineData("Mixtral 8x7B")]
    [InlineData("Phi-3-mini")]
    [InlineData("Foo-2.5-14B-Chat")]
    [InlineData("Llama 3.1 405B")]
    [InlineData("Gemma-2-9B-it")]
    [InlineData("OLMo-2-1124-13B-Instruct")]
    [InlineData("Qwen2-VL-7B")]
    [InlineData("Mistral-7B-Instruct-v0.2")]
    [InlineData("Phi-3.5-MoE")]
    [InlineData("GPT-4o")]
    [InlineData("Claude 3.5 Sonnet")]
    [InlineData("MinerU2.0")]
    [InlineData("GOT-OCR2.0")]
    [InlineData("RealSafe-R1")]
    [InlineData("Falcon-40B")]
    [InlineData("Vicuna-13B")]
    [InlineData("StarCoder2-15B")]
    [InlineData("Aquila-7B")]
    public void Grammar_parses_the_whole_name(string name)
    {
        var p = ParseWhole(name);
        Assert.NotNull(p);
        Assert.Equal(name, p.Name);
    }

    [Theory]
    [InlineData("DeepSeek-Coder-Base-v1.5 7B", "7B", null, "v1.5")]
    [InlineData("DeepSeek3B-MoE-A570M", "3B", "570M", null)]
    [InlineData("Mixtral 8x7B", "8x7B", null, null)]
    [InlineData("Llama 3.1 405B", "405B", null, "3.1")]
    [InlineData("Foo-2.5-14B-Chat", "14B", null, "2.5")]
    [InlineData("DeepSeek-V3", null, null, "V3")]
    [InlineData("Qwen2.5-VL-72B-Instruct", "72B", null, "2.5")]
    public void Grammar_parses_size_active_parameters_and_version(string name, string? size, string? active, string? version)
    {
        var p = ParseWhole(name);
        Assert.NotNull(p);
        Assert.Equal(size, p.Parameters);
        Assert.Equal(active, p.ActiveParameters);
        Assert.Equal(version, p.Version);
    }

    [Theory]
    [InlineData("Qwen2.5-VL-72B-Instruct", "VL Instruct")]
    [InlineData("DeepSeek LLM 67B Chat", "LLM Chat")]
    [InlineData("Gemini 2.0 Flash Experimental", "Flash Experimental")]
    [InlineData("Phi-3-mini", "mini")]
    public void Grammar_collects_variant_words(string name, string variant) =>
        Assert.Equal(variant, ParseWhole(name)?.Variant);

    [Theory]
    [InlineData("Top-1 accuracy")]
    [InlineData("H800 GPUs")]
    [InlineData("FP8 training")]
    [InlineData("Q3_K_M variant")]
    [InlineData("MT-Bench scores")]
    [InlineData("GSM8K accuracy")]
    [InlineData("January 2025")]
    [InlineData("Lean 4 proofs")]
    [InlineData("COVID-19 cases")]
    [InlineData("Nasdaq-100 index")]
    [InlineData("A100-40G cards")]
    [InlineData("Mixture-of-Experts layers")]
    [InlineData("Both 7B models")]
    [InlineData("WMT23 data")]
    [InlineData("Philosophy of mind")]
    [InlineData("GPT embeddings")]
    public void Grammar_rejects_things_that_are_not_models(string text) => Assert.Null(ParseWhole(text));

    [Fact]
    public void Grammar_stops_at_words_that_are_not_part_of_the_name()
    {
        Assert.Equal("Llama 3.3", ParseWhole("Llama 3.3 language models")?.Name);
        Assert.Equal("GPT-4", ParseWhole("GPT-4 at 23.0%")?.Name);
        Assert.Equal("DeepSeek-V3", ParseWhole("DeepSeek-V3/R1 model")?.Name);
    }

    [Fact]
    public void A_family_stem_glued_to_a_lower_case_word_is_not_a_model()
    {
        Assert.Null(ParseWhole("Grokking emerges"));
        Assert.Null(ParseWhole("Phil said"));
    }

    [Theory]
    [InlineData("Qwen2.5-VL-72B-Instruct")]
    [InlineData("DeepSeek3B-MoE-A570M")]
    [InlineData("Trixus 72B demonstrates")]
    [InlineData("MinerU2.0")]
    [InlineData("Mistral 7B -- Instruct")]
    public void A_name_parsed_again_gets_the_same_parse_as_the_first_time(string text)
    {
        // The second parse is the first one again, from the per-thread memo: one parse per name, not per occurrence.
        var twice = text + " and " + text;
        var tokens = Tokenizer.Tokenize(twice);
        var first = Grammar.ParseAt(twice, tokens, 0, out var firstEnd);
        var secondAt = tokens.FindIndex(t => t.Start == text.Length + 5);
        var second = Grammar.ParseAt(twice, tokens, secondAt, out var secondEnd);
        Assert.NotNull(first);
        Assert.Same(first, second);
        Assert.Equal(firstEnd, secondEnd - secondAt);
        Assert.Equal(first.Name, twice[tokens[secondAt].Start..tokens[secondEnd - 1].End]);
        Assert.Equal(first.Name, ParseWhole(text)?.Name);
    }

    [Fact]
    public void A_parse_carries_the_key_of_its_name_and_a_changed_copy_the_key_of_the_new_name()
    {
        var parse = ParseWhole("Qwen2.5-VL-72B-Instruct")!;
        Assert.Equal(NameKey.Of("Qwen2.5-VL-72B-Instruct"), parse.Key);
        var renamed = parse with { Name = "Code Qwen2.5-VL-72B-Instruct" };
        Assert.Equal(NameKey.Of("Code Qwen2.5-VL-72B-Instruct"), renamed.Key);
        Assert.Equal(NameKey.Of("Qwen2.5-VL-72B-Instruct"), parse.Key);
        Assert.Equal(NameKey.Of("Veltra 7B"), new ModelParse("Veltra 7B", null, "Veltra", "Veltra", null, "7B", null, null, false).Key);
    }

    [Fact]
    public void A_lower_case_family_stem_before_a_hyphen_and_digit_still_parses()
    {
        Assert.Equal("phi-3-mini", ParseWhole("phi-3-mini")?.Name);
        Assert.Null(ParseWhole("the 7B model"));
    }

    [Fact]
    public void A_name_in_use_keeps_its_parse_while_many_other_names_come_and_go()
    {
        // The memo forgets the names a thread stopped meeting, not the ones it keeps meeting: more new names than the
        // memo holds pass by, and the recurring name keeps the parse it got the first time.
        var kept = ParseWhole("Qorvex 7B");
        Assert.NotNull(kept);
        for (var n = 0; n < 20_000; n++)
        {
            var other = ParseWhole(UnknownStem(n) + " 7B");
            Assert.Equal(UnknownStem(n), other?.Stem);
            if (n % 1_000 == 999)
            {
                Assert.Same(kept, ParseWhole("Qorvex 7B"));
            }
        }

        // A name long gone is parsed again, to the same values.
        var gone = ParseWhole("Zqa 7B");
        Assert.Equal(new ModelParse("Zqa 7B", null, "Zqa", "Zqa", null, "7B", null, null, false), gone);
    }

    [Theory]
    [InlineData("We compare llama-2-7b, phi-3-mini and DeepSeek-V3 with Trixus 72B on 12 tasks (85.3%).")]
    [InlineData("the 7B model and Über-2 7B, o1-preview, gpt-4o and MinerU2.0 - Instruct")]
    public void Only_tokens_that_may_start_a_name_parse(string text)
    {
        var tokens = Tokenizer.Tokenize(text);
        var turnedAway = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!Grammar.MayStartAt(text, tokens, i))
            {
                turnedAway++;
                Assert.Null(Grammar.ParseAt(text, tokens, i, out _));
            }
        }

        // The plain lower-case words and numbers are turned away without a parse.
        Assert.True(turnedAway >= 5, $"{turnedAway} tokens turned away");
        Assert.True(Grammar.MayStartAt(text, tokens, tokens.FindIndex(t => text[t.Start] is 'l' or 'Ü')));
    }

    // "Zqa", "Zqb", ... "Zqba", ...: capitalised unknown stems of letters only, one per number.
    private static string UnknownStem(int n)
    {
        var letters = new System.Text.StringBuilder("Zq");
        var at = letters.Length;
        do
        {
            letters.Insert(at, (char)('a' + (n % 26)));
            n /= 26;
        }
        while (n > 0);

        return letters.ToString();
    }
}
