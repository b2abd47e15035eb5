using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PaperGraph.Core.Tests;

public sealed class CorpusSynthesizerTests
{
    private static readonly string[] GoldKeys =
        ["title", "models", "techniques", "benchmarks", "organizations", "lineage", "successors", "results", "uses", "variants"];

    private static async Task<(string Corpus, string Truth)> WriteAsync(long papers, ulong seed)
    {
        using var corpus = new MemoryStream();
        using var truth = new MemoryStream();
        await new CorpusSynthesizer(new SynthesisOptions(papers, seed)).WriteAsync(corpus, truth, null, CancellationToken.None);
        return (Encoding.UTF8.GetString(corpus.ToArray()), Encoding.UTF8.GetString(truth.ToArray()));
    }

    private static List<SyntheticPaper> Papers(long n, ulong seed = 7) =>
        new CorpusSynthesizer(new SynthesisOptions(n, seed)).Papers().ToList();

    private static string[] Sentences(SyntheticPaper p) => p.Abstract.Split(". ");

    /// <summary>The forms a technique may take in the text: its full name, or the acronym it was defined with.</summary>
    private static List<string> Surfaces(SyntheticPaper p, string technique)
    {
        var forms = new List<string> { technique };
        var m = Regex.Match(p.Abstract, Regex.Escape(technique) + @" \(([A-Za-z0-9]+)\)");
        if (m.Success)
        {
            forms.Add(m.Groups[1].Value);
        }

        return forms;
    }

    [Fact]
    public async Task Same_seed_and_size_give_byte_identical_corpus_and_truth()
    {
        var a = await WriteAsync(400, 11);
        var b = await WriteAsync(400, 11);
        Assert.Equal(a.Corpus, b.Corpus);
        Assert.Equal(a.Truth, b.Truth);
    }

    [Fact]
    public async Task Different_seeds_give_different_corpora()
    {
        var a = await WriteAsync(50, 1);
        var b = await WriteAsync(50, 2);
        Assert.NotEqual(a.Corpus, b.Corpus);
    }

    [Fact]
    public void A_paper_generated_alone_equals_the_same_paper_generated_in_sequence()
    {
        var synth = new CorpusSynthesizer(new SynthesisOptions(300, 5));
        var all = synth.Papers().ToList();
        foreach (var i in new[] { 0, 37, 150, 299 })
        {
            var alone = synth.Generate(i);
            Assert.Equal(all[i].Title, alone.Title);
            Assert.Equal(all[i].Abstract, alone.Abstract);
        }
    }

    [Fact]
    public async Task Corpus_and_truth_have_one_valid_line_per_paper_in_the_same_order()
    {
        var (corpus, truth) = await WriteAsync(120, 3);
        var corpusLines = corpus.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var truthLines = truth.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(120, corpusLines.Length);
        Assert.Equal(120, truthLines.Length);
        for (var i = 0; i < corpusLines.Length; i++)
        {
            using var paper = JsonDocument.Parse(corpusLines[i]);
            using var gold = JsonDocument.Parse(truthLines[i]);
            var p = paper.RootElement;
            Assert.Equal($"synth-{i + 1:D7}", p.GetProperty("id").GetString());
            Assert.False(string.IsNullOrWhiteSpace(p.GetProperty("abstract").GetString()));
            Assert.InRange(p.GetProperty("year").GetInt32(), 2018, 2025);
            Assert.Equal(p.GetProperty("title").GetString(), gold.RootElement.GetProperty("title").GetString());
            Assert.Equal(GoldKeys, gold.RootElement.EnumerateObject().Select(o => o.Name).ToArray());
        }
    }

    [Fact]
    public void Titles_are_unique_under_the_matching_key()
    {
        var keys = new HashSet<string>();
        foreach (var p in new CorpusSynthesizer(new SynthesisOptions(20_000, 9)).Papers())
        {
            Assert.True(keys.Add(NameKey.Of(p.Title)), $"duplicate title: {p.Title}");
        }
    }

    [Fact]
    public void Every_planted_entity_appears_in_the_paper_text()
    {
        foreach (var p in Papers(600))
        {
            var text = p.Title + "\n" + p.Abstract;
            var f = p.Facts;
            foreach (var e in f.Models.Concat(f.Techniques).Concat(f.Benchmarks).Concat(f.Organizations))
            {
                Assert.True(text.Contains(e.Name, StringComparison.OrdinalIgnoreCase), $"{p.Id}: '{e.Name}' not in text");
            }
        }
    }

