using System.Runtime.InteropServices;

namespace PaperGraph.Core.Tests;

/// <summary>
/// The cue index must answer exactly like <c>PaperContext.FindPhrase</c>'s text search (whole words, lower case, first
/// occurrence inside the range), since the relation rules switched from one to the other with output unchanged.
/// </summary>
public sealed class CueIndexTests
{
    private static readonly Lazy<Vocabulary> Vocab = new(() => Vocabulary.Load(null));

    private static PaperContext Context(string title, string text) =>
        new(new Paper("test:1", title, text, null, null, [], new SourceLocation("test", 1)), Vocab.Value);

    private static Cue[] RuleCues()
    {
        // Running the rules once creates their cue tables.
        _ = ExtractionTestKit.Extract("A title", "We present Foo-7B, fine-tuned from Llama-2-7B.");
        return Cue.All();
    }

    private static void AssertSameAsSearch(PaperContext ctx, Cue[] cues, IEnumerable<(int From, int To)> ranges)
    {
        var hits = new CueMatcher(cues).Match(ctx.Lower);
        foreach (var (from, to) in ranges)
        {
            foreach (var cue in cues)
            {
                var expected = ctx.FindPhrase(cue.Text, from, to);
                var actual = hits.Find(cue, from, to);
                Assert.True(expected == actual, $"cue \"{cue.Text}\" in [{from}, {to}): search {expected}, index {actual}");
            }
        }
    }

    private static IEnumerable<(int From, int To)> Ranges(PaperContext ctx)
    {
        yield return (0, ctx.Text.Length);
        yield return (0, ctx.Text.Length + 50);
        yield return (-1, ctx.Text.Length);
        foreach (var (ss, se) in ctx.Sentences)
        {
            var mid = (ss + se) / 2;
            yield return (ss, se);
            yield return (ss, mid);
            yield return (mid, se);
            yield return (mid + 3, se + 40);
            yield return (se, ss);
        }
    }

    [Fact]
    public void Every_rule_cue_is_found_where_the_text_search_finds_it_in_the_seed_papers()
    {
        var cues = RuleCues();
        Assert.True(cues.Length > 150, $"only {cues.Length} cues registered");
        foreach (var chunk in File.ReadAllText(CorpusTestFiles.SeedFile).Split("\n\n"))
        {
            if (chunk.Length < 40)
            {
                continue;
            }

            var ctx = Context("", chunk);
            AssertSameAsSearch(ctx, cues, Ranges(ctx));
        }
    }

    [Fact]
    public void Every_rule_cue_is_found_where_the_text_search_finds_it_in_the_family_fixtures()
    {
        var cues = RuleCues();
        foreach (var line in File.ReadLines(CorpusTestFiles.CorpusFixture("families.jsonl")))
        {
            var ctx = Context("", line.ToLowerInvariant());
            AssertSameAsSearch(ctx, cues, Ranges(ctx));
        }
    }

