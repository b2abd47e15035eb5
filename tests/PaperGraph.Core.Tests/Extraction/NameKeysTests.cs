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

    [Theory]
    [MemberData(nameof(Names))]
    public void TryWriteKey_writes_NameKey_Of_for_ascii_names_and_refuses_the_rest(string name)
    {
        var buffer = new char[name.Length];
        var ascii = System.Text.Ascii.IsValid(name);
        Assert.Equal(ascii, NameKeys.TryWriteKey(name, buffer, out var n));
        if (ascii)
        {
            Assert.Equal(NameKey.Of(name), new string(buffer, 0, n));
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void IsOrganisationKeyOf_answers_like_the_key_lookup(string name)
    {
        var vocabulary = Vocabulary.Load(null);
        Assert.Equal(vocabulary.OrganizationsByKey.ContainsKey(NameKey.Of(name)), vocabulary.IsOrganisationKeyOf(name));
    }

    [Fact]
    public void IsOrganisationKeyOf_finds_every_organisation_name_and_alias_however_written()
    {
        var vocabulary = Vocabulary.Load(null);
        foreach (var term in vocabulary.Terms.Where(t => t.Label == NodeLabel.Organization))
        {
            foreach (var name in term.Aliases.Prepend(term.Name))
            {
                Assert.True(vocabulary.IsOrganisationKeyOf(name), name);
                Assert.True(vocabulary.IsOrganisationKeyOf(name.ToUpperInvariant() + " "), name);
            }
        }

        Assert.False(vocabulary.IsOrganisationKeyOf("Thorkra"));
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
