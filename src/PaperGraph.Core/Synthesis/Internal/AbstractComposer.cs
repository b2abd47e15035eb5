using System.Globalization;
using System.Text;

namespace PaperGraph.Core;

/// <summary>
/// Writes one synthetic paper: a title and an abstract made of sentence shapes taken from real abstracts (model
/// introductions, lineage, successors, adopted techniques, new techniques and benchmarks, scores, comparisons, noise),
/// recording every fact it plants.
/// </summary>
internal sealed class AbstractComposer
{
    private const int Slots = SynthNames.Slots;

    private readonly SynthLexicon _lex;
    private readonly SynthNames _names;
    private readonly ulong _seed;
    private readonly long _papers;
    private readonly long _families;

    public AbstractComposer(SynthLexicon lexicon, ulong seed, long papers)
    {
        _lex = lexicon;
        _seed = seed;
        _papers = papers;
        _families = Math.Max(1, (papers + Slots - 1) / Slots);
        _names = new SynthNames(lexicon, seed, _families);
    }

    public SynthNames Names => _names;

    /// <summary>Papers are laid out in rows of one slot each, so everything a paper refers to was written earlier.</summary>
    public (long Family, int Slot) Locate(long paper) => (paper % _families, (int)(paper / _families));

    public SyntheticPaper Compose(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _papers);
        var (familyIndex, slot) = Locate(index);
        var family = _names.Family(familyIndex);
        var rng = Xoshiro256.For(_seed, (ulong)index, 23);
        var paper = new Draft(_lex, rng);
        var id = string.Create(CultureInfo.InvariantCulture, $"synth-{index + 1:D7}");
        var year = 2018 + slot;

        string title;
        if (slot >= 1 && paper.Rng.Chance(0.12))
        {
            title = WriteStudy(paper, family, slot, index);
        }
        else
        {
            title = WriteIntroduction(paper, family, slot, index);
        }