    [Theory]
    [InlineData("It was fine-tuned from X; we fine-tune it further.", "fine-tune")]
    [InlineData("The rl-trained model uses RL, rlhf and grpo-rl.", "rl")]
    [InlineData("versus vs vs. vsx xvs", "vs")]
    [InlineData("into intolerant distilled into, into", "into")]
    [InlineData("pre-trained on pre-trained onward pretrained on", "pre-trained on")]
    [InlineData("rérl érl rlé rl_rl rl.rl 1rl rl1 (rl) --rl rl", "rl")]
    [InlineData("  into into—intoéinto", "into")]
    [InlineData("q qq q. (q) q-q q\u00e9 \u00e9q", "q")]
    [InlineData("q\u00e9 q\u00e9x aq\u00e9 q\u00e9.", "q\u00e9")]
    [InlineData("zy zyx zy. xzy zy-zy", "zy")]
    [InlineData("x~zy zy^ ^zy zy\u0000zy #zy zy~ into~ in#to in\u0000", "zy")]
    [InlineData("in~to in#to into^ in^ ~in into\u0000 in", "into")]
    public void Word_boundaries_and_overlaps_match_the_text_search(string text, string phrase)
    {
        var cues = new[] { Cue.Of(phrase) };
        var all = Cue.All();
        var ctx = Context("", text);
        var matcher = new CueMatcher(all);
        var hits = matcher.Match(ctx.Lower);
        for (var from = -1; from <= text.Length + 1; from++)
        {
            for (var to = from; to <= text.Length + 2; to++)
            {
                Assert.Equal(ctx.FindPhrase(phrase, from, to), hits.Find(cues[0], from, to));
            }
        }

        // From the token starts too, where the text is ASCII (a one-character cue, a non-ASCII second character and a
        // two-character cue each take a different first step).
        if (matcher.StartsAtWords && System.Text.Ascii.IsValid(text))
        {
            var joined = new List<int>();
            var tokens = Tokenizer.Tokenize(text, ctx.Lower, null, joined);
            var fromStarts = matcher.Match(ctx.Lower, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(tokens), joined);
            Assert.Equal(Occurrences(hits, cues, text.Length), Occurrences(fromStarts, cues, text.Length));
        }
    }

    [Fact]
    public void Random_texts_of_cue_letters_spaces_and_marks_match_the_text_search()
    {
        var phrases = new[] { "rl", "in", "into", "in r", "r-in" };
        var cues = Cue.Of(phrases);
        var matcher = new CueMatcher(Cue.All());
        const string alphabet = "rlinto -._é ";
        var random = new Random(6);
        for (var round = 0; round < 300; round++)
        {
            var text = RandomText(random, alphabet);

            var ctx = Context("", text);
            var hits = matcher.Match(ctx.Lower);
            foreach (var cue in cues)
            {
                for (var from = 0; from <= ctx.Lower.Length; from++)
                {
                    Assert.Equal(ctx.FindPhrase(cue.Text, from, ctx.Lower.Length), hits.Find(cue, from, ctx.Lower.Length));
                }
            }
        }
    }

    [Fact]
    public void A_cue_made_after_the_matcher_is_not_covered_and_falls_back_to_the_search()
    {
        var matcher = new CueMatcher(Cue.All());
        var late = Cue.Of("a phrase nobody registered before " + Guid.NewGuid().ToString("N"));
        var ctx = Context("", "Nothing here: " + late.Text + ".");
        Assert.False(matcher.Match(ctx.Lower).Covers(late));
        ctx.IndexCues(matcher);
        var at = ctx.FindPhrase(late, 0, ctx.Text.Length);
        Assert.True(at > 0);
        Assert.Equal(ctx.FindPhrase(late.Text, 0, ctx.Text.Length), at);
    }
    [Fact]
    public void Recycled_hits_answer_like_fresh_ones_for_papers_with_more_and_fewer_hits()
    {
        var matcher = new CueMatcher(Cue.All());
        var cues = Cue.All();
        string[] texts =
        [
            "we present our model. our model is the model we fine-tuned from the base model, compared with prior work.",
            "nothing.",
            "",
            string.Concat(Enumerable.Repeat("we propose our model, which outperforms the model such as prior models. ", 40)),
            "this model.",
        ];
        // Found before any hits are recycled (each match takes the thread's recycled hits, whichever matcher asks).
        var fresh = texts.Select(t => Occurrences(matcher.Match(t), cues, t.Length)).ToList();
        CueHits? previous = null;
        for (var i = 0; i < texts.Length; i++)
        {
            var text = texts[i];
            var hits = matcher.Match(text);
            if (previous is not null)
            {
                Assert.Same(previous, hits);
            }

            Assert.Equal(fresh[i], Occurrences(hits, cues, text.Length));
            hits.Recycle();
            previous = hits;
        }
    }

