namespace PaperGraph.Core.Tests;

/// <summary>The small pair set the relation rules reuse per thread, against the hash set it replaces.</summary>
public sealed class PairSetTests
{
    [Fact]
    public void A_pair_is_added_once_and_found_by_both_strings()
    {
        var set = new PairSet();
        Assert.True(set.Add("a", "b"));
        Assert.False(set.Add(new string('a', 1), "b"));
        Assert.True(set.Add("b", "a"));
        Assert.True(set.Contains("a", "b"));
        Assert.False(set.Contains("a", "c"));
        Assert.True(set.ContainsSecond("a"));
        Assert.False(set.ContainsSecond("c"));
        Assert.Equal(2, set.Count);
    }

    [Fact]
    public void Past_the_linear_limit_it_answers_as_a_hash_set_does()
    {
        var set = new PairSet();
        var reference = new HashSet<(string, string)>();
        for (var i = 0; i < 200; i++)
        {
            var a = "m" + (i % 70);
            var b = "t" + (i % 13);
            Assert.Equal(reference.Add((a, b)), set.Add(a, b));
        }

        Assert.Equal(reference.Count, set.Count);
        Assert.True(set.Contains("m69", "t4"));
        Assert.True(set.ContainsSecond("t12"));
        Assert.False(set.ContainsSecond("t13"));
    }

    [Fact]
    public void A_cleared_set_is_empty_and_reusable()
    {
        var set = new PairSet();
        for (var i = 0; i < 60; i++)
        {
            set.Add("a" + i, "b");
        }

        set.Clear();
        Assert.Equal(0, set.Count);
        Assert.False(set.Contains("a1", "b"));
        Assert.True(set.Add("a1", "b"));
    }
}
