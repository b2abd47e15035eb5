namespace PaperGraph.Core.Tests;

public sealed class MentionTests
{
    private static Mention Make() => new() { Label = NodeLabel.Model, Name = "Veltra-2", Surface = "Veltra-2", Start = 0, End = 8, Rule = "test" };

    private static List<string> Walk(Mention m)
    {
        var seen = new List<string>();
        foreach (var a in m.ExtraAliases)
        {
            seen.Add(a);
        }

        return seen;
    }

    [Fact]
    public void A_mention_without_extra_aliases_has_none_to_walk()
    {
        var m = Make();
        Assert.False(m.HasExtraAliases);
        Assert.Equal(0, m.ExtraAliases.Count);
        Assert.Empty(Walk(m));
    }

    [Fact]
    public void One_extra_alias_is_walked_once()
    {
        var m = Make();
        m.ExtraAliases.Add("Veltra 2");
        Assert.True(m.HasExtraAliases);
        Assert.Equal(1, m.ExtraAliases.Count);
        Assert.Equal(["Veltra 2"], Walk(m));
    }

    [Fact]
    public void Several_extra_aliases_are_walked_in_the_order_added_duplicates_kept()
    {
        var m = Make();
        m.ExtraAliases.Add("b");
        m.ExtraAliases.Add("a");
        m.ExtraAliases.Add("b");
        m.ExtraAliases.Add("c");
        m.ExtraAliases.Add("d");
        Assert.Equal(5, m.ExtraAliases.Count);
        Assert.Equal(["b", "a", "b", "c", "d"], Walk(m));
    }
}
