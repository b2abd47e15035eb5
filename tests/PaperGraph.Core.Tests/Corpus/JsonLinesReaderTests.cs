using System.Text;

namespace PaperGraph.Core.Tests;

public sealed class JsonLinesReaderTests
{
    private static List<CorpusItem> ReadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return new JsonLinesReader().Read(stream, Path.GetFileName(path), CancellationToken.None).ToList();
    }

    private static List<CorpusItem> ReadText(string text)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return new JsonLinesReader().Read(stream, "papers.jsonl", CancellationToken.None).ToList();
    }

    [Fact]
    public void Reader_reads_every_field_of_a_record()
    {
        var items = ReadFile(CorpusTestFiles.CorpusFixture("papers.jsonl"));

        Assert.All(items, i => Assert.Equal(CorpusItemKind.Paper, i.Kind));
        var v3 = items[0].Paper!;
        Assert.Equal("arxiv:2412.19437", v3.Id);
        Assert.Equal("DeepSeek-V3 Technical Report", v3.Title);
        Assert.StartsWith("We present DeepSeek-V3, a strong Mixture-of-Experts (MoE) language model", v3.Abstract);
        Assert.Equal(2024, v3.Year);
        Assert.Equal("https://arxiv.org/abs/2412.19437", v3.Url);
        Assert.Equal(["DeepSeek-AI"], v3.Authors);
        Assert.Equal(new SourceLocation("papers.jsonl", 1), v3.Source);
    }

    [Fact]
    public void Reader_derives_ids_from_arxiv_ids_or_content()
    {
        var papers = ReadFile(CorpusTestFiles.CorpusFixture("papers.jsonl")).Select(i => i.Paper!).ToList();

        Assert.Matches("^paper:deepseek-coder-when-the-large-language-model-meets-programmi-[0-9a-f]{6}$", papers[1].Id);
        Assert.Equal(2024, papers[1].Year);
        Assert.Equal("arxiv:2402.03300", papers[2].Id);
        Assert.Equal(3, papers.Count);
    }

    [Theory]
    [InlineData(1, "field \"title\" is missing")]
    [InlineData(2, "field \"abstract\" must be a string, got number")]
    [InlineData(3, "field \"year\" must be a four-digit year, got string \"soon\"")]
    [InlineData(4, "field \"authors\" must be an array of strings, got string")]
    [InlineData(5, "invalid JSON at column")]
    [InlineData(6, "record is a JSON array")]
    [InlineData(8, "field \"title\" is empty")]
    [InlineData(9, "file truncated?")]
    public void Reader_reports_bad_records_with_line_and_field(long line, string reason)
    {
        var items = ReadFile(CorpusTestFiles.CorpusFixture("bad.jsonl"));

        var item = Assert.Single(items, i => i.Source.Line == line);
        Assert.Equal(CorpusItemKind.Skipped, item.Kind);
        Assert.Contains(reason, item.Reason);
    }

    [Fact]
    public void One_bad_record_does_not_lose_the_good_one_after_it()
    {
        var items = ReadFile(CorpusTestFiles.CorpusFixture("bad.jsonl"));

        var paper = Assert.Single(items, i => i.Kind == CorpusItemKind.Paper);
        Assert.Equal(7, paper.Source.Line);
        Assert.Equal(9, items.Count);
    }

    [Fact]
    public void Reader_reports_an_empty_file()
    {
        var item = Assert.Single(ReadText("\n  \n"));

        Assert.Equal(CorpusItemKind.Skipped, item.Kind);
        Assert.Contains("empty", item.Reason);
    }

    [Fact]
    public void Reader_reports_invalid_utf8_in_a_record()
    {
        var good = "{\"title\":\"A\",\"abstract\":\"B.\"}\n"u8.ToArray();
        var bad = "{\"title\":\"Caf\xE9\",\"abstract\":\"B.\"}\n"u8.ToArray();
        bad[13] = 0xE9;
        using var stream = new MemoryStream([.. good, .. bad, .. good.Select(b => b == (byte)'A' ? (byte)'C' : b)]);

        var items = new JsonLinesReader().Read(stream, "x.jsonl", CancellationToken.None).ToList();

        Assert.Equal(3, items.Count);
        Assert.Equal(CorpusItemKind.Skipped, items[1].Kind);
        Assert.Equal(2, items[1].Source.Line);
        Assert.Contains("invalid UTF-8", items[1].Reason);
        Assert.Equal("C", items[2].Paper!.Title);
    }

    [Fact]
    public void Reader_accepts_a_10_MB_record()
    {
        var abs = new StringBuilder();
        while (abs.Length < 10 * 1024 * 1024)
        {
            abs.Append("DeepSeek-V2 adopts Multi-head Latent Attention (MLA) and DeepSeekMoE. ");
        }

        var items = ReadText("{\"title\":\"Big\",\"abstract\":\"" + abs + "\"}\n");

        var item = Assert.Single(items);
        Assert.Equal(CorpusItemKind.Paper, item.Kind);
        Assert.True(item.Paper!.Abstract.Length > 10_000_000);
    }

    [Fact]
    public void A_repeated_field_counts_with_its_last_value()
    {
        var items = ReadText("{\"title\":\"First\",\"abstract\":\"A.\",\"title\":\"Last\",\"year\":1,\"year\":2024}\n");

        var paper = Assert.Single(items).Paper!;
        Assert.Equal("Last", paper.Title);
        Assert.Equal(2024, paper.Year);
    }

    [Fact]
    public void Reader_reads_escaped_strings_and_field_names()
    {
        var items = ReadText("{\"t\\u0069tle\":\"Caf\\u00e9 \\\"V3\\\"\",\"abstract\":\"A \\uD83D\\uDE00.\"}\n");

        var paper = Assert.Single(items).Paper!;
        Assert.Equal("Café \"V3\"", paper.Title);
        Assert.Equal("A \U0001F600.", paper.Abstract);
    }
}