        return new SyntheticPaper(id, title, paper.Text(), year, paper.Facts.ToFacts());
    }

    private string WriteIntroduction(Draft d, SynthFamily family, int slot, long index)
    {
        var m = SynthNames.ModelName(family, slot);
        var phrase = d.Rng.Pick(_lex.TitlePhrases);
        var title = phrase == "Technical Report" ? $"{m} Technical Report" : $"{m}: {phrase}";
        d.Facts.Model(m, "introduced");
        d.Openings();

        var (parent, kind) = Lineage(family, slot);
        var fusedLineage = false;
        if (family.TotalParameters is { } total && slot is 0 or 2 or 4 or 5)
        {
            var moe = d.Technique("Mixture-of-Experts", "used");
            d.Facts.Use(m, "Mixture-of-Experts");
            d.Say(d.Rng.Chance(0.5)
                ? $"We present {m}, a strong {moe} language model with {total} total parameters, of which {family.ActiveParameters} are activated for each token."
                : $"We present {m}, an open-source {moe} language model with {total} total parameters and {family.ActiveParameters} activated for each token.");
        }
        else if (kind == "continued-pretraining" && d.Rng.Chance(0.5))
        {
            d.Facts.Model(parent!, "mentioned");
            d.Facts.Lineage(m, parent!, kind);
            fusedLineage = true;
            d.Say($"In this paper, we introduce {m}, which continues pre-training {parent} with {d.Rng.Between(50, 500)}B {family.Domain.Tokens} tokens.");
        }
        else
        {
            d.Say(d.Rng.Next(3) switch
            {
                0 => $"We present {m}, an open-source {family.Domain.Name} model designed for {family.Domain.Task}.",
                1 => $"In this paper, we introduce {m}, a language model trained on {d.Rng.Between(2, 18)} trillion tokens.",
                _ => $"We introduce {m}, an open-source model that targets {family.Domain.Task}.",
            });
        }

        if (parent is not null && !fusedLineage)
        {
            d.Facts.Model(parent, "mentioned");
            d.Facts.Lineage(m, parent, kind!);
            d.Say(LineageSentence(d, m, parent, kind!, family));
        }

        if (Predecessor(family, slot) is { } predecessor)
        {
            d.Facts.Model(predecessor, "mentioned");
            d.Facts.Succession(m, predecessor);
            d.Say(d.Rng.Next(3) switch
            {
                0 => $"{m} significantly improves upon its predecessor, {predecessor}, through two key upgrades.",
                1 => $"{m} substantially enhances {predecessor} by optimizing both training and inference processes.",
                _ => $"As the successor of {predecessor}, {m} extends the context length from 32K to 128K tokens.",
            });
        }

        if (d.Rng.Chance(0.6))
        {
            var picks = PickDistinct(d, _lex.ArchitectureTechniques, 2);
            var a = d.Technique(picks[0], "used");
            var b = d.Technique(picks[1], "used");
            d.Facts.Use(m, picks[0]);
            d.Facts.Use(m, picks[1]);
            d.Say(d.Rng.Chance(0.5)
                ? $"To achieve efficient inference, {m} adopts {a} and {b}."
                : $"{m} adopts {a} and {b} architectures, which were thoroughly validated in prior work.");
        }

        if (d.Rng.Chance(0.5))
        {
            var pair = d.Rng.Pick(_lex.TrainingPairs);
            var a = d.Technique(pair[0], "used");
            var b = d.Technique(pair[1], "used");
            d.Say($"We further perform {a} and {b} to fully unlock its potential.");
        }

        d.Middle();

        if (_names.IntroducedTechnique(index) is { } invented)
        {
            d.Facts.Technique(invented.Name, "introduced");
            var defined = $"{invented.Name} ({invented.Acronym})";
            d.Defined(invented.Name, invented.Acronym);
            if (d.Rng.Chance(0.6))
            {
                var parentName = d.Rng.Pick(_lex.VariantParents);
                var parentText = d.Technique(parentName, "mentioned");
                d.Facts.Variant(invented.Name, parentName);
                d.Say($"We propose {defined}, a variant of {parentText}, that {d.Rng.Pick(_lex.Purposes)}.");
            }
            else
            {
                d.Say($"We also introduce {defined}, a novel training strategy that {d.Rng.Pick(_lex.Purposes)}.");
            }
        }

        // A later model of the family keeps an earlier paper's technique.
        for (var s = slot - 1; s >= 0; s--)
        {
            var earlier = (s * _families) + family.Index;
            if (_names.IntroducedTechnique(earlier) is { } inherited && !d.Clashes(inherited.Name, inherited.Acronym))
            {
                if (d.Rng.Chance(0.5))
                {
                    var text = d.Technique(inherited.Name, "used", inherited.Acronym);
                    d.Facts.Use(m, inherited.Name);
                    d.Say($"{m} also adopts {text} during training.");
                }

                break;
            }
        }

        var ownBenchmark = _names.IntroducedBenchmark(family.Index, slot);
        if (ownBenchmark is not null)
        {
            d.Facts.Benchmark(ownBenchmark, "introduced");
            d.Say($"In addition, we introduce {ownBenchmark}, a benchmark of {d.Rng.Between(120, 3000).ToString("N0", CultureInfo.InvariantCulture)} {family.Domain.Name} problems, to enrich our evaluation.");
        }

        WriteResults(d, m, family, slot, ownBenchmark);

        if (d.Rng.Chance(0.6))
        {
            WriteComparison(d, m, family, slot);
        }

        if (family.Organization is { } org && d.Rng.Chance(0.6))
        {
            d.Facts.Organization(org);
            d.Say($"{m} is developed by {org}.");
        }

        d.Closing();
        return title;
    }

    private string WriteStudy(Draft d, SynthFamily family, int slot, long index)
    {
        _ = index;
        var x = SynthNames.ModelName(family, slot - 1);
        var title = $"{d.Rng.Pick(_lex.StudyPhrases)} {x} in {Capitalize(family.Domain.Task)}";
        d.Facts.Model(x, "studied");
        d.Openings();
        d.Say(d.Rng.Chance(0.5)
            ? $"In this paper, we conduct a systematic assessment of {x} on {family.Domain.Task}."
            : $"This study systematically evaluates {x} and analyses its failure modes.");
        d.Middle();
        WriteResults(d, x, family, slot, null);
        if (d.Rng.Chance(0.7))
        {
            var other = OtherModel(d, family, slot);
            d.Facts.Model(other, "mentioned");
            d.Say(d.Rng.Chance(0.5)
                ? $"{x} underperforms compared to {other} on long-horizon problems."
                : $"Our results indicate that {x} is comparable to {other} on most tasks.");
        }

        d.Closing();
        return title;
    }

    private void WriteResults(Draft d, string m, SynthFamily family, int slot, string? ownBenchmark)
    {
        var count = d.Rng.Between(1, 3);
        var used = new List<string>();
        for (var k = 0; k < count; k++)
        {
            var b = k == 0 && ownBenchmark is not null && d.Rng.Chance(0.5) ? ownBenchmark : PickBenchmark(d, family, slot, used);
            if (b is null)
            {
                continue;
            }

            used.Add(b);
            var v = d.Value();
            var vs = Format(v);
            d.Facts.Benchmark(b, "evaluated");
            var shape = d.Rng.Next(16);
            if (shape >= 14 && k + 1 < count && PickBenchmark(d, family, slot, used) is { } b2)
            {
                used.Add(b2);
                var v2 = d.Value();
                d.Facts.Benchmark(b2, "evaluated");
                d.Facts.Result(m, b, v);
                d.Facts.Result(m, b2, v2);
                k++;
                d.Say($"{m} demonstrates significant improvements, achieving new state-of-the-art results on the {b} benchmark ({vs}%) and the {b2} benchmark ({Format(v2)}%).");
                continue;
            }

            if (shape == 13)
            {
                // The setting makes this a distinct ACHIEVES fact; "self-consistency" is a doubtful entity.
                d.Facts.Technique("self-consistency", "used", optional: true);
                d.Facts.Result(m, b, v, "self-consistency over 64 samples");
                d.Say($"Self-consistency over 64 samples from {m} achieves {vs}% on {b}.");
                continue;
            }

            d.Facts.Result(m, b, v);
            d.Say(shape switch
            {
                <= 3 => $"{m} achieves {vs}% on {b}.",
                4 or 5 => $"{m} has achieved an impressive score of {vs}% on the challenging {b} benchmark without relying on external tools.",
                6 or 7 => $"{m} attains {vs}% pass@1 on {b}, approaching the performance of leading closed-source models.",
                8 or 9 => $"Evaluation results show that {m} reaches {vs}% accuracy on {b}.",
                10 => $"Notably, {m} scores {vs}% on the {b} benchmark.",
                _ => $"{m} achieves {vs}% on {b}, surpassing all open-source baselines.",
            });
        }
    }

    private void WriteComparison(Draft d, string m, SynthFamily family, int slot)
    {
        var other = OtherModel(d, family, slot);
        d.Facts.Model(other, "mentioned");
        switch (d.Rng.Next(4))
        {
            case 0:
                d.Say($"{m} surpasses {other} on various benchmarks, particularly in the domains of code, mathematics, and reasoning.");
                break;
            case 1:
                d.Say($"{m} achieves performance comparable to {other} in {family.Domain.Name} tasks.");
                break;
            case 2:
                d.Say($"Compared with {other}, {m} achieves significantly stronger performance.");
                break;
            default:
                var second = OtherModel(d, family, slot);
                if (NameKey.Of(second) == NameKey.Of(other))
                {
                    d.Say($"Our evaluation shows that {m} outperforms {other}.");
                }
                else
                {
                    d.Facts.Model(second, "mentioned");
                    d.Say($"Our evaluation shows that {m} outperforms {other} and {second}.");
                }

                break;
        }
    }

    /// <summary>A model to compare with: a well-known one, or one another family released earlier.</summary>
    private string OtherModel(Draft d, SynthFamily family, int slot)
    {
        if (slot == 0 || _families < 2 || d.Rng.Chance(0.4))
        {
            return d.Rng.Pick(_lex.KnownModels);
        }

        var f = d.Rng.Next((int)Math.Min(_families, int.MaxValue));
        if (f == family.Index)
        {
            f = (int)((f + 1) % _families);
        }

        return SynthNames.ModelName(_names.Family(f), d.Rng.Next(slot));
    }

    private string? PickBenchmark(Draft d, SynthFamily family, int slot, List<string> used)
    {
        for (var attempt = 0; attempt < 6; attempt++)
        {
            string? b;
            var roll = d.Rng.NextDouble();
            if (roll < 0.5)
            {
                b = d.Rng.Pick(family.Domain.Benchmarks);
            }
            else if (roll < 0.75 || slot <= 2)
            {
                b = d.Rng.Pick(_lex.GeneralBenchmarks);
            }
            else
            {
                // A benchmark another paper introduced in an earlier row.
                var s = slot > 5 && d.Rng.Chance(0.5) ? 5 : 2;
                b = _names.IntroducedBenchmark(d.Rng.Next((int)Math.Min(_families, int.MaxValue)), s);
            }

            if (b is not null && !used.Contains(b))
            {
                return b;
            }
        }

        return null;
    }

    private static (string? Parent, string? Kind) Lineage(SynthFamily f, int slot) => slot switch
    {
        1 => (SynthNames.ModelName(f, 0), "fine-tuned"),
        3 => (SynthNames.ModelName(f, 2), "continued-pretraining"),
        6 => (SynthNames.ModelName(f, 5), "distilled"),
        7 => (SynthNames.ModelName(f, 5), "rl-trained"),
        _ => (null, null),
    };

    private static string? Predecessor(SynthFamily f, int slot) => slot switch
    {
        2 => SynthNames.ModelName(f, 0),
        4 => SynthNames.ModelName(f, 2),
        5 => SynthNames.ModelName(f, 4),
        _ => null,
    };

    private static string LineageSentence(Draft d, string m, string parent, string kind, SynthFamily family)
    {
        switch (kind)
        {
            case "fine-tuned":
                return d.Rng.Chance(0.5)
                    ? $"{m} is fine-tuned from {parent} on {d.Rng.Between(1, 9)}.{d.Rng.Next(10)} million instruction examples."
                    : $"Specifically, {m} is obtained by fine-tuning {parent} on curated dialogue data.";
            case "continued-pretraining":
                return d.Rng.Chance(0.5)
                    ? $"{m} is initialized from {parent} and continues pre-training on {d.Rng.Between(50, 900)}B {family.Domain.Tokens} tokens."
                    : $"Specifically, {m} is further pre-trained from an intermediate checkpoint of {parent} with additional {d.Rng.Between(2, 9)} trillion tokens.";
            case "distilled":
                return d.Rng.Chance(0.5)
                    ? $"{m} is distilled from {parent} into a compact dense model."
                    : $"We distill {parent} into {m}, which keeps most of its reasoning ability at a fraction of the cost.";
            default:
                var rl = d.Technique(d.Rng.Chance(0.5) ? "reinforcement learning" : "Group Relative Policy Optimization", "used");
                return $"Starting from {parent}, {m} is trained with large-scale {rl} without supervised warm-up.";
        }
    }

    private static List<string> PickDistinct(Draft d, IReadOnlyList<string> pool, int count)
    {
        var picked = new List<string>(count);
        while (picked.Count < count)
        {
            var item = d.Rng.Pick(pool);
            if (!picked.Contains(item))
            {
                picked.Add(item);
            }
        }

        return picked;
    }

    private static string Format(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Capitalize(string s) =>
        string.Join(' ', s.Split(' ').Select(w => w.Length > 2 && w != "and" ? char.ToUpperInvariant(w[0]) + w[1..] : w));

    /// <summary>One abstract being written: its sentences, facts, and which technique acronyms are defined.</summary>
    private sealed class Draft(SynthLexicon lexicon, Xoshiro256 rng)
    {
        private readonly StringBuilder _text = new(1600);
        private readonly Dictionary<string, string> _acronymOf = new(StringComparer.Ordinal);
        private readonly HashSet<string> _spelled = new(StringComparer.Ordinal);
        private Xoshiro256 _rng = rng;

        public ref Xoshiro256 Rng => ref _rng;

        public FactSheet Facts { get; } = new();

        public void Say(string sentence)
        {
            if (_text.Length > 0)
            {
                _text.Append(' ');
            }

            _text.Append(sentence);
        }

        public void Openings()
        {
            var roll = _rng.NextDouble();
            var n = roll < 0.1 ? 0 : roll < 0.75 ? 1 : 2;
            var first = _rng.Next(lexicon.Openings.Count);
            for (var k = 0; k < n; k++)
            {
                Say(lexicon.Openings[(first + k) % lexicon.Openings.Count]);
            }
        }

        public void Middle()
        {
            var n = _rng.Next(3);
            var first = _rng.Next(lexicon.Middles.Count);
            for (var k = 0; k < n; k++)
            {
                Say(lexicon.Middles[(first + k) % lexicon.Middles.Count]);
            }
        }

        public void Closing()
        {
            if (_rng.Chance(0.6))
            {
                Say(_rng.Pick(lexicon.Closings));
            }
        }

        public double Value() => _rng.Between(200, 950) / 10.0;

        public void Defined(string name, string acronym)
        {
            _spelled.Add(name);
            _acronymOf[name] = acronym;
        }

        /// <summary>True when the acronym already stands for another technique in this abstract.</summary>
        public bool Clashes(string name, string acronym) =>
            _acronymOf.Any(kv => kv.Value == acronym && kv.Key != name);

        /// <summary>
        /// Plants a technique and returns how to write it: the full name with its acronym on first mention
        /// ("Direct Preference Optimization (DPO)"), the acronym after that.
        /// </summary>
        public string Technique(string name, string role, string? acronym = null)
        {
            Facts.Technique(name, role);
            acronym ??= lexicon.Techniques.FirstOrDefault(t => t.Name == name)?.Acronym ?? "";
            if (_spelled.Contains(name))
            {
                return _acronymOf.TryGetValue(name, out var a) && a.Length > 0 ? a : name;
            }

            _spelled.Add(name);
            if (acronym.Length > 0 && !Clashes(name, acronym))
            {
                _acronymOf[name] = acronym;
                return $"{name} ({acronym})";
            }

            return name;
        }

        public string Text() => _text.ToString();
    }
}
