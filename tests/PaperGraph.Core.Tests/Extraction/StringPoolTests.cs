namespace PaperGraph.Core.Tests;

public sealed class StringPoolTests
{
    [Fact]
    public void Get_returns_a_string_equal_to_the_span_and_the_same_instance_when_asked_again()
    {
        var pool = StringPool.Current;
        var text = "we compare Llama-2 70B with Llama-2 70B";
        var first = pool.Get(text.AsSpan(11, 11));
        var second = pool.Get(text.AsSpan(28, 11));
        Assert.Equal("Llama-2 70B", first);
        Assert.Same(first, second);
    }

    [Fact]
    public void Get_of_an_empty_span_is_the_empty_string() => Assert.Equal("", StringPool.Current.Get([]));

    [Fact]
    public void Get_keeps_answering_equal_strings_after_the_pool_fills_up()
    {
        var pool = StringPool.Current;
        for (var i = 0; i < 20_000; i++)
        {
            var s = "name-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(s, pool.Get(s.AsSpan()));
        }
    }
}
