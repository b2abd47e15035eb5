using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PaperGraph.Core;

/// <summary>
/// Finds entity mentions: one trie pass for the vocabularies, the model-name grammar, acronym definitions and a few
/// generic patterns ("the X benchmark", "X dataset", "*Bench", quantisation formats, "University of X"...),
/// then resolves overlaps and within-paper references (elliptic versions, brand prefixes, bare version tokens).
/// </summary>
internal sealed class MentionFinder(Vocabulary vocabulary, ModelGrammar grammar)
{
    // The static tables below are made once per process: their initialisers run in this constructor, compiled without
    // optimisation (Core is jitted with quick JIT off: it would otherwise be compiled fully optimised at every start, for
    // one run). The finder's methods are compiled after it has run (a finder exists first), so the explicit
    // constructor (no beforefieldinit) adds no initialisation checks to them.
    [MethodImpl(MethodImplOptions.NoOptimization)]
    static MentionFinder()
    {
    }

    private static readonly char[] Digits = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
    private static readonly char[] Quotes = ['\'', '"', '\u2018', '\u2019', '\u201c', '\u201d'];

    private static readonly HashSet<string> TechniqueHeads = new(StringComparer.Ordinal)
    {
        "optimization", "optimisation", "attention", "learning", "search", "training", "tuning", "fine-tuning", "decoding",
        "sampling", "distillation", "quantization", "quantisation", "pruning", "alignment", "prediction", "feedback",
        "reward", "imaging", "expert", "autoencoder", "encoding", "embedding", "normalization", "regularization",
        "algorithm", "method", "gating", "routing", "balancing", "retrieval", "augmentation", "prompting", "voting",
        "decomposition", "compression", "transformer", "architecture", "adaptation", "propagation", "descent",
        "parallelism", "scaling", "merging", "preference", "policy", "generation", "framework", "mechanism", "projection",
        "pretraining", "pre-training", "search", "inference", "steering", "editing", "caching", "sparsification",
    };

    private static readonly HashSet<string> BenchmarkHeads = new(StringComparer.Ordinal)
    {
        "benchmark", "bench", "olympiad", "exam", "examination", "dataset", "corpus", "test", "challenge", "suite",
        "leaderboard", "arena", "qa",
    };

    private static readonly HashSet<string> OrgHeads = new(StringComparer.Ordinal)
    {
        "initiative", "institute", "university", "foundation", "laboratory", "lab", "academy", "association",
        "consortium", "council", "corporation", "inc", "company", "agency", "organization", "organisation", "center",
        "centre", "college", "school",
    };

    private static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "The", "This", "These", "Our", "A", "An", "Standard", "Novel", "New", "Existing", "Multiple", "Several", "Various",
        "Public", "Popular", "Common", "Challenging", "Diverse", "Chinese", "English", "Bilingual", "Internal",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NotNamesBySpan = NotNames.GetAlternateLookup<ReadOnlySpan<char>>();

    // "vocab.technique", ...: one string per label instead of three per mention.
    // By the label's value (the labels are numbered from 0): an array read per vocabulary mention, not a hash lookup.
    private static readonly string[] VocabRules = MakeVocabRules();

    private static string[] MakeVocabRules()
    {
        var rules = new string[Schema.LabelCount];
        foreach (var l in Enum.GetValues<NodeLabel>())
        {
            rules[(int)l] = MentionRules.Vocabulary(l);
        }

        return rules;
    }

    private static string VocabRule(NodeLabel label) => VocabRules[(int)label];

    private static readonly string[] OrgCueAfter = ["released", "developed", "announced", "open-sourced", "launched", "introduced", "proposed", "published", "trained", "built", "unveiled"];

    // Find and the methods it runs per paper or per token are marked AggressiveOptimization, like the relation rules:
    // each runs once per paper with loops inside, and under tiered compilation the first tens of thousands of papers
    // ran in tier-0 / OSR code (new rare paths kept postponing the re-compilation).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Find(PaperContext ctx)
    {
        var text = ctx.Text;
        var tokens = ctx.Tokens;
        // The working lists are per thread and reused: only the final mention list is made per paper, at its size.
        var scratch = _scratch ??= new Scratch();
        var candidates = scratch.Candidates;
        candidates.Clear();
        // Mentions are made in the objects of the thread's last paper once that paper is done (see PaperObjects).
        var objects = PaperObjects.For(ctx);

        // 1. Vocabulary: one trie walk per token start (the thread's root table fetched once, not per token).
        var trie = vocabulary.Trie;
        var rootCache = trie.Cache();
        var tokenSpan = CollectionsMarshal.AsSpan(tokens);
        for (var i = 0; i < tokenSpan.Length; i++)
        {
            if (trie.Match(text, tokenSpan, i, rootCache) is not { } m)
            {
                continue;
            }

            var term = vocabulary.Terms[m.Term];
            var start = tokens[i].Start;
            var end = tokens[m.EndToken - 1].End;
            if (term.Label == NodeLabel.Organization && ((start > 0 && text[start - 1] is '-' or '_') || (end < text.Length && text[end] is '-' or '_')))
            {
                continue; // "FinRL-DeepSeek": part of another name
            }

            // The surface is usually the term's own name: that string, instead of a copy per mention.
            var surface = text.AsSpan(start, end - start).SequenceEqual(term.Name) ? term.Name : StringPool.Current.Get(text.AsSpan(start, end - start));
            var mention = objects.Mention(term.Label, term.Name, surface, start, end, VocabRule(term.Label));
            mention.UseTerm(term);
            candidates.Add(mention);
        }

        // 2. Model grammar. The grammar's cheap first-character test inlined here: most tokens start no name, and for
        // them the call is skipped.
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!grammar.MayStartAt(text, tokens, i) || grammar.ParseAt(text, tokens, i, out var endToken) is not { } p)
            {
                continue;
            }

            var pStart = tokens[i].Start;
            var pEnd = tokens[endToken - 1].End;
            var mention = objects.Mention(NodeLabel.Model, p.Name, p.Name, pStart, pEnd, "grammar.model");
            mention.Model = p;

            // A capitalised word before a known family inside a sentence is part of the name: "Code Llama 7B".
            if (p.Family is not null && i > 0 && tokens[i - 1].End == pStart - 1 && text[pStart - 1] == ' ' && pStart > ctx.Paper.AbstractOffset)
            {
                var w = text.AsSpan(tokens[i - 1].Start, tokens[i - 1].Length);
                var sentenceInitial = ctx.Tokens[i - 1].Start == 0 || IsSentenceStart(text, tokens[i - 1].Start);
                if (char.IsUpper(w[0]) && w.Length > 2 && !sentenceInitial && !vocabulary.IsStopStem(w)
                    && !vocabulary.IsOrganisationKeyOf(w) && vocabulary.FamilyOf(w, out _) is null
                    && !(i > 1 && tokens[i - 2].End == tokens[i - 1].Start - 1 && text[tokens[i - 1].Start - 1] == '-'))
                {
                    var name = text[tokens[i - 1].Start..pEnd];
                    mention.Start = tokens[i - 1].Start;
                    mention.Name = mention.Surface = name;
                    mention.Model = p with { Name = name, Stem = w.ToString() + " " + p.Stem, Line = w.ToString() + "-" + p.Line };
                }
            }