    [Fact]
    public void Every_planted_relation_is_stated_within_one_sentence()
    {
        foreach (var p in Papers(600))
        {
            var sentences = Sentences(p);
            bool Together(params IEnumerable<string>[] alternatives) =>
                sentences.Any(s => alternatives.All(forms => forms.Any(f => s.Contains(f, StringComparison.Ordinal))));

            var f = p.Facts;
            foreach (var l in f.Lineage)
            {
                Assert.True(Together([l.Model], [l.Parent]), $"{p.Id}: lineage {l}");
            }

            foreach (var s in f.Successors)
            {
                Assert.True(Together([s.Model], [s.Predecessor]), $"{p.Id}: successor {s}");
            }

            foreach (var r in f.Results)
            {
                var value = r.Value.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%";
                Assert.True(Together([r.Model], [r.Benchmark], [value]), $"{p.Id}: result {r}");
            }

            foreach (var u in f.Uses)
            {
                Assert.True(Together([u.Model], Surfaces(p, u.Technique)), $"{p.Id}: use {u}");
            }

            foreach (var v in f.Variants)
            {
                Assert.True(Together(Surfaces(p, v.Technique), Surfaces(p, v.Parent)), $"{p.Id}: variant {v}");
            }
        }
    }

    [Fact]
    public void Introduced_models_use_stems_that_no_lexicon_model_has()
    {
        var known = SynthLexicon.Default.KnownModels.Select(NameKey.Of).ToHashSet();
        var introduced = Papers(400).SelectMany(p => p.Facts.Models).Where(m => m.Role == "introduced").ToList();
        Assert.NotEmpty(introduced);
        Assert.All(introduced, m => Assert.DoesNotContain(NameKey.Of(m.Name), known));
    }

    [Fact]
    public void Corpus_covers_every_relation_kind_of_the_gold_format()
    {
        var facts = Papers(800).Select(p => p.Facts).ToList();
        Assert.Contains(facts, f => f.Successors.Count > 0);
        Assert.Contains(facts, f => f.Results.Any(r => r.Setting is not null));
        Assert.Contains(facts, f => f.Uses.Count > 0);
        Assert.Contains(facts, f => f.Variants.Count > 0);
        Assert.Contains(facts, f => f.Organizations.Count > 0);
        Assert.Contains(facts, f => f.Models.Any(m => m.Role == "studied"));
        Assert.Contains(facts, f => f.Benchmarks.Any(b => b.Role == "introduced"));
        var kinds = facts.SelectMany(f => f.Lineage).Select(l => l.Kind).ToHashSet();
        Assert.Equal(["continued-pretraining", "distilled", "fine-tuned", "rl-trained"], kinds.Order());
    }

    [Fact]
    public void Invented_technique_acronyms_are_the_initials_and_never_a_blocked_term()
    {
        var blocked = SynthLexicon.Default.BlockedAcronyms.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var found = 0;
        foreach (var p in Papers(500))
        {
            foreach (Match m in Regex.Matches(p.Abstract, @"We (?:propose|also introduce) ((?:[A-Z][a-z]+ ){2,3}[A-Z][a-z]+) \(([A-Z]+)\)"))
            {
                found++;
                var initials = string.Concat(m.Groups[1].Value.Split(' ').Select(w => w[0]));
                Assert.Equal(initials, m.Groups[2].Value);
                Assert.DoesNotContain(m.Groups[2].Value, blocked);
            }
        }

        Assert.True(found > 100, $"only {found} invented techniques");
    }

    [Theory]
    [InlineData(0, "Veltra-7B", "Veltra-7B-Instruct", "Veltra-V2", "Veltra-Coder-V2", "Veltra-V2.5", "Veltra-V3", "Veltra-V3-Lite", "Veltra-R1")]
    [InlineData(1, "Veltra-7B", "Veltra-7B-Instruct", "Veltra-2-7B", "Veltra-2-Coder-7B", "Veltra-2.5-7B", "Veltra-3-7B", "Veltra-3-1.5B", "Veltra-R1")]
    [InlineData(2, "Veltra 7B", "Veltra 7B Instruct", "Veltra2 7B", "Veltra2-Coder 7B", "Veltra2.5 7B", "Veltra3 7B", "Veltra3 1.5B", "Veltra-R1")]
    public void Family_slots_name_models_in_the_family_spelling(int style, params string[] expected)
    {
        var code = SynthLexicon.Default.Domains.Single(d => d.Variant == "Coder");
        var family = new SynthFamily(0, "Veltra", (NameStyle)style, "7B", "1.5B", null, null, code, "Instruct", null);
        Assert.Equal(expected, Enumerable.Range(0, SynthNames.Slots).Select(s => SynthNames.ModelName(family, s)).ToArray());
    }

    [Fact]
    public void Stems_of_distinct_indexes_are_distinct()
    {
        var names = new SynthNames(SynthLexicon.Default, 42, 200_000);
        var seen = new HashSet<string>();
        for (long i = 0; i < 60_000; i++)
        {
            Assert.True(seen.Add(names.Stem(i)), $"stem {i} repeats");
        }
    }

    [Fact]
    public void Fewer_than_one_paper_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CorpusSynthesizer(new SynthesisOptions(0)));
    }
}
