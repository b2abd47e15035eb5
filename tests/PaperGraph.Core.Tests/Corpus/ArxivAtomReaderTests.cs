namespace PaperGraph.Core.Tests;

public sealed class ArxivAtomReaderTests
{
    private static List<CorpusItem> ReadFile(string name)
    {
        using var stream = File.OpenRead(CorpusTestFiles.CorpusFixture(name));
        return new ArxivAtomReader().Read(stream, name, CancellationToken.None).ToList();
    }

    [Fact]
    public void Reader_reads_every_entry_of_an_arxiv_feed()
    {
        var papers = ReadFile("arxiv-sample.atom.xml").Select(i => i.Paper!).ToList();

        Assert.Equal(["arxiv:2401.02954", "arxiv:2402.03300", "arxiv:2405.04434"], papers.Select(p => p.Id));
    }

    [Fact]
    public void Reader_normalises_title_and_summary_and_reads_year_authors_and_link()
    {
        var llm = ReadFile("arxiv-sample.atom.xml")[0].Paper!;

        Assert.Equal("DeepSeek LLM: Scaling Open-Source Language Models with Longtermism", llm.Title);
        Assert.StartsWith("The rapid development of open-source large language models (LLMs) has been truly remarkable. However,", llm.Abstract);
        Assert.EndsWith("with a long-term perspective.", llm.Abstract);
        Assert.DoesNotContain('\n', llm.Abstract);
        Assert.Equal(2024, llm.Year);
        Assert.Equal(["DeepSeek-AI", "Xiao Bi", "Deli Chen"], llm.Authors);
        Assert.Equal("http://arxiv.org/abs/2401.02954v1", llm.Url);
        Assert.Equal(10, llm.Source.Line);
    }

    [Fact]
    public void Reader_reports_entries_without_summary_api_errors_and_malformed_xml()
    {
        var items = ReadFile("arxiv-malformed.atom.xml");

        Assert.Equal("arxiv:2405.04434", items[0].Paper!.Id);
        Assert.Equal(CorpusItemKind.Skipped, items[1].Kind);
        Assert.Equal(9, items[1].Source.Line);
        Assert.Contains("has no <summary>", items[1].Reason);
        Assert.Contains("arXiv API error entry: incorrect id format", items[2].Reason);
        Assert.Equal(CorpusItemKind.Skipped, items[^1].Kind);
        Assert.Contains("malformed XML", items[^1].Reason);
    }

    [Theory]
    [InlineData("http://arxiv.org/abs/2401.02954v2", "arxiv:2401.02954")]
    [InlineData("2412.19437", "arxiv:2412.19437")]
    [InlineData("arXiv:2402.03300v3", "arxiv:2402.03300")]
    [InlineData("https://arxiv.org/pdf/2405.04434v5.pdf", "arxiv:2405.04434")]
    [InlineData("http://arxiv.org/abs/hep-th/9901001v1", "arxiv:hep-th/9901001")]
    public void Arxiv_ids_are_parsed_in_every_usual_spelling(string text, string expected)
    {
        Assert.True(PaperIds.TryParseArxiv(text, out var id));
        Assert.Equal(expected, id);
    }

    [Theory]
    [InlineData("http://arxiv.org/api/errors#x")]
    [InlineData("paper 12")]
    [InlineData("")]
    [InlineData("synth-0000001")]
    [InlineData("2401-02954")]
    [InlineData("hep-th-9901001")]
    public void Non_arxiv_ids_are_not_taken_for_arxiv_ids(string text) =>
        Assert.False(PaperIds.TryParseArxiv(text, out _));
}
