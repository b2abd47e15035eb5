namespace PaperGraph.Core;

/// <summary>How a family spells its versions: DeepSeek-V2 style, Qwen-2.5-14B style, or LLaMA2 7B style.</summary>
internal enum NameStyle
{
    VersionTag,
    Numbered,
    Compact,
}

/// <summary>A generated model family: a new stem, a spelling style, sizes, a domain and maybe a developer.</summary>
internal sealed record SynthFamily(
    long Index,
    string Stem,
    NameStyle Style,
    string Size,
    string SmallSize,
    string? TotalParameters,
    string? ActiveParameters,
    SynthDomain Domain,
    string ChatSuffix,
    string? Organization);

/// <summary>
/// Names of everything the generator invents. Each name is a pure function of (seed, index), and indexes map to
/// names through a bijection, so two families never share a stem and no state is kept across papers.
/// </summary>
internal sealed class SynthNames
{
    /// <summary>Papers (hence models) per family: the slots of <see cref="ModelName"/>.</summary>
    public const int Slots = 8;

    private static readonly string[] Generations = ["1", "2", "2.5", "3"];

    private readonly SynthLexicon _lex;
    private readonly ulong _seed;
    private readonly long _families;
    private readonly Scrambler _stem2;
    private readonly Scrambler _stem3;
    private readonly Scrambler _bench1;
    private readonly Scrambler _bench2;
    private readonly Scrambler _tech3;
    private readonly Scrambler _tech4;
    private readonly HashSet<string> _blocked;

