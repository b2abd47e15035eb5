using System.Text;

namespace PaperGraph.Core.Tests;

public sealed class CorpusFormatsTests
{
    [Theory]
    [InlineData("{\"title\":\"x\"}", "jsonl")]
    [InlineData("\n\n  {\"title\":\"x\"}", "jsonl")]
    [InlineData("<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">", "arxiv")]
    [InlineData("<feed xmlns=\"http://www.w3.org/2005/Atom\">", "arxiv")]
    [InlineData("Get trending papers in your email inbox!\nSubscribeDeepSeek-R1", "seed")]
    [InlineData("<think> is not a feed\nabstract", "seed")]
    [InlineData("", "seed")]
    public void Format_is_detected_from_the_first_non_blank_bytes(string head, string expected) =>
        Assert.Equal(expected, CorpusFormats.Detect(Encoding.UTF8.GetBytes(head)));

    [Fact]
    public void Binary_garbage_file_is_recognised_from_its_head()
    {
        var bytes = File.ReadAllBytes(CorpusTestFiles.CorpusFixture("binary-garbage.bin.txt"));

        Assert.Contains("not a text file", CorpusFormats.BinaryReason(bytes));
    }

    [Fact]
    public void Seed_page_head_is_text()
    {
        var bytes = File.ReadAllBytes(CorpusTestFiles.SeedFile).AsSpan(0, 8192);

        Assert.Null(CorpusFormats.BinaryReason(bytes));
    }

    [Fact]
    public void Unknown_format_name_is_an_error_naming_the_formats()
    {
        var ex = Assert.Throws<ArgumentException>(() => CorpusFormats.CreateReader("pdf"));

        Assert.Contains("seed, jsonl, arxiv", ex.Message);
    }
}
