namespace PaperGraph.Core.Tests;

/// <summary>
/// The tokenizer's path with a lower-cased text (spans and hashes first, then the intern table's lines loaded together,
/// then the lookups) against the word-by-word normalisation, and the intern table's hint and hash entry points.
/// </summary>
public sealed class TokenizerTests
{
    private static readonly string[] Edges =
    [
        "",
        "   ",
        "a",
        "Experts and experts; bus, gas, virus, analysis; LLMs and MoEs.",
        "GPT-4o scores 86.4% on MMLU (v1.5) with 3.14.15 and a_b c@d e.f 1.2 x. 3.",
        "Supercalifragilisticexpialidociousnessformers are longer than the intern limit of thirty-two characters.",
        "Ünïcödé Wörter, naïve café, Straße and ΑΒΓ text mixed with ASCII DeepSeek-V3.",
        "ends with a digit 7",
        "_leading @signs and trailing_ underscores_ .",
        "Plain ASCII Words Until The Very Last Character: CAF\u00c9",
        "\u00c9 First, Then Plain ASCII Words Of The Same Length As The Text Above!",
    ];

    private static IEnumerable<string> Texts() =>
        Edges.Concat(new CorpusSynthesizer(new SynthesisOptions(200, 11)).Papers().Select(p => p.Title + "\n" + p.Abstract));

    [Fact]
    public void Tokens_from_the_lower_cased_text_are_the_words_normalised_one_by_one()
    {
        foreach (var text in Texts())
        {
            var expected = Tokenizer.Tokenize(text);
            var joined = new List<int>();
            var actual = Tokenizer.Tokenize(text, Tokenizer.LowerInvariant(text), null, joined);

            Assert.Equal(expected.Select(t => (t.Start, t.End, t.Norm)), actual.Select(t => (t.Start, t.End, t.Norm)));
            Assert.All(actual, t => Assert.Equal(Tokenizer.Normalise(text.AsSpan(t.Start, t.Length)), t.Norm));
            Assert.Equal(JoinedStarts(text), joined);
        }
    }

    [Fact]
    public void A_recycled_list_gives_the_same_tokens_as_a_fresh_one()
    {
        var into = new List<Token>();
        var joined = new List<int>();
        foreach (var text in Texts().Reverse())
        {
            var lower = Tokenizer.LowerInvariant(text);
            joined.Clear();
            var reused = Tokenizer.Tokenize(text, lower, into, joined);
            Assert.Same(into, reused);
            Assert.Equal(Tokenizer.Tokenize(text, lower), reused);
        }
    }

    [Fact]
    public void Random_texts_tokenize_the_same_with_and_without_the_lower_cased_text()
    {
        var random = new Random(5);
        const string alphabet = "aAbBsSuUiI019 .-_@,;()\u00e9\u00c9\u03b1";
        for (var round = 0; round < 300; round++)
        {
            var chars = new char[random.Next(0, 120)];
            for (var k = 0; k < chars.Length; k++)
            {
                chars[k] = alphabet[random.Next(alphabet.Length)];
            }

            var text = new string(chars);
            Assert.Equal(
                Tokenizer.Tokenize(text).Select(t => (t.Start, t.End, t.Norm)),
                Tokenizer.Tokenize(text, Tokenizer.LowerInvariant(text)).Select(t => (t.Start, t.End, t.Norm)));
        }
    }

    [Fact]
    public void The_ascii_scan_gives_the_spans_keys_and_joined_starts_of_the_general_path()
    {
        var random = new Random(7);
        const string alphabet = "aAbBsSuUiIzZ0189 .-_@,;()'";
        var texts = Texts().Where(t => System.Text.Ascii.IsValid(t)).ToList();
        for (var round = 0; round < 500; round++)
        {
            var chars = new char[random.Next(0, 80)];
            for (var k = 0; k < chars.Length; k++)
            {
                chars[k] = alphabet[random.Next(alphabet.Length)];
            }

            texts.Add(new string(chars));
        }

        // Longer texts with long runs of one character (words, gaps, joiners) at any distance from the end.
        for (var round = 0; round < 300; round++)
        {
            var chars = new char[random.Next(0, 200)];
            for (var k = 0; k < chars.Length;)
            {
                var run = random.Next(1, 40);
                var c = alphabet[random.Next(alphabet.Length)];
                for (var r = 0; r < run && k < chars.Length; r++, k++)
                {
                    chars[k] = random.Next(4) == 0 ? c : alphabet[random.Next(alphabet.Length)];
                }
            }

            texts.Add(new string(chars));
        }

        texts.Add(new string('a', 70) + " " + new string(' ', 40) + "b9" + new string('.', 17) + "x");
        texts.Add("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ`{[@/:" + new string('z', 33));

        foreach (var text in texts)
        {
            var lower = Tokenizer.LowerInvariant(text);
            var tokens = new List<Token>();
            var joined = new List<int>();
            var keys = new long[(text.Length / 2) + 1];
            var n = Tokenizer.ScanAscii(lower, tokens, joined, keys);

            var expected = Tokenizer.Tokenize(text);
            Assert.Equal(expected.Count, n);
            Assert.Equal(expected.Select(t => (t.Start, t.End)), tokens.Select(t => (t.Start, t.End)));
            Assert.Equal(expected.Select(t => InternTable.Key(t.Norm)), keys.Take(n));
            Assert.Equal(JoinedStarts(text), joined);
            Assert.Equal(
                expected.Select(t => (t.Start, t.End, t.Norm)),
                Tokenizer.Tokenize(text, lower, null, null, ascii: true).Select(t => (t.Start, t.End, t.Norm)));
        }
    }

