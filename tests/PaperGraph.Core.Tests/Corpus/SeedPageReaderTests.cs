using System.Text;

namespace PaperGraph.Core.Tests;

public sealed class SeedPageReaderTests
{
    private static List<CorpusItem> ReadFile(string path, int maxLineBytes = 16 * 1024 * 1024)
    {
        using var stream = File.OpenRead(path);
        return new SeedPageReader(maxLineBytes).Read(stream, Path.GetFileName(path), CancellationToken.None).ToList();
    }

    private static List<CorpusItem> ReadText(string text, int maxLineBytes = 16 * 1024 * 1024)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return new SeedPageReader(maxLineBytes).Read(stream, "page.txt", CancellationToken.None).ToList();
    }

    private static List<Paper> Papers(IEnumerable<CorpusItem> items) =>
        items.Where(i => i.Kind == CorpusItemKind.Paper).Select(i => i.Paper!).ToList();

    private static List<CorpusItem> Skipped(IEnumerable<CorpusItem> items) =>
        items.Where(i => i.Kind == CorpusItemKind.Skipped).ToList();

    private static string Abstract(string sentence) =>
        string.Join(" ", Enumerable.Repeat(sentence, 6));

    [Fact]
    public void Seed_file_gives_33_papers_and_no_skipped_record()
    {
        var items = ReadFile(CorpusTestFiles.SeedFile);

        Assert.Equal(33, Papers(items).Count);
        Assert.Empty(Skipped(items));
    }

    [Fact]
    public void Seed_file_noise_lines_are_ignored_and_reported_with_their_line()
    {
        var ignored = ReadFile(CorpusTestFiles.SeedFile).Where(i => i.Kind == CorpusItemKind.Ignored).ToList();

        Assert.Equal([1L, 2L, 3L], ignored.Select(i => i.Source.Line));
        Assert.Contains("page noise", ignored[0].Reason);
        Assert.Contains("\"Subscribe\"", ignored[2].Reason);
    }

    [Fact]
    public void Glued_call_to_action_is_removed_from_the_first_title()
    {
        var first = Papers(ReadFile(CorpusTestFiles.SeedFile))[0];

        Assert.Equal("DeepSeek-R1 Thoughtology: Let's <think> about LLM Reasoning", first.Title);
        Assert.Equal(3, first.Source.Line);
        Assert.StartsWith("Large Reasoning Models like DeepSeek-R1", first.Abstract);
    }

    [Fact]
    public void Papers_keep_file_order_and_title_line_numbers()
    {
        var papers = Papers(ReadFile(CorpusTestFiles.SeedFile));

        Assert.Equal("Insights into DeepSeek-V3: Scaling Challenges and Reflections on Hardware for AI Architectures", papers[1].Title);
        Assert.Equal(5, papers[1].Source.Line);
        Assert.Equal("DeepSeek-V3 Technical Report", papers[2].Title);
        Assert.StartsWith("Visual Reasoning Evaluation of Grok", papers[^1].Title);
        Assert.Equal(67, papers[^1].Source.Line);
    }

    [Fact]
    public void Paper_ids_are_a_title_slug_plus_a_content_hash_and_stable_across_reads()
    {
        var first = Papers(ReadFile(CorpusTestFiles.SeedFile));
        var second = Papers(ReadFile(CorpusTestFiles.SeedFile));

        Assert.Equal(first.Select(p => p.Id), second.Select(p => p.Id));
        Assert.Matches("^paper:deepseek-v3-technical-report-[0-9a-f]{6}$", first[2].Id);
        Assert.Equal(33, first.Select(p => p.Id).Distinct().Count());
    }

    [Fact]
    public void A_differently_worded_call_to_action_is_still_recognised_as_noise()
    {
        var text = "Sign in to get the latest research!\nJoin now!\nFollowDeepSeekMath: Open Language Models for Maths\n"
                   + Abstract("We introduce DeepSeekMath 7B, which continues pre-training a code model on math tokens.") + "\n";

        var items = ReadText(text);

        var paper = Assert.Single(Papers(items));
        Assert.Equal("DeepSeekMath: Open Language Models for Maths", paper.Title);
        Assert.Equal(3, items.Count(i => i.Kind == CorpusItemKind.Ignored));
    }

    [Fact]
    public void A_title_starting_with_a_camel_case_name_is_not_cut_without_noise_before_it()
    {
        var text = "DeepSeekMoE: Towards Ultimate Expert Specialization\n"
                   + Abstract("In the era of large language models, Mixture-of-Experts is a promising architecture.") + "\n";

        var paper = Assert.Single(Papers(ReadText(text)));

        Assert.Equal("DeepSeekMoE: Towards Ultimate Expert Specialization", paper.Title);
    }

    [Fact]
    public void A_camel_case_first_title_after_noise_is_kept_when_the_abstract_names_it()
    {
        var text = "Get trending papers in your email inbox!\nDeepSeekMoE: Towards Ultimate Expert Specialization\n"
                   + Abstract("We present DeepSeekMoE, a Mixture-of-Experts architecture for expert specialization.") + "\n";

        var paper = Assert.Single(Papers(ReadText(text)));

        Assert.Equal("DeepSeekMoE: Towards Ultimate Expert Specialization", paper.Title);
    }

    [Fact]
    public void Reader_reports_empty_file()
    {
        var item = Assert.Single(ReadFile(CorpusTestFiles.CorpusFixture("empty.txt")));

        Assert.Equal(CorpusItemKind.Skipped, item.Kind);
        Assert.Contains("empty", item.Reason);
    }

    [Fact]
    public void Reader_reports_truncated_record_with_line_number()
    {
        var items = ReadFile(CorpusTestFiles.CorpusFixture("truncated.txt"));

        Assert.Equal(3, Papers(items).Count);
        var skipped = Assert.Single(Skipped(items));
        Assert.Equal(9, skipped.Source.Line);
        Assert.Contains("title without abstract at the end of the file", skipped.Reason);
        Assert.Contains("DeepSeek-Coder: When the Large Language Model", skipped.Reason);
    }

    [Fact]
    public void Reader_reports_title_without_abstract_and_keeps_the_following_records()
    {
        var items = ReadFile(CorpusTestFiles.CorpusFixture("title-without-abstract.txt"));

        var papers = Papers(items);
        Assert.Equal(4, papers.Count);
        Assert.Equal("DeepSeek-Coder: When the Large Language Model Meets Programming -- The Rise of Code Intelligence", papers[2].Title);
        Assert.Equal(8, papers[2].Source.Line);
        var skipped = Assert.Single(Skipped(items));
        Assert.Equal(7, skipped.Source.Line);
        Assert.Contains("title without abstract: \"DeepSeek-V3 Technical Report\"", skipped.Reason);
    }

    [Fact]
    public void Reader_reports_invalid_utf8_and_skips_only_that_record()
    {
        var items = ReadFile(CorpusTestFiles.CorpusFixture("invalid-utf8.txt"));

        Assert.Equal(["DeepSeek-R1 Thoughtology: Let's <think> about LLM Reasoning", "DeepSeek-V3 Technical Report"],
            Papers(items).Select(p => p.Title));
        var skipped = Assert.Single(Skipped(items));
        Assert.Equal(5, skipped.Source.Line);
        Assert.Contains("line 6", skipped.Reason);
        Assert.Contains("invalid UTF-8 at byte 41", skipped.Reason);
    }

    [Fact]
    public void Reader_reports_a_binary_garbage_line_and_keeps_the_records_around_it()
    {
        var items = ReadFile(CorpusTestFiles.CorpusFixture("garbage-line.txt"));

        Assert.Equal(3, Papers(items).Count);
        var skipped = Assert.Single(Skipped(items));
        Assert.Equal(7, skipped.Source.Line);
        Assert.Contains("binary data (NUL byte", skipped.Reason);
    }

    [Fact]
    public void Reader_reports_abstract_without_title()
    {
        var abs = Abstract("We present a strong Mixture-of-Experts language model with economical training.");
        var text = "A Title\n" + abs + "\n" + abs + "\nAnother Title\n" + abs + "\n";

        var items = ReadText(text);

        Assert.Equal(2, Papers(items).Count);
        var skipped = Assert.Single(Skipped(items));
        Assert.Equal(3, skipped.Source.Line);
        Assert.Contains("abstract without a title", skipped.Reason);
    }

    [Fact]
    public void Reader_accepts_a_10_MB_abstract_on_one_line()
    {
        var sentence = "DeepSeek-V3 adopts Multi-head Latent Attention and DeepSeekMoE for efficient training. ";
        var big = new StringBuilder(11 * 1024 * 1024);
        while (big.Length < 10 * 1024 * 1024)
        {
            big.Append(sentence);
        }

        var items = ReadText("A Very Long Abstract\n" + big + "\nNext Paper\n" + Abstract(sentence) + "\n");

        var papers = Papers(items);
        Assert.Equal(2, papers.Count);
        Assert.True(papers[0].Abstract.Length >= 10 * 1024 * 1024 - sentence.Length);
        Assert.Empty(Skipped(items));
    }

    [Fact]
    public void Reader_reports_a_line_over_the_limit_and_reads_on()
    {
        var sentence = "DeepSeek-V3 adopts Multi-head Latent Attention and DeepSeekMoE for efficient training. ";
        var text = "First Paper\n" + Abstract(sentence) + "\nSecond Paper\n" + string.Concat(Enumerable.Repeat(sentence, 200))
                   + "\nThird Paper\n" + Abstract(sentence) + "\n";

        var items = ReadText(text, maxLineBytes: 4096);

        Assert.Equal(["First Paper", "Third Paper"], Papers(items).Select(p => p.Title));
        var skipped = Assert.Single(Skipped(items));
        Assert.Equal(3, skipped.Source.Line);
        Assert.Contains("Second Paper", skipped.Reason);
        Assert.Contains("line 4", skipped.Reason);
        Assert.Contains("over the 4,096-byte limit", skipped.Reason);
    }

    [Fact]
    public void Reader_accepts_crlf_line_ends_and_blank_lines_between_records()
    {
        var abs = Abstract("We introduce DeepSeek-Prover-V1.5, an open-source language model designed for theorem proving.");
        var text = "Paper One\r\n" + abs + "\r\n\r\nPaper Two\r\n\r\n" + abs + "\r\n";

        var papers = Papers(ReadText(text));

        Assert.Equal(["Paper One", "Paper Two"], papers.Select(p => p.Title));
        Assert.DoesNotContain('\r', papers[1].Abstract);
    }

    [Fact]
    public void A_file_with_no_abstract_at_all_is_reported()
    {
        var items = ReadText("Get trending papers!\nSome Title\n");

        var skipped = Assert.Single(Skipped(items));
        Assert.Contains("no paper found", skipped.Reason);
    }
}