    public SynthNames(SynthLexicon lexicon, ulong seed, long families)
    {
        _lex = lexicon;
        _seed = seed;
        _families = families;
        var onsets = lexicon.ModelOnsets.Count;
        var vowels = lexicon.ModelVowels.Count;
        var middles = lexicon.ModelMiddles.Count;
        var endings = lexicon.ModelEndings.Count;
        _stem2 = new Scrambler((long)onsets * vowels * middles * endings, seed, 1);
        _stem3 = new Scrambler((long)onsets * vowels * middles * vowels * middles * endings, seed, 2);
        var bOnsets = lexicon.BenchmarkOnsets.Count;
        var bVowels = lexicon.BenchmarkVowels.Count;
        var bEndings = lexicon.BenchmarkEndings.Count;
        var suffixes = lexicon.BenchmarkSuffixes.Count;
        _bench1 = new Scrambler((long)bOnsets * bVowels * bEndings * suffixes, seed, 3);
        _bench2 = new Scrambler((long)bOnsets * bVowels * bEndings * bVowels * bEndings * suffixes, seed, 4);
        var mods = lexicon.TechniqueModifiers.Count;
        var nouns = lexicon.TechniqueNouns.Count;
        var heads = lexicon.TechniqueHeads.Count;
        _tech3 = new Scrambler((long)mods * nouns * heads, seed, 5);
        _tech4 = new Scrambler((long)mods * mods * nouns * heads, seed, 6);
        _blocked = new HashSet<string>(lexicon.BlockedAcronyms, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The stem with this index: "Veltra", "Braxolix". Distinct indexes give distinct stems.</summary>
    public string Stem(long index)
    {
        var l = _lex;
        if (index < _stem2.Size)
        {
            var p = _stem2.Map(index);
            var ending = Digit(ref p, l.ModelEndings.Count);
            var middle = Digit(ref p, l.ModelMiddles.Count);
            var vowel = Digit(ref p, l.ModelVowels.Count);
            var onset = Digit(ref p, l.ModelOnsets.Count);
            return string.Concat(l.ModelOnsets[onset], l.ModelVowels[vowel], l.ModelMiddles[middle], l.ModelEndings[ending]);
        }

        var q = _stem3.Map((index - _stem2.Size) % _stem3.Size);
        var e = Digit(ref q, l.ModelEndings.Count);
        var m2 = Digit(ref q, l.ModelMiddles.Count);
        var v2 = Digit(ref q, l.ModelVowels.Count);
        var m1 = Digit(ref q, l.ModelMiddles.Count);
        var v1 = Digit(ref q, l.ModelVowels.Count);
        var o = Digit(ref q, l.ModelOnsets.Count);
        return string.Concat(l.ModelOnsets[o], l.ModelVowels[v1], l.ModelMiddles[m1], l.ModelVowels[v2], l.ModelMiddles[m2], l.ModelEndings[e]);
    }

    public SynthFamily Family(long index)
    {
        var rng = Xoshiro256.For(_seed, (ulong)index, 11);
        var roll = rng.NextDouble();
        var style = roll < 0.45 ? NameStyle.VersionTag : roll < 0.8 ? NameStyle.Numbered : NameStyle.Compact;
        var size = rng.Pick(_lex.Sizes);
        // The distilled model must be smaller than its parent, or "X-3-3B" would name both.
        var smaller = _lex.SmallSizes.Where(x => Billions(x) < Billions(size)).ToList();
        var small = smaller.Count > 0 ? rng.Pick(smaller) : _lex.SmallSizes[0];
        string? total = null;
        string? active = null;
        if (rng.Chance(0.35))
        {
            var pair = rng.Pick(_lex.MoeSizes);
            total = pair[0];
            active = pair[1];
            size = total;
        }

        var domain = rng.Pick(_lex.Domains);
        var chat = rng.Chance(0.5) ? "Instruct" : "Chat";
        string? org = null;
        if (rng.Chance(0.4))
        {
            // A stem past the last family's index can never be a model stem of this corpus.
            org = rng.Chance(0.6)
                ? rng.Pick(_lex.Organizations)
                : string.Concat(Stem(_families + (index % Math.Max(1, _families / 4))), " ", rng.Pick(_lex.OrganizationSuffixes));
        }

        return new SynthFamily(index, Stem(index), style, size, small, total, active, domain, chat, org);
    }

    /// <summary>
    /// The model a family releases in a slot: 0 first generation, 1 its chat model, 2 second generation, 3 its domain
    /// model, 4 generation 2.5, 5 generation 3, 6 a small distilled model, 7 a reasoning model.
    /// </summary>
    public static string ModelName(SynthFamily f, int slot)
    {
        var s = f.Stem;
        return slot switch
        {
            0 => Generation(f, 0),
            1 => f.Style == NameStyle.Compact ? $"{Generation(f, 0)} {f.ChatSuffix}" : $"{Generation(f, 0)}-{f.ChatSuffix}",
            2 => Generation(f, 1),
            3 => f.Style switch
            {
                NameStyle.VersionTag => $"{s}-{f.Domain.Variant}-V2",
                NameStyle.Numbered => $"{s}-2-{f.Domain.Variant}-{f.Size}",
                _ => $"{s}2-{f.Domain.Variant} {f.Size}",
            },
            4 => Generation(f, 2),
            5 => Generation(f, 3),
            6 => f.Style switch
            {
                NameStyle.VersionTag => $"{s}-V3-Lite",
                NameStyle.Numbered => $"{s}-3-{f.SmallSize}",
                _ => $"{s}3 {f.SmallSize}",
            },
            7 => $"{s}-R1",
            _ => throw new ArgumentOutOfRangeException(nameof(slot), slot, "Slots are 0..7."),
        };
    }

    /// <summary>The benchmark a paper introduces (slots 2 and 5 of a third of the families), or null.</summary>
    public string? IntroducedBenchmark(long family, int slot)
    {
        if (slot is not (2 or 5) || Xoshiro256.Mix(_seed ^ Xoshiro256.Mix(((ulong)family * 16) + (ulong)slot + 7)) % 3 != 0)
        {
            return null;
        }

        var index = (family * 2) + (slot == 5 ? 1 : 0);
        var l = _lex;
        int suffix;
        string stem;
        if (index < _bench1.Size)
        {
            var p = _bench1.Map(index);
            suffix = Digit(ref p, l.BenchmarkSuffixes.Count);
            var e = Digit(ref p, l.BenchmarkEndings.Count);
            var v = Digit(ref p, l.BenchmarkVowels.Count);
            var o = Digit(ref p, l.BenchmarkOnsets.Count);
            stem = string.Concat(l.BenchmarkOnsets[o], l.BenchmarkVowels[v], l.BenchmarkEndings[e]);
        }
        else
        {
            var p = _bench2.Map((index - _bench1.Size) % _bench2.Size);
            suffix = Digit(ref p, l.BenchmarkSuffixes.Count);
            var e2 = Digit(ref p, l.BenchmarkEndings.Count);
            var v2 = Digit(ref p, l.BenchmarkVowels.Count);
            var e1 = Digit(ref p, l.BenchmarkEndings.Count);
            var v1 = Digit(ref p, l.BenchmarkVowels.Count);
            var o = Digit(ref p, l.BenchmarkOnsets.Count);
            stem = string.Concat(l.BenchmarkOnsets[o], l.BenchmarkVowels[v1], l.BenchmarkEndings[e1], l.BenchmarkVowels[v2].ToLowerInvariant(), l.BenchmarkEndings[e2]);
        }

        return stem + l.BenchmarkSuffixes[suffix];
    }

    /// <summary>The technique a paper introduces (about 45% of papers), as (full name, acronym), or null.</summary>
    public (string Name, string Acronym)? IntroducedTechnique(long paper)
    {
        if (Xoshiro256.Mix(_seed ^ Xoshiro256.Mix(((ulong)paper * 4) + 3)) % 100 >= 45)
        {
            return null;
        }

        var total = _tech3.Size + _tech4.Size;
        var index = paper % total;
        for (var attempt = 0; attempt < 64; attempt++, index = (index + 1) % total)
        {
            var words = TechniqueWords(index);
            if (words is null)
            {
                continue;
            }

            var acronym = string.Concat(words.Select(w => w[0]));
            if (!_blocked.Contains(acronym))
            {
                return (string.Join(' ', words), acronym);
            }
        }

        return null;
    }

    private static string Generation(SynthFamily f, int generation)
    {
        var s = f.Stem;
        var g = Generations[generation];
        return (f.Style, generation) switch
        {
            (NameStyle.Compact, 0) => $"{s} {f.Size}",
            (_, 0) => $"{s}-{f.Size}",
            (NameStyle.VersionTag, _) => $"{s}-V{g}",
            (NameStyle.Numbered, _) => $"{s}-{g}-{f.Size}",
            _ => $"{s}{g} {f.Size}",
        };
    }

    private string[]? TechniqueWords(long index)
    {
        var l = _lex;
        if (index < _tech3.Size)
        {
            var p = _tech3.Map(index);
            var h = Digit(ref p, l.TechniqueHeads.Count);
            var n = Digit(ref p, l.TechniqueNouns.Count);
            var m = Digit(ref p, l.TechniqueModifiers.Count);
            return [l.TechniqueModifiers[m], l.TechniqueNouns[n], l.TechniqueHeads[h]];
        }

        var q = _tech4.Map(index - _tech3.Size);
        var head = Digit(ref q, l.TechniqueHeads.Count);
        var noun = Digit(ref q, l.TechniqueNouns.Count);
        var m2 = Digit(ref q, l.TechniqueModifiers.Count);
        var m1 = Digit(ref q, l.TechniqueModifiers.Count);
        return m1 == m2 ? null : [l.TechniqueModifiers[m1], l.TechniqueModifiers[m2], l.TechniqueNouns[noun], l.TechniqueHeads[head]];
    }

    private static double Billions(string size) =>
        double.Parse(size.AsSpan(0, size.Length - 1), System.Globalization.CultureInfo.InvariantCulture);

    private static int Digit(ref long value, int radix)
    {
        var digit = (int)(value % radix);
        value /= radix;
        return digit;
    }

    /// <summary>A seed-dependent permutation of [0, size): x -> (a*x + b) mod size with gcd(a, size) = 1.</summary>
    private readonly struct Scrambler
    {
        private readonly long _a;
        private readonly long _b;

        public Scrambler(long size, ulong seed, ulong purpose)
        {
            Size = size;
            var h = Xoshiro256.Mix(seed ^ Xoshiro256.Mix(purpose));
            var a = (long)(h % (ulong)size) | 1;
            while (Gcd(a, size) != 1)
            {
                a += 2;
            }

            _a = a % size;
            _b = (long)(Xoshiro256.Mix(h) % (ulong)size);
        }

        public long Size { get; }

        public long Map(long x) => (long)(((UInt128)(ulong)x * (ulong)_a + (ulong)_b) % (ulong)Size);

        private static long Gcd(long a, long b)
        {
            while (b != 0)
            {
                (a, b) = (b, a % b);
            }

            return Math.Abs(a);
        }
    }
}
