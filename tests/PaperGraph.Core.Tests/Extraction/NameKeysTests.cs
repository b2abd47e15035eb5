namespace PaperGraph.Core.Tests;

/// <summary>The memoised name keys and the alias set replace library code: their answers must not differ from it.</summary>
public sealed class NameKeysTests
{
    public static TheoryData<string> Names() =>
    [
        "DeepSeek-R1", "deepseek r1", "llama", "Llama 2-Chat", "GPT-4o (2024-05-13)", "Qwen2.5-72B-Instruct", "",
        "---", "Mixture-of-Experts", "e5", "Ünïcödé Model", "ﬁne-tuned", "Ｆｕｌｌｗｉｄｔｈ", "x\u0301y", "Z",
        new string('A', 300), "a_b@c.d",
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public void Compute_gives_the_same_key_as_NameKey_Of(string name)
    {
        Assert.Equal(NameKey.Of(name), NameKeys.Compute(name));
        Assert.Equal(NameKey.Of(name), NameKeys.Of(name));
    }

    [Fact]
    public void Of_answers_the_same_instance_again_and_an_equal_copy_alike()
    {
        var name = "Qwen2.5-72B-Instruct";
        var copy = new string(name.AsSpan());
        Assert.Equal(NameKey.Of(name), NameKeys.Of(name));
        Assert.Equal(NameKey.Of(name), NameKeys.Of(name));
        Assert.Equal(NameKey.Of(name), NameKeys.Of(copy));
    }

    [Fact]
    public void Every_vocabulary_name_gets_the_same_key_as_NameKey_Of()
    {
        var vocabulary = Vocabulary.Load(null);
        foreach (var term in vocabulary.Terms)
        {
            Assert.Equal(NameKey.Of(term.Name), NameKeys.Compute(term.Name));
        }
    }

    [Fact]
    public void Alias_set_keeps_distinct_aliases_in_ordinal_order_like_a_sorted_set()
    {
        string[] adds = ["b", "B", "a", "b", "Llama 2", "llama-2", "A", "", "Llama 2", "z", "Ä", "a"];
        var expected = new SortedSet<string>(StringComparer.Ordinal);
        var set = new AliasSet();
        foreach (var a in adds)
        {
            Assert.Equal(expected.Add(a), set.Add(a));
        }

        Assert.Equal([.. expected], set.ToList());
        Assert.Equal(expected.Count, set.Count);
    }
}
