namespace PaperGraph.Core.Tests;

public sealed class PaperKeyHashTests
{
    [Theory]
    [InlineData("DeepSeek-V3 Technical Report")]
    [InlineData("deepseek v3: technical REPORT!")]
    [InlineData("Ｆｕｌｌｗｉｄｔｈ Ｔｉｔｌｅ ２０２４")]
    [InlineData("Café au lait, naïve résumé")]
    [InlineData("ﬁne-tuning with ligatures ①")]
    [InlineData("Ελληνικά και 日本語 titles")]
    [InlineData("x")]
    public void A_title_hashes_as_its_name_key(string title)
    {
        Assert.Equal(PaperKeyHash.Of('t', NameKey.Of(title)), PaperKeyHash.OfTitle(title));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" -- !? ")]
    public void A_title_without_letters_or_digits_has_no_key(string title)
    {
        Assert.Null(PaperKeyHash.OfTitle(title));
    }

    [Fact]
    public void Titles_with_the_same_key_hash_alike_and_others_apart()
    {
        Assert.Equal(PaperKeyHash.OfTitle("DeepSeek-V3"), PaperKeyHash.OfTitle("deepseek v3"));
        Assert.NotEqual(PaperKeyHash.OfTitle("DeepSeek-V3"), PaperKeyHash.OfTitle("DeepSeek-V2"));
        Assert.NotEqual(PaperKeyHash.Of('t', "deepseekv3"), PaperKeyHash.Of('i', "deepseekv3"));
    }
}