    /// <summary>Every occurrence of every cue, as the hits list them.</summary>
    private static List<(int Id, int At)> Occurrences(CueHits hits, Cue[] cues, int length)
    {
        var all = new List<(int, int)>();
        foreach (var cue in cues)
        {
            for (var at = hits.Find(cue, 0, length); at >= 0; at = hits.Find(cue, at + 1, length))
            {
                all.Add((cue.Id, at));
            }
        }

        return all;
    }

    private static void AssertStartsGiveTheSameHits(CueMatcher matcher, Cue[] cues, string text)
    {
        var lower = Tokenizer.LowerInvariant(text, out var ascii);
        if (!ascii)
        {
            return;
        }

        var joined = new List<int>();
        var tokens = Tokenizer.Tokenize(text, lower, null, joined);
        var scanned = Occurrences(matcher.Match(lower), cues, lower.Length);
        var fromStarts = Occurrences(matcher.Match(lower, CollectionsMarshal.AsSpan(tokens), joined), cues, lower.Length);
        Assert.True(scanned.SequenceEqual(fromStarts), $"hits differ in: {text}");
    }

    [Fact]
    public void Matching_from_the_token_starts_finds_what_the_scan_finds_in_every_corpus_text()
    {
        var cues = RuleCues();
        var matcher = new CueMatcher(cues);
        Assert.True(matcher.StartsAtWords);
        var texts = File.ReadAllText(CorpusTestFiles.SeedFile).Split("\n\n")
            .Concat(File.ReadLines(CorpusTestFiles.CorpusFixture("families.jsonl")))
            .Concat(new CorpusSynthesizer(new SynthesisOptions(300, 7)).Papers().Select(p => p.Title + "\n" + p.Abstract));
        foreach (var text in texts)
        {
            AssertStartsGiveTheSameHits(matcher, cues, text);
        }
    }

    [Theory]
    [InlineData("foo_model bar@using x_rl 3.5into gpt_4o_via.the model")]
    [InlineData("we_we our@our 1.2.3 v1.5-chat_model, (the model).")]
    [InlineData("model")]
    [InlineData("_model @using .into")]
    [InlineData("uses-uses--via__via@@rl")]
    public void Matching_from_the_token_starts_finds_cues_after_joiners_and_marks(string text)
    {
        var cues = RuleCues();
        AssertStartsGiveTheSameHits(new CueMatcher(cues), cues, text);
    }

    [Fact]
    public void Random_texts_give_the_same_hits_from_the_token_starts_as_from_the_scan()
    {
        _ = Cue.Of(["rl", "in", "into", "in r", "r-in", "r_in", "1.5 in"]);
        var cues = Cue.All();
        var matcher = new CueMatcher(cues);
        const string alphabet = "rlinto -._@1.5 ";
        var random = new Random(11);
        for (var round = 0; round < 500; round++)
        {
            var text = RandomText(random, alphabet);

            if (matcher.StartsAtWords)
            {
                AssertStartsGiveTheSameHits(matcher, cues, text);
            }
        }
    }

    [Fact]
    public void A_context_indexes_its_cues_from_its_token_starts_with_the_same_answers()
    {
        var cues = RuleCues();
        var matcher = new CueMatcher(cues);
        const string text = "We present Foo_Bar-7B, fine-tuned from Llama-2-7B using GRPO; it outperforms the model via rl.";
        var ctx = Context("A title", text);
        var scanned = Occurrences(matcher.Match(ctx.Lower), cues, ctx.Lower.Length);
        ctx.IndexCues(matcher);
        foreach (var cue in cues)
        {
            var expected = scanned.Where(o => o.Id == cue.Id).Select(o => o.At).DefaultIfEmpty(-1).First();
            Assert.Equal(expected, ctx.FindPhrase(cue, 0, ctx.Lower.Length));
        }
    }

    // Up to 39 characters drawn from the alphabet: short texts where cue edges, joiners and marks collide often.
    private static string RandomText(Random random, string alphabet)
    {
        var chars = new char[random.Next(0, 40)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }
}