    [Fact]
    public void Interning_with_a_precomputed_hash_gives_the_shared_string()
    {
        var table = InternTable.Current;
        var first = table.Intern("benchmark".AsSpan());
        var second = table.Intern("benchmark".AsSpan(), InternTable.Key("benchmark"));

        Assert.Same(first, second);
        Assert.Equal("benchmark", second);
        var longWord = new string('x', 40);
        Assert.Equal(longWord, table.Intern(longWord.AsSpan(), InternTable.Key(longWord)));
    }

    [Fact]
    public void Touching_the_intern_table_changes_no_answer()
    {
        var table = InternTable.Current;
        var before = table.Intern("routing".AsSpan());
        long[] keys = [InternTable.Key("routing"), InternTable.Key("routing-and-gating"), 0, -1L, long.MaxValue, long.MinValue];
        table.Touch(keys);
        table.Touch([]);

        Assert.Same(before, table.Intern("routing".AsSpan()));
    }

    [Fact]
    public void The_key_buffer_is_at_least_as_long_as_asked_and_reused()
    {
        var table = InternTable.Current;
        var small = table.KeyBuffer(10);
        Assert.True(small.Length >= 10);
        Assert.Same(small, table.KeyBuffer(small.Length));
        var large = table.KeyBuffer(small.Length + 1);
        Assert.True(large.Length > small.Length);
        Assert.Same(large, table.KeyBuffer(1));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("we")]
    [InlineData("3.5")]
    [InlineData("a_b@c")]
    [InlineData("abcdefgh")]
    [InlineData("abcdefghi")]
    [InlineData("caf\u00e9")]
    [InlineData("\u03b1\u03b2")]
    [InlineData("supercalifragilisticexpialidociousness")]
    public void A_key_gives_its_words_length_and_short_ascii_words_are_their_own_key(string word)
    {
        var key = InternTable.Key(word);
        Assert.Equal(word.Length, InternTable.LengthOf(key));
        var packs = word.Length <= InternTable.PackedLength && System.Text.Ascii.IsValid(word);
        Assert.Equal(packs, key >= 0);
        if (packs)
        {
            Assert.Equal(word.Aggregate(0L, (k, c) => (k << 8) | c), key);
        }
    }

    [Fact]
    public void Words_with_packed_and_hashed_keys_intern_to_one_string_each()
    {
        var table = InternTable.Current;
        string[] words = ["a", "b", "ab", "ba", "abcdefgh", "abcdefghi", "abcdefgi", "caf\u00e9", "cafe", "\u03b1", "x9.5", new string('q', 33)];
        var first = words.Select(w => table.Intern(new string(w.AsSpan()).AsSpan())).ToArray();
        Assert.Equal(words, first);
        for (var i = 0; i < words.Length; i++)
        {
            var again = table.Intern(new string(words[i].AsSpan()).AsSpan(), InternTable.Key(words[i]));
            Assert.Equal(words[i], again);
            if (words[i].Length <= 32)
            {
                Assert.Same(first[i], again);
            }
        }
    }

    [Fact]
    public void A_kept_lower_cased_string_is_written_again_for_the_next_text_of_its_length_and_equals_a_fresh_copy()
    {
        var table = new LowerTexts();
        foreach (var text in Texts().Where(t => t.Length > 0))
        {
            // Twice: the second text of a length is written into the string the first handed back.
            for (var round = 0; round < 2; round++)
            {
                var lower = table.Lower(text, out var ascii);
                Assert.Equal(text.ToLowerInvariant(), lower);
                Assert.Equal(System.Text.Ascii.IsValid(text), ascii);
                table.Return(lower, text);
            }
        }

        var first = table.Lower("Alpha BETA", out _);
        table.Return(first, "Alpha BETA");
        var second = table.Lower("GAMMA delt", out _);
        Assert.Same(first, second);
        Assert.Equal("gamma delt", second);

        // Taken out until handed back: a second text of the length meanwhile gets a string of its own.
        var third = table.Lower("Other Text", out _);
        Assert.NotSame(second, third);
        Assert.Equal("other text", third);
        Assert.Equal("gamma delt", second);
    }

    [Fact]
    public void A_text_that_is_its_own_lower_cased_copy_and_texts_out_of_range_are_not_kept()
    {
        var table = new LowerTexts();

        // A non-ASCII text already in lower case: ToLowerInvariant hands back the text itself, which must never be written.
        var text = "na\u00efve caf\u00e9 \u03b1\u03b2";
        var lower = table.Lower(text, out var ascii);
        Assert.False(ascii);
        Assert.Same(text, lower);
        table.Return(lower, text);
        var next = table.Lower("NA\u00cfVE CAF\u00c9 \u0391\u0392", out _);
        Assert.NotSame(text, next);
        Assert.Equal("na\u00efve caf\u00e9 \u03b1\u03b2", text);
        Assert.Equal(text, next);

        var huge = new string('A', LowerTexts.MaxLength + 1);
        var hugeLower = table.Lower(huge, out _);
        table.Return(hugeLower, huge);
        Assert.NotSame(hugeLower, table.Lower(huge, out _));
        Assert.Equal("", table.Lower("", out _));
    }

    // The offsets after each '.', '_' or '@' kept inside a token, found the plain way.
    private static List<int> JoinedStarts(string text)
    {
        var starts = new List<int>();
        foreach (var t in Tokenizer.Tokenize(text))
        {
            for (var i = t.Start + 1; i < t.End - 1; i++)
            {
                if (!char.IsLetterOrDigit(text[i]))
                {
                    starts.Add(i + 1);
                }
            }
        }

        return starts;
    }
}