            candidates.Add(mention);
            i = endToken - 1;
        }

        // Sentence-initial and title uses of a prefixed name seen inside a sentence ("Code Llama reaches ...").
        HashSet<string>? prefixed = null;
        foreach (var c in candidates)
        {
            if (c.Model is not null && c.Model.Stem.Contains(' ', StringComparison.Ordinal))
            {
                (prefixed ??= new HashSet<string>(StringComparer.Ordinal)).Add(c.Name);
            }
        }

        // Only the current candidate changes in each loop body below, after its own test: the loops walk the list in
        // place instead of filtering a copy first.
        for (var ci = 0; prefixed is not null && ci < candidates.Count; ci++)
        {
            var c = candidates[ci];
            if (!(c.Model is { Family: not null } && !c.Model.Stem.Contains(' ', StringComparison.Ordinal)))
            {
                continue;
            }

            var k = TokenStartingAt(ctx, c.Start);
            if (k <= 0 || tokens[k - 1].End != c.Start - 1 || text[c.Start - 1] != ' ')
            {
                continue;
            }

            var name = text[tokens[k - 1].Start..c.End];
            if (prefixed.Contains(name))
            {
                var word = text[tokens[k - 1].Start..tokens[k - 1].End];
                c.Start = tokens[k - 1].Start;
                c.Name = c.Surface = name;
                c.Model = c.Model! with { Name = name, Stem = word + " " + c.Model.Stem, Line = word + "-" + c.Model.Line };
            }
        }

        // A bare family followed by a capitalised word used as one name more than once, or with a version: "Llama Guard 3".
        for (var ci = 0; ci < candidates.Count; ci++)
        {
            var c = candidates[ci];
            if (c.Model is not { Bare: true, Family: not null })
            {
                continue;
            }

            var k = TokenStartingAt(ctx, c.Start);
            if (k < 0 || k + 1 >= tokens.Count || tokens[k + 1].Start != c.End + 1 || text[c.End] != ' ')
            {
                continue;
            }

            var wordSpan = text.AsSpan(tokens[k + 1].Start, tokens[k + 1].Length);
            if (!char.IsUpper(wordSpan[0]) || wordSpan.Length < 3 || vocabulary.IsStopStem(wordSpan) || vocabulary.FamilyOf(wordSpan, out _) is not null
                || vocabulary.IsOrganisationKeyOf(wordSpan) || vocabulary.Trie.Match(text, tokens, k + 1) is not null)
            {
                continue;
            }

            var end = tokens[k + 1].End;
            var hasVersion = k + 2 < tokens.Count && tokens[k + 2].Start == end + 1 && text[end] == ' ' && ModelGrammar.IsNumber(text.AsSpan(tokens[k + 2].Start, tokens[k + 2].Length));
            if (!hasVersion && CountOf(text, text.AsSpan(c.Start, end - c.Start)) < 2)
            {
                continue;
            }

            var word = wordSpan.ToString();

            if (hasVersion)
            {
                end = tokens[k + 2].End;
            }

            var name = text[c.Start..end];
            c.End = end;
            c.Name = c.Surface = name;
            c.Model = c.Model! with { Name = name, Bare = false, Line = c.Model.Line + "-" + word, Version = hasVersion ? text[tokens[k + 2].Start..end] : null };
        }

        // A size before the name: "the 70B Llama-2 model" is Llama-2 70B.
        for (var ci = 0; ci < candidates.Count; ci++)
        {
            var c = candidates[ci];
            if (c.Model is not { Parameters: null, Family: not null })
            {
                continue;
            }

            var k = TokenStartingAt(ctx, c.Start);
            if (k > 0 && tokens[k - 1].End == c.Start - 1 && text[c.Start - 1] == ' ' && ModelGrammar.IsSize(text.AsSpan(tokens[k - 1].Start, tokens[k - 1].Length))
                && ctx.Lower.AsSpan(c.End, Math.Min(7, text.Length - c.End)).StartsWith(" model", StringComparison.Ordinal))
            {
                var size = text[tokens[k - 1].Start..tokens[k - 1].End];
                c.ExtraAliases.Add(text[tokens[k - 1].Start..c.End]);
                c.Name = c.Name + " " + size;
                c.Start = tokens[k - 1].Start;
                c.Model = c.Model! with { Name = c.Name, Parameters = size.ToUpperInvariant() };
            }
        }

        // 2b. The title's own name: "Llama Guard: ...", "Code Llama: ..." (a word joined to a known family).
        TitleNamePhrase(ctx, candidates);

        // 3. Generic patterns for terms no file lists.
        GenericPatterns(ctx, candidates);

        var kept = scratch.Kept;
        kept.Clear();
        ResolveOverlaps(ctx, candidates, kept, scratch);
        candidates.Clear();

        // 4. Acronym definitions "Long Form (LF)".
        AcronymDefinitions(ctx, kept, scratch);

        SortUnlessOrdered(kept, ByStartLongerFirst);

        // Sentences are set once, after the references are resolved: nothing before reads them, and resolving moves
        // starts and adds mentions (a pass before it was all redone here).
        ctx.Mentions = kept;
        ResolveReferences(ctx);
        foreach (var m in ctx.Mentions)
        {
            m.Sentence = ctx.SentenceOf(m.Start);
        }

        // Benchmarks that are also common words need benchmark context in their sentence (a loop: a lambda would
        // capture ctx, one closure per paper).
        var keep = 0;
        for (var r = 0; r < kept.Count; r++)
        {
            var m = kept[r];
            if (!(m.Term is { NeedsContext: true } && !HasBenchmarkContext(ctx, m)))
            {
                kept[keep++] = m;
            }
        }

        kept.RemoveRange(keep, kept.Count - keep);
        SortUnlessOrdered(kept, ByStart);
        ctx.Mentions = objects.MentionList(kept);
        kept.Clear();
    }

    private static readonly Comparison<Mention> ByStart = (a, b) => a.Start.CompareTo(b.Start);

    private static readonly Comparison<Mention> ByStartLongerFirst = (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Length.CompareTo(a.Length);

    /// <summary>
    /// Sorts <paramref name="list"/> by <paramref name="order"/> unless every mention already comes strictly before the
    /// next one. Then the sorted order is the list as it is, whatever the algorithm: the mentions of a paper usually
    /// are in order by now, and for more than 16 of them List.Sort's introsort partitions them all the same. With two
    /// equal neighbours the list is sorted as before (an unstable sort may swap equal mentions; skipping it might not).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void SortUnlessOrdered(List<Mention> list, Comparison<Mention> order)
    {
        var span = CollectionsMarshal.AsSpan(list);
        for (var k = 1; k < span.Length; k++)
        {
            if (order(span[k - 1], span[k]) >= 0)
            {
                list.Sort(order);
                return;
            }
        }
    }

    /// <summary>Working lists of one thread, emptied after each paper.</summary>
    private sealed class Scratch
    {
        public readonly List<Mention> Candidates = new(64);
        public readonly List<Mention> Kept = new(64);
        public readonly List<Mention> Added = new(16);
        public readonly List<Mention> Models = new(16);

        /// <summary>The acronym definitions of the paper, in the order found (AcronymDefinitions).</summary>
        public readonly List<Mention> Definitions = new(8);

        /// <summary>The defined acronyms of the paper, the last definition of each (AcronymDefinitions).</summary>
        public readonly Dictionary<string, Mention> Defined = new(StringComparer.Ordinal);

        public MentionFinder? Finder;
        public PaperContext? Context;
        public Comparison<Mention>? CandidateOrder;

        /// <summary>By start, the longer first, then by <see cref="Priority"/> (higher first).</summary>
        public int CompareCandidates(Mention a, Mention b)
        {
            if (a.Start != b.Start)
            {
                return a.Start.CompareTo(b.Start);
            }

            if (a.End != b.End)
            {
                return b.End.CompareTo(a.End);
            }

            return Finder!.Priority(Context!, b).CompareTo(Finder.Priority(Context!, a));
        }
    }

    [ThreadStatic]
    private static Scratch? _scratch;

    private static readonly HashSet<string> GenericTitleWords = new(StringComparer.Ordinal)
    {
        "Technical", "Report", "Open", "Foundation", "Language", "Large", "Towards", "Toward", "Scaling", "Improving", "Efficient",
        "Series", "Family", "Herd", "Learning", "Training", "Beyond", "Making", "Unlocking",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> GenericTitleWordsBySpan = GenericTitleWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// A title that opens with a short name made of a known family word and another capitalised word ("Llama Guard:",
    /// "Code Llama:") names the paper's model; every occurrence of that exact phrase is one model mention, so the
    /// family word inside it is not read as the bare family.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void TitleNamePhrase(PaperContext ctx, List<Mention> into)
    {
        var text = ctx.Text;
        var colon = ctx.Paper.Title.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return;
        }

        // Most titles with a colon name nothing this way: the words are tested as spans, strings are made on success.
        var head = ctx.Paper.Title.AsSpan(0, colon);
        Span<Range> words = stackalloc Range[4];
        var count = head.Split(words, ' ', StringSplitOptions.RemoveEmptyEntries);
        if (count is < 2 or > 3)
        {
            return;
        }

        var familyAt = -1;
        for (var k = 0; k < count; k++)
        {
            var w = head[words[k]];
            if (!char.IsUpper(w[0]) || !AllLettersOrDigits(w))
            {
                return;
            }
        }

        for (var k = 0; k < count; k++)
        {
            var w = head[words[k]];
            if (vocabulary.FamilyOf(w, out var len) is not null && len == w.Length)
            {
                familyAt = k;
                break;
            }
        }

        if (familyAt < 0)
        {
            return;
        }

        for (var k = 0; k < count; k++)
        {
            var w = head[words[k]];
            if (GenericTitleWordsBySpan.Contains(w) || vocabulary.IsStopStem(w) || vocabulary.IsVariantWord(w))
            {
                return;
            }
        }

        var parts = new string[count];
        for (var k = 0; k < count; k++)
        {
            parts[k] = head[words[k]].ToString();
        }

        var phrase = string.Join(' ', parts);
        var family = vocabulary.FamilyOf(parts[familyAt], out _);
        for (var at = text.IndexOf(phrase, StringComparison.Ordinal); at >= 0; at = text.IndexOf(phrase, at + phrase.Length, StringComparison.Ordinal))
        {
            var end = at + phrase.Length;
            if ((at > 0 && char.IsLetterOrDigit(text[at - 1])) || (end < text.Length && char.IsLetterOrDigit(text[end])))
            {
                continue;
            }

            var first = ctx.Tokens.FindIndex(t => t.Start == at);
            var last = ctx.Tokens.FindIndex(t => t.End == end);
            if (first < 0 || last < 0)
            {
                continue;
            }

            into.RemoveAll(m => m.Start >= at && m.End <= end && m.Label == NodeLabel.Model);
            var mention = PaperObjects.For(ctx).Mention(NodeLabel.Model, phrase, phrase, at, end, "pattern.title-name");
            mention.Model = new ModelParse(phrase, family, phrase, phrase.Replace(' ', '-'), null, null, null, null, false);
            into.Add(mention);
        }
    }

    private static bool AllLettersOrDigits(ReadOnlySpan<char> w)
    {
        foreach (var c in w)
        {
            if (!char.IsLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Index of the token that starts at <paramref name="offset"/>, or -1 (tokens are in text order).</summary>
    private static int TokenStartingAt(PaperContext ctx, int offset)
    {
        var k = ctx.FirstTokenAtOrAfter(offset);
        return k < ctx.Tokens.Count && ctx.Tokens[k].Start == offset ? k : -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int CountOf(string text, ReadOnlySpan<char> phrase)
    {
        var n = 0;
        var i = 0;
        int at;
        while ((at = text.AsSpan(i).IndexOf(phrase, StringComparison.Ordinal)) >= 0)
        {
            n++;
            i += at + phrase.Length;
        }

        return n;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsSentenceStart(string text, int at)
    {
        var k = at - 1;
        while (k >= 0 && text[k] == ' ')
        {
            k--;
        }

        return k < 0 || text[k] is '.' or '!' or '?' or '\n' or ':';
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool HasBenchmarkContext(PaperContext ctx, Mention m)
    {
        var (s, e) = ctx.Sentences[m.Sentence];
        if (m.Start >= 3 && ctx.Lower.AsSpan(Math.Max(0, m.Start - 3), Math.Min(3, m.Start)).EndsWith("on ", StringComparison.Ordinal))
        {
            return true;
        }

        return ctx.HasAny(["benchmark", "benchmarks", "dataset", "accuracy", "score", "scores", "evaluated", "evaluation", "test", "pass@1"], s, e)
               || ctx.Lower.AsSpan(s, e - s).Contains('%');
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void GenericPatterns(PaperContext ctx, List<Mention> into)
    {
        var text = ctx.Text;
        var lower = ctx.Lower;
        var tokens = ctx.Tokens;
        var tokenSpan = CollectionsMarshal.AsSpan(tokens);
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokenSpan[i];
            var w = text.AsSpan(t.Start, t.Length);

            // Most tokens are lower-case words that no pattern below starts with: two cheap tests let them skip the
            // patterns' own tests (which would all fail). A normal form starts with the lower-cased text's character at
            // the token, so the initial is read there, in the text being walked, and the form itself only after it fits.
            // A cue is one of the words below's patterns start at (an initial and length test first, most words fail it).
            var cap = char.IsUpper(w[0]);
            var l0 = lower[t.Start];
            var cue = l0 < 128 && CueInitials[l0] && t.Norm.Length is >= 3 and <= 10 && IsCueWord(t.Norm);

            // Every pattern below needs a capital, a cue word, a leading digit or a hyphen just before the token: the
            // rest (most tokens) go straight to the next token.
            if (!cap && !cue && !char.IsDigit(w[0]) && (t.Start == 0 || text[t.Start - 1] != '-'))
            {
                continue;
            }

            // "*Bench" names: PutnamBench, CHiSafetyBench, "MT-Bench", "SWE-bench".
            if (cap && w.Length > 5 && w.EndsWith("Bench", StringComparison.Ordinal))
            {
                into.Add(Pattern(ctx, NodeLabel.Benchmark, t.Start, t.End, "pattern.bench-suffix"));
            }
            else if (w is "Bench" or "bench" && i > 0 && tokens[i - 1].End == t.Start - 1 && text[t.Start - 1] == '-')
            {
                var b = i - 1;
                while (b > 0 && tokens[b - 1].End == tokens[b].Start - 1 && text[tokens[b].Start - 1] == '-')
                {
                    b--;
                }

                into.Add(Pattern(ctx, NodeLabel.Benchmark, tokens[b].Start, t.End, "pattern.bench-suffix"));
            }

            // "*Eval" names: "AlpacaEval", "CRUXEval", "C-Eval", "Joung-Eval": a capitalised name glued or hyphened to Eval.
            if (cap && w.Length > 6 && w.EndsWith("Eval", StringComparison.Ordinal)
                && (char.IsLetter(w[^5]) || (w[^5] == '-' && char.IsUpper(w[w[..^5].LastIndexOf('-') + 1]))))
            {
                into.Add(Pattern(ctx, NodeLabel.Benchmark, t.Start, t.End, "pattern.eval-suffix"));
            }
            else if (w is "Eval" && i > 0 && tokens[i - 1].End == t.Start - 1 && text[t.Start - 1] == '-' && char.IsUpper(text[tokens[i - 1].Start])
                     && (tokens[i - 1].Start == 0 || text[tokens[i - 1].Start - 1] != '-'))
            {
                into.Add(Pattern(ctx, NodeLabel.Benchmark, tokens[i - 1].Start, t.End, "pattern.eval-suffix"));
            }

            // "which we name Guanaco", "a model dubbed Orca": a coined model name.
            if (cue && t.Norm is "name" or "call" or "dub" or "dubbed" or "named" && i + 1 < tokens.Count && char.IsUpper(text[tokens[i + 1].Start])
                && (Word(ctx, i - 1) is "we" || t.Norm is "dubbed" or "named"))
            {
                var (ss0, se0) = ctx.Sentences[ctx.SentenceOf(t.Start)];
                var n = tokens[i + 1];
                if (ctx.HasAny(["model", "models", "family"], ss0, se0) && n.Start - t.End == 1 && !vocabulary.StopStems.Contains(text[n.Start..n.End])
                    && vocabulary.Trie.Match(text, tokens, i + 1) is null && !(n.End < text.Length && text[n.End] is '-' or '('))
                {
                    into.Add(Pattern(ctx, NodeLabel.Model, n.Start, n.End, "pattern.named-model"));
                }
            }

            // A modifier glued to a known technique acronym: "partial-RoPE", "sparse-MoE".
            if (i > 0 && tokens[i - 1].End == t.Start - 1 && text[t.Start - 1] == '-' && vocabulary.IsTechniqueAcronym(w))
            {
                var mod = text.AsSpan(tokens[i - 1].Start, tokens[i - 1].Length);
                var glued = i > 1 && tokens[i - 2].End == tokens[i - 1].Start - 1 && text[tokens[i - 1].Start - 1] == '-';
                if (!glued && mod.Length > 2 && char.IsLower(mod[0]) && mod is not ("based" or "like" or "style" or "free" or "aware" or "only" or "level" or "scale"))
                {
                    into.Add(Pattern(ctx, NodeLabel.Technique, tokens[i - 1].Start, t.End, "pattern.modified-acronym", vocabulary.TechniqueAcronyms[w.ToString()].Category));
                }
            }

            // Quantisation formats: Q4_K_M, DQ3_K_M, IQ2_XS.
            if ((cap || char.IsDigit(w[0])) && IsQuantFormat(w))
            {
                into.Add(Pattern(ctx, NodeLabel.Technique, t.Start, t.End, "pattern.quant-format", "quantization"));
            }

            // "the X benchmark(s)", "X dataset", "X and Y benchmarks".
            if (cue && t.Norm is "benchmark" or "dataset" && i > 0)
            {
                var k = i - 1;
                while (k >= 0)
                {
                    if (!Tokenizer.IsJoiner(text, tokens[k].End, tokens[k + 1].Start) && text[tokens[k].End] != ')')
                    {
                        break;
                    }

                    var name = text.AsSpan(tokens[k].Start, tokens[k].Length);
                    if (!IsNameLike(name))
                    {
                        break;
                    }

                    var start = tokens[k].Start;
                    // Hyphenated names: "Nasdaq-100", "MT-Bench".
                    while (k > 0 && tokens[k - 1].End == tokens[k].Start - 1 && text[tokens[k].Start - 1] == '-')
                    {
                        k--;
                        start = tokens[k].Start;
                    }

                    into.Add(Pattern(ctx, NodeLabel.Benchmark, start, tokens[Math.Max(k, 0)].End > start ? EndOfName(text, tokens, k) : start, "pattern.x-benchmark"));
                    // Coordination: "WMT23 and SummEval benchmarks".
                    if (k >= 2 && ctx.Lower.AsSpan(tokens[k - 1].Start, tokens[k - 1].Length) is "and" && IsNameLike(text.AsSpan(tokens[k - 2].Start, tokens[k - 2].Length)))
                    {
                        into.Add(Pattern(ctx, NodeLabel.Benchmark, tokens[k - 2].Start, tokens[k - 2].End, "pattern.x-benchmark"));
                    }

                    break;
                }
            }

            // Organisations: "University of X", "X University", "X Institute", "X, a subsidiary of Y".
            if (cap && w is "University" && i + 2 < tokens.Count && ctx.Lower.AsSpan(tokens[i + 1].Start, tokens[i + 1].Length) is "of")
            {
                var e = i + 2;
                while (e + 1 < tokens.Count && char.IsUpper(text[tokens[e + 1].Start]) && Tokenizer.IsJoiner(text, tokens[e].End, tokens[e + 1].Start))
                {
                    e++;
                }

                if (char.IsUpper(text[tokens[i + 2].Start]))
                {
                    into.Add(Pattern(ctx, NodeLabel.Organization, t.Start, tokens[e].End, "pattern.org-university"));
                }
            }

            if (cap && w is "University" or "Institute" or "Labs" or "Lab" or "AI" or "Research" or "Laboratory" && i > 0)
            {
                OrganizationBySuffix(ctx, i, into);
            }

            if (cue && t.Norm == "subsidiary" && i >= 3 && i + 2 < tokens.Count && ctx.Lower.AsSpan(tokens[i + 1].Start, tokens[i + 1].Length) is "of")
            {
                // "Robust Intelligence, a subsidiary of Cisco": the capitalised run before ", a".
                var comma = ctx.Text.LastIndexOf(',', t.Start);
                if (comma > 0 && t.Start - comma <= 4)
                {
                    var k = i - 1;
                    while (k >= 0 && tokens[k].Start > comma)
                    {
                        k--;
                    }

                    var last = k;
                    while (k >= 0 && char.IsUpper(text[tokens[k].Start]) && (k == last || Tokenizer.IsJoiner(text, tokens[k].End, tokens[k + 1].Start)))
                    {
                        k--;
                    }

                    if (k < last)
                    {
                        into.Add(Pattern(ctx, NodeLabel.Organization, tokens[k + 1].Start, tokens[last].End, "pattern.org-subsidiary"));
                    }

                    var y = i + 2;
                    var ye = y;
                    while (ye + 1 < tokens.Count && char.IsUpper(text[tokens[ye + 1].Start]) && Tokenizer.IsJoiner(text, tokens[ye].End, tokens[ye + 1].Start))
                    {
                        ye++;
                    }

                    if (char.IsUpper(text[tokens[y].Start]))
                    {
                        into.Add(Pattern(ctx, NodeLabel.Organization, tokens[y].Start, tokens[ye].End, "pattern.org-subsidiary"));
                    }
                }
            }

            // "we propose/introduce X" with a coined name (CamelCase or acronym-like) that nothing else recognises.
            if (cue && t.Norm is "propose" or "introduce" or "present" && i + 1 < tokens.Count && i > 0 && ctx.Lower.AsSpan(tokens[i - 1].Start, tokens[i - 1].Length) is "we" or "further" or "also")
            {
                var n = tokens[i + 1];
                var nw = text.AsSpan(n.Start, n.Length);
                if (IsCoinedName(nw) && n.Start - t.End == 1)
                {
                    var label = nw.EndsWith("Bench", StringComparison.Ordinal) ? NodeLabel.Benchmark : NodeLabel.Technique;
                    into.Add(Pattern(ctx, label, n.Start, n.End, "pattern.we-propose-name"));
                }
            }

            // "scale up X to 16B parameters": a sized member of X.
            if (cue && t.Norm == "scale" && i + 5 < tokens.Count)
            {
                var k = i + 1;
                if (ctx.Lower.AsSpan(tokens[k].Start, tokens[k].Length) is "up")
                {
                    k++;
                }

                var nameTok = tokens[k];
                if (k + 2 < tokens.Count && ctx.Lower.AsSpan(tokens[k + 1].Start, tokens[k + 1].Length) is "to"
                    && ModelGrammar.IsSize(text.AsSpan(tokens[k + 2].Start, tokens[k + 2].Length))
                    && k + 3 < tokens.Count && tokens[k + 3].Norm == "parameter"
                    && char.IsUpper(text[nameTok.Start]))
                {
                    var size = text[tokens[k + 2].Start..tokens[k + 2].End];
                    var baseName = text[nameTok.Start..nameTok.End];
                    var parse = new ModelParse(baseName + " " + size, vocabulary.FamilyOf(baseName, out _),
                        baseName, baseName, null, size.ToUpperInvariant(), null, null, false);
                    var mention = PaperObjects.For(ctx).Mention(NodeLabel.Model, baseName + " " + size, text[nameTok.Start..tokens[k + 2].End],
                        nameTok.Start, nameTok.End, "pattern.scale-to-size");
                    mention.Model = parse;
                    into.Add(mention);
                }
            }
        }

        // Components: "X consists of two components: A and B".
        foreach (var cue in ComponentCues)
        {
            var at = 0;
            while ((at = ctx.FindPhrase(cue, at, ctx.Text.Length)) >= 0)
            {
                var s = ctx.SentenceOf(at);
                var end = ctx.Sentences[s].End;
                if (!ctx.HasAny(["component", "components", "module", "modules", "parts"], at, Math.Min(end, at + cue.Length + 30)))
                {
                    at += cue.Length;
                    continue;
                }

                // A loop, not a Where: the lambda captured `at`, one closure per cue per paper.
                foreach (var tk in tokens)
                {
                    if (!(tk.Start > at && tk.End <= end))
                    {
                        continue;
                    }

                    var w = text.AsSpan(tk.Start, tk.Length);
                    if (IsCoinedName(w) && !(tk.Start > 0 && text[tk.Start - 1] == '-') && !(tk.End < text.Length && text[tk.End] == '-'))
                    {
                        into.Add(Pattern(ctx, NodeLabel.Model, tk.Start, tk.End, "pattern.component-name"));
                    }
                }

                at += cue.Length;
            }
        }
    }

    private static readonly string[] ComponentCues = ["consists of", "composed of", "comprises"];

    /// <summary>The normal forms the cue patterns of <see cref="GenericPatterns"/> test for, every one of them.</summary>
    private static bool IsCueWord(string norm) =>
        norm is "name" or "call" or "dub" or "dubbed" or "named" or "benchmark" or "dataset" or "subsidiary" or "propose" or "introduce"
            or "present" or "scale";

    // First letters of the normal forms the patterns of GenericPatterns start at (name, call, dub, benchmark, dataset,
    // subsidiary, propose, introduce, present, scale).
    private static readonly bool[] CueInitials = InitialTable("ncdbspi");

    private static bool[] InitialTable(string initials)
    {
        var table = new bool[128];
        foreach (var c in initials)
        {
            table[c] = true;
        }

        return table;
    }

    // A span of the lower-cased text: the word is only compared, so no string is made for it.
    private static ReadOnlySpan<char> Word(PaperContext ctx, int k) => k < 0 ? "" : ctx.Lower.AsSpan(ctx.Tokens[k].Start, ctx.Tokens[k].Length);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int EndOfName(string text, List<Token> tokens, int k)
    {
        var e = k;
        while (e + 1 < tokens.Count && tokens[e + 1].Start == tokens[e].End + 1 && text[tokens[e].End] == '-' && tokens[e + 1].Norm is not ("benchmark" or "dataset"))
        {
            e++;
        }

        return tokens[e].End;
    }

    // "Stanford University", "developed by Murkon Labs", "researchers at Foo Research": one to three capitalised name
    // words before an organisation suffix. "University"/"Institute"/"Laboratory" are strong on their own; the weak
    // suffixes (Labs, AI, Research) need an attribution cue before the name ("by", "at", "from", "with", "and") and
    // no adjective-like word ("Generative AI", "Clinical Research"), so topics are not taken for organisations.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void OrganizationBySuffix(PaperContext ctx, int i, List<Mention> into)
    {
        var text = ctx.Text;
        var tokens = ctx.Tokens;
        var suffix = text.AsSpan(tokens[i].Start, tokens[i].Length);
        var strong = suffix is "University" or "Institute" or "Laboratory";
        if (strong && i + 1 < tokens.Count && Word(ctx, i + 1) is "of" or "for")
        {
            return;
        }

        var b = i;
        while (b > 0 && i - b < 3 && tokens[b - 1].End + 1 == tokens[b].Start && text[tokens[b - 1].End] == ' '
               && IsOrganizationNameWord(text.AsSpan(tokens[b - 1].Start, tokens[b - 1].Length), strong))
        {
            b--;
        }

        if (b == i)
        {
            return;
        }

        if (!strong && Word(ctx, b - 1) is not ("by" or "at" or "from" or "with" or "and"))
        {
            return;
        }

        for (var k = b; k < i; k++)
        {
            // A run that holds a listed term (an organisation such as "Google Research", a model or a technique) is the
            // vocabulary's business.
            if (vocabulary.Trie.Match(text, tokens, k) is not null || vocabulary.FamilyOf(text.AsSpan(tokens[k].Start, tokens[k].Length), out _) is not null)
            {
                return;
            }
        }

        into.Add(Pattern(ctx, NodeLabel.Organization, tokens[b].Start, tokens[i].End, "pattern.org-suffix"));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsOrganizationNameWord(ReadOnlySpan<char> w, bool strong)
    {
        if (w.Length < 2 || !char.IsUpper(w[0]))
        {
            return false;
        }

        foreach (var c in w)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        if (w is "The" or "This" or "Our" or "We" or "A" or "An" or "In" or "On" or "For" or "And" or "Of" or "By" or "At" or "From" or "With" or "Its" or "Their" or "Open" or "Artificial")
        {
            return false;
        }

        return strong || !(w.EndsWith("al", StringComparison.Ordinal) || w.EndsWith("ive", StringComparison.Ordinal) || w.EndsWith("ble", StringComparison.Ordinal)
                           || w.EndsWith("ic", StringComparison.Ordinal) || w.EndsWith("ed", StringComparison.Ordinal) || w.EndsWith("ing", StringComparison.Ordinal)
                           || w.EndsWith("ous", StringComparison.Ordinal) || w.EndsWith("ful", StringComparison.Ordinal) || w.EndsWith("ent", StringComparison.Ordinal)
                           || w.EndsWith("ant", StringComparison.Ordinal) || w.EndsWith("ry", StringComparison.Ordinal));
    }

    private static Mention Pattern(PaperContext ctx, NodeLabel label, int start, int end, string rule, string? category = null)
    {
        // Pattern names recur across papers: a pooled string rather than a copy per mention.
        var surface = StringPool.Current.Get(ctx.Text.AsSpan(start, end - start));
        var mention = PaperObjects.For(ctx).Mention(label, surface, surface, start, end, rule);
        if (category is not null)
        {
            mention.Category = category;
        }

        return mention;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsQuantFormat(ReadOnlySpan<char> w)
    {
        var q = w.IndexOf('Q');
        if (q < 0 || q > 2 || w.Length < q + 4 || !char.IsDigit(w[q + 1]) || w[q + 2] != '_')
        {
            return false;
        }

        foreach (var c in w)
        {
            if (!(char.IsUpper(c) || char.IsDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Looks like a proper name: has a capital or digit and is not a common capitalised word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsNameLike(ReadOnlySpan<char> w)
    {
        if (w.Length < 2 || NotNamesBySpan.Contains(w))
        {
            return false;
        }

        var caps = 0;
        var digits = 0;
        foreach (var c in w)
        {
            if (char.IsUpper(c))
            {
                caps++;
            }
            else if (char.IsDigit(c))
            {
                digits++;
            }
        }

        return caps >= 2 || (caps >= 1 && digits >= 1) || (caps == 1 && !char.IsUpper(w[0]));
    }

    /// <summary>A coined name: CamelCase or mixed acronym ("RMaxTS", "DeepEncoder", "MoTE"), not a plain word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsCoinedName(ReadOnlySpan<char> w)
    {
        if (w.Length < 3 || !char.IsLetter(w[0]))
        {
            return false;
        }

        var innerCaps = 0;
        for (var k = 1; k < w.Length; k++)
        {
            if (char.IsUpper(w[k]))
            {
                innerCaps++;
            }
        }

        return innerCaps >= 1 && w is not ("LLMs" or "LLM" or "VLMs" or "GPUs" or "MoEs");
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ResolveOverlaps(PaperContext ctx, List<Mention> candidates, List<Mention> kept, Scratch scratch)
    {
        // One comparison delegate per thread, pointed at this paper: a lambda capturing ctx cost a closure and a
        // delegate per paper. The same comparison, so the same sort.
        scratch.Finder = this;
        scratch.Context = ctx;
        candidates.Sort(scratch.CandidateOrder ??= scratch.CompareCandidates);
        scratch.Context = null;

        var lastEnd = -1;
        foreach (var c in candidates)
        {
            if (c.Start < lastEnd)
            {
                continue;
            }

            kept.Add(c);
            lastEnd = c.End;
        }
    }

    /// <summary>Tie-break for two candidates over the same span.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Priority(PaperContext ctx, Mention m)
    {
        if (m.Model is { } p)
        {
            // "DeepSeekMoE", "GShard": a technique of the vocabulary unless a size or version makes it a model.
            if (p.Parameters is not null || p.Version is not null)
            {
                return 3;
            }

            if (p.Bare && vocabulary.OrganizationsByKey.ContainsKey(p.Key))
            {
                return IsOrganisationUse(ctx, m) ? 0 : 3;
            }

            return 1;
        }

        if (m.Term is not null)
        {
            return m.Label == NodeLabel.Organization ? 2 : 2;
        }

        // "Joung-Eval" also parses as an unversioned model name; the benchmark suffix is the stronger reading.
        return m.Rule is "pattern.eval-suffix" ? 2 : 1;
    }

    /// <summary>A bare brand ("DeepSeek") names the company when possessive, after "by"/"from", or before "released".</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsOrganisationUse(PaperContext ctx, Mention m)
    {
        var text = ctx.Lower;
        var after = text.AsSpan(m.End, Math.Min(16, text.Length - m.End));
        if (after.StartsWith("'s", StringComparison.Ordinal) || after.StartsWith("\u2019s", StringComparison.Ordinal))
        {
            return true;
        }

        var before = text.AsSpan(Math.Max(0, m.Start - 5), Math.Min(5, m.Start));
        if (before.EndsWith("by ", StringComparison.Ordinal) || before.EndsWith("from ", StringComparison.Ordinal))
        {
            return true;
        }

        var rest = after.TrimStart();
        foreach (var cue in OrgCueAfter)
        {
            if (rest.StartsWith(cue, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    // Loops instead of lambdas in AcronymDefinitions: a lambda capturing a variable of its loop costs a closure object
    // for every parenthesis of the text.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Mention? FirstWithin(List<Mention> kept, int start, int end)
    {
        foreach (var m in kept)
        {
            if (m.Start >= start && m.End <= end)
            {
                return m;
            }
        }

        return null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Mention? KnownTermSpelledOut(List<Mention> kept, int start, int open)
    {
        foreach (var m in kept)
        {
            if (m.Start == start && m.End >= open - 1 && m.Term is not null)
            {
                return m;
            }
        }

        return null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RemoveOverlapping(List<Mention> kept, Mention mention)
    {
        var w = 0;
        for (var r = 0; r < kept.Count; r++)
        {
            var k = kept[r];
            if (!(k.Start < mention.End && k.End > mention.Start && !k.Nested))
            {
                kept[w++] = k;
            }
        }

        kept.RemoveRange(w, kept.Count - w);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AcronymDefinitions(PaperContext ctx, List<Mention> kept, Scratch scratch)
    {
        var text = ctx.Text;
        // The per-thread list and map, emptied here: a list and a map made per paper that defines an acronym were two
        // to four objects (and their growth) per paper.
        var added = scratch.Definitions;
        var defined = scratch.Defined;
        added.Clear();
        defined.Clear();
        var open = -1;
        while ((open = text.IndexOf('(', open + 1)) >= 0)
        {
            var close = text.IndexOf(')', open + 1);
            if (close < 0 || close - open > 14)
            {
                continue;
            }

            var inner = text.AsSpan(open + 1, close - open - 1).Trim();
            if (!IsAcronymToken(inner))
            {
                continue;
            }

            var acrSpan = inner.Length > 2 && inner[^1] == 's' && char.IsUpper(inner[^2]) ? inner[..^1] : inner;
            var s = ctx.SentenceOf(open);
            var sentenceStart = ctx.Sentences[s].Start;
            // A version suffix ("SPPT-2") is not spelled out in the long form.
            var letters = acrSpan.TrimEnd(Digits).TrimEnd('-');
            var longForm = SchwartzHearst(text, sentenceStart, open, letters.Length >= 2 ? letters : acrSpan);
            var covered = FirstWithin(kept, open, close + 1);
            if (covered is not null)
            {
                // A known acronym: "Formalized International Mathematical Olympiad (FIMO)" is one mention of FIMO.
                if (longForm is { } known && open - known >= 4)
                {
                    var sameTerm = true;
                    foreach (var m in kept)
                    {
                        if (m != covered && m.Start >= known && m.End <= open)
                        {
                            sameTerm &= m.Term == covered.Term;
                        }
                    }

                    if (sameTerm)
                    {
                        // The mentions inside the long form (what a list of them and RemoveAll(list.Contains) removed).
                        var w = 0;
                        for (var r = 0; r < kept.Count; r++)
                        {
                            var m = kept[r];
                            if (!(m != covered && m.Start >= known && m.End <= open))
                            {
                                kept[w++] = m;
                            }
                        }

                        kept.RemoveRange(w, kept.Count - w);
                        // Pooled: long forms recur paper after paper.
                        covered.ExtraAliases.Add(StringPool.Current.Get(text.AsSpan(known, open - known).Trim()));
                        covered.Start = known;
                        covered.End = close + 1;
                    }
                }

                continue;
            }

            var acr = StringPool.Current.Get(acrSpan);
            NodeLabel? label = null;
            ReadOnlySpan<char> nameSpan;
            int start;
            if (longForm is { } lf)
            {
                start = lf;
                nameSpan = text.AsSpan(lf, open - lf).Trim().Trim(Quotes).Trim();
                var head = Tokenizer.Normalise(LastWord(nameSpan));
                var nextWord = NextWord(ctx.Lower, close + 1);
                if (nextWord is "benchmark" or "dataset" or "benchmarks" || BenchmarkHeads.Contains(head))
                {
                    label = NodeLabel.Benchmark;
                }
                else if (OrgHeads.Contains(head))
                {
                    label = NodeLabel.Organization;
                }
                else if (TechniqueHeads.Contains(head))
                {
                    label = NodeLabel.Technique;
                }

                // A known term spelled out exactly: the acronym is only an alias.
                var same = KnownTermSpelledOut(kept, lf, open);
                if (same is not null)
                {
                    same.ExtraAliases.Add(acr);
                    continue;
                }
            }
            else
            {
                // "a ... method for transitioning from MHA to MLA (MHA2MLA)": the coined acronym names the method.
                start = open + 1;
                nameSpan = acr;
                var (ss, _) = ctx.Sentences[s];
                if (ctx.HasAny(["method", "approach", "framework", "algorithm", "technique"], ss, open) && ctx.HasAny(["propose", "proposes", "introduce", "introduces", "present", "presents"], ss, open))
                {
                    label = NodeLabel.Technique;
                }
            }

            // "we propose X (ACR)": a newly named method even when its head word says little.
            if (label is null && longForm is { } lf2 && IsObjectOfProposal(ctx, ctx.Sentences[s].Start, lf2)
                && Tokenizer.Normalise(LastWord(nameSpan)) is not ("model" or "language" or "intelligence" or "system" or "agent"))
            {
                label = NodeLabel.Technique;
            }

            if (label is not { } l)
            {
                continue;
            }

            var end = longForm is null ? close : open;
            // Pooled: the long form is usually also the surface, and long forms recur paper after paper.
            var name = longForm is null ? acr : StringPool.Current.Get(nameSpan);
            var mention = PaperObjects.For(ctx).Mention(l, name, StringPool.Current.Get(text.AsSpan(start, end - start).Trim()), start,
                longForm is null ? close : close + 1, "acronym.definition");
            mention.Acronym = acr;
            mention.ExtraAliases.Add(acr);
            foreach (var k in kept)
            {
                if (k.Start >= start && k.End <= mention.End)
                {
                    k.Nested = true;
                }
            }

            RemoveOverlapping(kept, mention);
            added.Add(mention);
            defined[acr] = mention;
        }

        if (added.Count == 0)
        {
            return;
        }

        kept.AddRange(added);
        added.Clear();

        // Later bare uses of a defined acronym ("MoTE enables ...").
        // A token can only be a defined acronym (or its plural) when its length and first letter fit one: most tokens
        // are turned away before the two hash lookups.
        var definedBySpan = defined.GetAlternateLookup<ReadOnlySpan<char>>();
        int minLength = int.MaxValue, maxLength = 0;
        UInt128 initials = 0;
        var otherInitial = false;
        foreach (var acronym in defined.Keys)
        {
            minLength = Math.Min(minLength, acronym.Length);
            maxLength = Math.Max(maxLength, acronym.Length);
            if (acronym.Length > 0 && acronym[0] < 128)
            {
                initials |= UInt128.One << acronym[0];
            }
            else
            {
                otherInitial = true;
            }
        }

        foreach (var t in ctx.Tokens)
        {
            if (t.Length < minLength || t.Length > maxLength + 1
                || (text[t.Start] < 128 ? (initials & (UInt128.One << text[t.Start])) == 0 : !otherInitial))
            {
                continue;
            }

            var ws = text.AsSpan(t.Start, t.Length);
            var keySpan = ws.Length > 2 && ws[^1] == 's' && definedBySpan.ContainsKey(ws[..^1]) ? ws[..^1] : ws;
            if (!definedBySpan.TryGetValue(keySpan, out var def) || t.Start < def.End)
            {
                continue;
            }

            if (Overlaps(kept, t.Start, t.End))
            {
                continue;
            }

            // Pooled: the same acronyms are used again and again, in this paper and in others.
            var w = StringPool.Current.Get(ws);
            var key = keySpan.Length == ws.Length ? w : StringPool.Current.Get(keySpan);
            var use = PaperObjects.For(ctx).Mention(def.Label, def.Name, w, t.Start, t.End, "acronym.use");
            use.Acronym = key;
            kept.Add(use);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Overlaps(List<Mention> mentions, int start, int end)
    {
        foreach (var k in mentions)
        {
            if (k.Start < end && k.End > start)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the long form follows "we propose/introduce/present/dub" within three words, no comma between.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsObjectOfProposal(PaperContext ctx, int sentenceStart, int longFormStart)
    {
        foreach (var cue in ProposalCues)
        {
            var at = ctx.Lower.LastIndexOf(cue, Math.Max(sentenceStart, longFormStart - 1), Math.Max(0, longFormStart - sentenceStart), StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var gap = ctx.Lower.AsSpan(at + cue.Length, longFormStart - at - cue.Length);
            if (!gap.Contains(',') && WordCount(gap) <= 3)
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] ProposalCues = ["we propose", "we introduce", "we present", "we dub", "we call", "proposes", "introduces"];

    private static readonly string[] Determiners = ["the ", "a ", "an ", "The ", "A ", "An "];

    /// <summary>Runs of characters other than ' ' (what splitting on spaces without empty entries would count).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int WordCount(ReadOnlySpan<char> s)
    {
        var words = 0;
        for (var k = 0; k < s.Length; k++)
        {
            if (s[k] != ' ' && (k == 0 || s[k - 1] == ' '))
            {
                words++;
            }
        }

        return words;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ReadOnlySpan<char> LastWord(ReadOnlySpan<char> s)
    {
        // As written: both callers normalise it, which lower-cases it.
        var i = s.Length;
        while (i > 0 && (char.IsLetterOrDigit(s[i - 1]) || s[i - 1] == '-'))
        {
            i--;
        }

        var word = s[i..];
        var dash = word.LastIndexOf('-');
        return dash >= 0 && dash < word.Length - 1 && word[..dash] is not ("fine" or "pre") ? word[(dash + 1)..] : word;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ReadOnlySpan<char> NextWord(string lower, int from)
    {
        var i = from;
        while (i < lower.Length && lower[i] == ' ')
        {
            i++;
        }

        var j = i;
        while (j < lower.Length && char.IsLetter(lower[j]))
        {
            j++;
        }

        return lower.AsSpan(i, j - i);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsAcronymToken(ReadOnlySpan<char> s)
    {
        if (s.Length < 2 || s.Length > 12 || !char.IsLetter(s[0]))
        {
            return false;
        }

        var caps = 0;
        foreach (var c in s)
        {
            if (!char.IsLetterOrDigit(c) && c != '-')
            {
                return false;
            }

            if (char.IsUpper(c))
            {
                caps++;
            }
        }

        return caps >= 2;
    }

    /// <summary>
    /// Schwartz and Hearst (2003): the shortest run of words before the parenthesis whose letters contain the acronym's
    /// letters in order, the first letter starting a word. Returns the start offset of the long form, or null.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int? SchwartzHearst(string text, int sentenceStart, int open, ReadOnlySpan<char> acronym)
    {
        // Candidate window: at most min(|A| + 5, 2|A|) words before the parenthesis.
        Span<char> buffer = acronym.Length <= 64 ? stackalloc char[acronym.Length] : new char[acronym.Length];
        var count = 0;
        foreach (var ch in acronym)
        {
            if (char.IsLetterOrDigit(ch))
            {
                buffer[count++] = ch;
            }
        }

        ReadOnlySpan<char> letters = buffer[..count];
        if (letters.Length == 0 || !char.IsLetter(letters[0]))
        {
            return null;
        }

        var maxWords = Math.Min(letters.Length + 5, letters.Length * 2);
        var end = open;
        while (end > sentenceStart && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        var winStart = end;
        var words = 0;
        while (winStart > sentenceStart && words < maxWords)
        {
            var k = winStart - 1;
            while (k >= sentenceStart && char.IsWhiteSpace(text[k]))
            {
                k--;
            }

            if (k < sentenceStart || text[k] is ',' or ';' or ':' or '.' or ')')
            {
                break;
            }

            while (k >= sentenceStart && !char.IsWhiteSpace(text[k]))
            {
                k--;
            }

            winStart = k + 1;
            words++;
        }

        var l = end - 1;
        for (var s = letters.Length - 1; s >= 0; s--)
        {
            var c = char.ToLowerInvariant(letters[s]);
            if (!char.IsLetter(c))
            {
                // Digits must appear literally.
                while (l >= winStart && text[l] != c)
                {
                    l--;
                }

                if (l < winStart)
                {
                    return null;
                }

                l--;
                continue;
            }

            while (l >= winStart && (char.ToLowerInvariant(text[l]) != c || (s == 0 && l > winStart && char.IsLetterOrDigit(text[l - 1]))))
            {
                l--;
            }

            if (l < winStart)
            {
                return null;
            }

            l--;
        }

        var startWord = l + 1;
        while (startWord > winStart && !char.IsWhiteSpace(text[startWord - 1]))
        {
            startWord--;
        }

        while (startWord < end && text[startWord] is '\'' or '"' or '\u2018' or '\u201c')
        {
            startWord++;
        }

        // Drop a leading determiner.
        foreach (var det in Determiners)
        {
            if (text.AsSpan(startWord).StartsWith(det, StringComparison.Ordinal))
            {
                startWord += det.Length;
            }
        }

        return startWord < end ? startWord : null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Covers(List<Mention> mentions, int start, int end)
    {
        foreach (var m in mentions)
        {
            if (m.Start <= start && m.End >= end)
            {
                return true;
            }
        }

        return false;
    }

    private static void ResolveBareVersion(PaperContext ctx, List<Mention> models, string word, Token t)
    {
        var mentions = ctx.Mentions;
        var candidates = models.Where(m => m.Model!.Version == word).Select(m => m.Name).Distinct(StringComparer.Ordinal).ToList();
        var keys = candidates.Select(NameKeys.Of).Distinct(StringComparer.Ordinal).Count();
        if (keys == 1)
        {
            var target = models.First(m => m.Model!.Version == word);
            var rm = PaperObjects.For(ctx).Mention(NodeLabel.Model, target.Name, word, t.Start, t.End, "resolve.bare-version");
            rm.Model = target.Model;
            rm.ExtraAliases.Add(word);
            mentions.Add(rm);
        }
        else
        {
            ctx.Unresolved.Add(new UnresolvedMention(word, t.Start, keys == 0 ? "bare version token with no model of that version in the paper" : "bare version token matches several models", candidates));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static HashSet<string> ModelKeys(List<Mention> mentions)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in mentions)
        {
            if (m.Label == NodeLabel.Model)
            {
                keys.Add(m.Key);
            }
        }

        return keys;
    }

    private static readonly string[] EllipsisSeparators = ["/", " and ", ", ", " & ", " or "];

    // Loops instead of lambdas below: a lambda capturing a loop variable costs a closure object on every iteration of
    // that loop (every mention), whether or not the search runs.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool AnyStartingAt(List<Mention> mentions, int start)
    {
        foreach (var x in mentions)
        {
            if (x.Start == start)
            {
                return true;
            }
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool AnyModelWithin(List<Mention> mentions, int start, int end)
    {
        foreach (var x in mentions)
        {
            if (x.Start >= start && x.End <= end && x.Label == NodeLabel.Model)
            {
                return true;
            }
        }

        return false;
    }

    private static Mention FirstOfStem(List<Mention> models, string stem)
    {
        foreach (var x in models)
        {
            if (x.Model!.Stem == stem)
            {
                return x;
            }
        }

        throw new InvalidOperationException("no model of stem " + stem);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ResolveReferences(PaperContext ctx)
    {
        var text = ctx.Text;
        var mentions = ctx.Mentions;
        var scratch = _scratch ??= new Scratch();
        var added = scratch.Added;
        added.Clear();

        // "Mistral 7B v0.1" beside "Mistral 7B": the release tag names the same model.
        // The set of model keys is made on first need, before any name below has changed: the same snapshot as up front.
        HashSet<string>? names = null;
        foreach (var m in mentions)
        {
            if (m.Model is not { Version: not null, Parameters: not null })
            {
                continue;
            }

            var sp = m.Name.LastIndexOf(' ');
            if (sp > 0 && m.Name.EndsWith(m.Model!.Version!, StringComparison.Ordinal) && ModelGrammar.IsLetterVersion(m.Name.AsSpan(sp + 1))
                && (names ??= ModelKeys(mentions)).Contains(NameKeys.Of(m.Name[..sp])))
            {
                m.ExtraAliases.Add(m.Name);
                m.Name = m.Name[..sp];
                m.Model = m.Model with { Name = m.Name };
            }
        }

        // Elliptic versions: "DeepSeek-R1 and V3", "DeepSeek-V3/R1" -> DeepSeek-V3, DeepSeek-R1.
        foreach (var m in mentions)
        {
            if (m.Model is not { Version: not null } p)
            {
                continue;
            }

            // The cheap test first: most versions are not letter versions ("V3", "R1").
            if (!ModelGrammar.IsLetterVersion(p.Version))
            {
                continue;
            }

            var vAt = m.Surface.LastIndexOf(p.Version!, StringComparison.Ordinal);
            if (vAt <= 0)
            {
                continue;
            }

            foreach (var sep in EllipsisSeparators)
            {
                if (!text.AsSpan(m.End).StartsWith(sep, StringComparison.Ordinal))
                {
                    continue;
                }

                var s = m.End + sep.Length;
                var e = s;
                while (e < text.Length && (char.IsLetterOrDigit(text[e]) || (text[e] == '.' && e + 1 < text.Length && char.IsDigit(text[e + 1]))))
                {
                    e++;
                }

                if (!ModelGrammar.IsLetterVersion(text.AsSpan(s, e - s)) || (e < text.Length && text[e] == '-') || AnyStartingAt(mentions, s))
                {
                    continue;
                }

                var tok = text[s..e];

                var name = string.Concat(m.Surface.AsSpan(0, vAt), tok);
                var parse = p with { Name = name, Version = tok, Parameters = null, ActiveParameters = null };
                var em = PaperObjects.For(ctx).Mention(NodeLabel.Model, name, tok, s, e, "resolve.elliptic-version");
                em.Model = parse;
                em.ExtraAliases.Add(tok);
                added.Add(em);
            }
        }

        mentions.AddRange(added);
        added.Clear();
        SortUnlessOrdered(mentions, ByStart);

        // "X (version Y)": ChatGPT (version o1) -> o1; DeepSeek (version R1) -> DeepSeek-R1.
        foreach (var m in mentions)
        {
            if (m.Model is not { Bare: true })
            {
                continue;
            }

            var after = text.AsSpan(m.End);
            if (!after.StartsWith(" (version ", StringComparison.Ordinal))
            {
                continue;
            }

            var s = m.End + " (version ".Length;
            var e = text.IndexOf(')', s);
            if (e < 0 || e - s > 12)
            {
                continue;
            }

            var v = text[s..e].Trim();
            if (AnyModelWithin(mentions, s, e))
            {
                continue; // "(version o1)" already parsed as its own model
            }

            if (ModelGrammar.IsLetterVersion(v))
            {
                var name = m.Name + "-" + v;
                var parse = m.Model! with { Name = name, Version = v, Bare = false };
                m.Name = name;
                m.Model = parse;
                m.ExtraAliases.Add(text[m.Start..(e + 1)]);
                m.Rule = "resolve.version-in-parentheses";
            }
        }

        // Brand prefix: "DeepSeek Janus" is Janus; "OpenAI o3-mini" is o3-mini (the org keeps its own mention).
        for (var i = 0; i + 1 < mentions.Count; i++)
        {
            var brand = mentions[i];
            var next = mentions[i + 1];
            if (next.Label != NodeLabel.Model || next.Start != brand.End + 1 || text[brand.End] != ' ' || next.Model is not { Family: not null })
            {
                continue;
            }

            if (brand.Model is { Bare: true } && brand.Model.Family?.Organization is { } org && next.Model.Family?.Organization == org)
            {
                next.ExtraAliases.Add(StringPool.Current.Get(text.AsSpan(brand.Start, next.End - brand.Start)));
                next.Start = brand.Start;
                mentions.RemoveAt(i);
                i--;
            }
            else if (brand.Label == NodeLabel.Organization)
            {
                // Pooled: "Meta Llama 3" and the like recur paper after paper.
                next.ExtraAliases.Add(StringPool.Current.Get(text.AsSpan(brand.Start, next.End - brand.Start)));
            }
        }

        // Bare version tokens ("R1's experts", "the open-source R1 models"): the paper's one model with that version.
        var models = scratch.Models;
        models.Clear();
        foreach (var m in mentions)
        {
            if (m.Model is { Bare: false })
            {
                models.Add(m);
            }
        }

        foreach (var t in ctx.Tokens)
        {
            var w = text.AsSpan(t.Start, t.Length);
            if (!(w.Length is >= 2 and <= 4 && w[0] is 'R' or 'V' && ModelGrammar.IsNumber(w[1..])) || Covers(mentions, t.Start, t.End))
            {
                continue;
            }

            if (t.Start > 0 && text[t.Start - 1] is '-' or '/' || (t.End < text.Length && text[t.End] == '-'))
            {
                continue;
            }

            ResolveBareVersion(ctx, models, w.ToString(), t);
        }

        // A bare brand used as a model ("DeepSeek demonstrated ...") is the paper's one specific model of that brand.
        // Made on first need: nothing in the loop changes the models it is made of.
        Dictionary<string, List<string>>? byStem = null;
        foreach (var m in mentions)
        {
            // m.Key is NameKeys.Of(m.Name), usually made already (or held by the parse).
            if (m.Model is not { Bare: true } || !vocabulary.OrganizationsByKey.ContainsKey(m.Key))
            {
                continue; // "ChatGPT", "Codex", "Llama": series names in their own right
            }

            byStem ??= models.GroupBy(x => x.Model!.Stem, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(x => x.Key).Distinct(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
            if (byStem.TryGetValue(m.Model!.Stem, out var specific) && specific.Count == 1)
            {
                var target = FirstOfStem(models, m.Model.Stem);
                m.Name = target.Name;
                m.Model = target.Model;
                m.Rule = "resolve.brand-to-only-model";
            }
            else if (byStem.TryGetValue(m.Model.Stem, out var several) && several.Count > 1)
            {
                ctx.Unresolved.Add(new UnresolvedMention(m.Surface, m.Start, "brand used as a model name; several models of the brand in the paper, kept as the series", several));
            }
        }

        models.Clear();
        SortUnlessOrdered(mentions, ByStart);
    }
}
