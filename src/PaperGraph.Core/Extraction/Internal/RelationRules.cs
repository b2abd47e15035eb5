using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PaperGraph.Core;

/// <summary>
/// Turns the mentions of one paper into relationships: paper roles (INTRODUCES, STUDIES, USES, EVALUATED_ON,
/// MENTIONS), lineage, succession, results, model-level technique use, technique variants, comparisons and
/// developers. Rules read cue phrases within one sentence; each relation records the rule id that produced it.
/// </summary>
internal static class RelationRules
{
    // The static tables below are made once per process: their initialisers run in this constructor, compiled without
    // optimisation (Core is jitted with quick JIT off, so the several-KB initialiser would otherwise be compiled fully
    // optimised at every start, for one run). The rules that read the tables are compiled after it has run, so the
    // explicit constructor (no beforefieldinit) adds no initialisation checks to them.
    [MethodImpl(MethodImplOptions.NoOptimization)]
    static RelationRules()
    {
    }

    private static readonly HashSet<string> IntroVerbs = new(StringComparer.Ordinal)
    {
        "present", "introduce", "propose", "release", "develop", "design", "build", "dub", "pioneer", "unveil", "open-source", "name", "call",
    };

    private static readonly HashSet<string> Adverbs = new(StringComparer.Ordinal)
    {
        "further", "also", "then", "first", "here", "newly", "hence", "therefore", "thus", "now", "have", "additionally", "finally",
    };

    private static readonly HashSet<string> AnalysisNouns = new(StringComparer.Ordinal)
    {
        "analysis", "analyse", "evaluation", "assessment", "survey", "summary", "study", "review", "investigation", "overview",
        "discussion", "comparison", "finding", "insight", "examination", "audit", "critique",
    };

    // Span lookups: a token's lower-cased text is compared in place instead of cut out as a string per token.
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> AdverbsBySpan = Adverbs.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> AnalysisNounsBySpan = AnalysisNouns.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly string[] StudyPrefixes = ["assess", "evaluat", "analy", "examin", "investigat", "compar", "probe", "probing", "audit", "scrutin", "benchmarking"];

    private static readonly Cue[] Anaphors = Cue.Of("the resulting model", "our model", "the model", "this model", "the final model", "these models", "our models", "the resulting models");

    private static readonly Cue[] ContrastCues = Cue.Of("unlike", "conventional", "traditional", "standard", "existing", "prior", "previous", "similarities", "similar to", "such as", "compared to", "compared with", "in contrast", "advantages over", "instead of");

    private static readonly (Cue Cue, string Kind)[] ForwardLineage = Table(
    [
        ("continues pre-training", "continued-pretraining"), ("continue pre-training", "continued-pretraining"),
        ("continues pretraining", "continued-pretraining"), ("continued pre-training of", "continued-pretraining"),
        ("continued pre-training from", "continued-pretraining"), ("continued pre-training on", "continued-pretraining"),
        ("continually pre-trained on", "continued-pretraining"), ("continually pre-trained from", "continued-pretraining"),
        ("further pre-trained from", "continued-pretraining"), ("further pre-trained on", "continued-pretraining"),
        ("further pretrained from", "continued-pretraining"), ("further pretrained on", "continued-pretraining"),
        ("pre-trained on", "continued-pretraining"), ("pretrained on", "continued-pretraining"), ("pre-trained from", "continued-pretraining"),
        ("initialized from", "continued-pretraining"), ("initialised from", "continued-pretraining"), ("initialized with", "continued-pretraining"),
        ("continues pretrained", "continued-pretraining"), ("continue pretrained", "continued-pretraining"),
        ("continued pretraining of", "continued-pretraining"), ("continued pretraining from", "continued-pretraining"),
        ("continued pretraining on", "continued-pretraining"), ("continually pretrained on", "continued-pretraining"),
        ("fine-tuned from", "fine-tuned"), ("fine-tuned on", "fine-tuned"), ("finetuned from", "fine-tuned"), ("finetuned on", "fine-tuned"),
        ("fine-tuned version of", "fine-tuned"), ("fine-tuning", "fine-tuned"), ("finetuning", "fine-tuned"), ("fine-tune", "fine-tuned"),
        ("instruction-tuned from", "fine-tuned"), ("on top of", "fine-tuned"), ("built on", "fine-tuned"), ("built upon", "fine-tuned"), ("based on", "fine-tuned"),
        ("distilled from", "distilled"), ("distilled version of", "distilled"), ("distilled versions of", "distilled"),
        ("quantized version of", "quantized"), ("quantized versions of", "quantized"), ("quantized from", "quantized"), ("quantized variant of", "quantized"),
        ("merged from", "merged"), ("merging", "merged"),
        ("rl-trained from", "rl-trained"),
        ("starting from", "fine-tuned"), ("trained from", "fine-tuned"), ("warm-started from", "fine-tuned"), ("distilling", "distilled"), ("reinforcement learning on top of", "rl-trained"),
        ("generated by", "data-from"), ("generated with", "data-from"), ("synthetically generated", "data-from"), ("synthesized by", "data-from"), ("synthesised by", "data-from"), ("powered by", "data-from"),
        ("produced by", "data-from"), ("annotated by", "data-from"), ("derived from", "data-from"), ("collected from", "data-from"),
    ]);

    private static readonly Cue[] ReverseLineage = Cue.Of("resulting in the creation of", "resulting in", "to obtain", "to produce", "yielding", "distilled into", "into");

    // Cues that say a model starts from another but not how it was trained: the kind comes from the sentence.
    private static readonly string[] NeutralLineage = ["starting from", "trained from", "warm-started from", "on top of"];

    private static readonly Cue[] ComponentCues = Cue.Of("as the decoder", "as the encoder", "as the backbone", "as its backbone", "as the language model", "as the vision encoder", "as the llm", "as the base model");

    private static readonly Cue[] ModelUseVerbs = Cue.Of(
    [
        "adopts", "adopt", "employs", "employ", "uses", "use", "leverages", "leverage", "incorporates", "incorporate", "utilizes", "utilize",
        "integrates", "integrate", "is trained with", "trained with", "equipped with", "using", "via", "relies on", "applies", "apply", "combines",
    ]);

    private static readonly Cue OurModel = Cue.Of("our model");
    private static readonly Cue AsTheFoundation = Cue.Of("as the foundation");
    private static readonly Cue AsAFoundation = Cue.Of("as a foundation");
    private static readonly Cue SuchAs = Cue.Of("such as");
    private static readonly Cue Generated = Cue.Of("generated");
    private static readonly Cue Predecessor = Cue.Of("predecessor");
    private static readonly Cue RespectivelyCue = Cue.Of("respectively");
    private static readonly string[] TunedVariantCueWords = ["variant, ", "version, ", "model, "];
    private static readonly Cue[] TunedVariantCues = [.. TunedVariantCueWords.Select(c => Cue.Of(c.TrimEnd(' ', ',')))];
    private static readonly Cue[] VersionOfCues = Cue.Of("versions of", "version of", "variants of", "variant of");
    private static readonly Cue[] ConsistsOfCues = Cue.Of("consists of", "composed of", "comprises");
    private static readonly Cue[] InnovationCues = Cue.Of("innovations such as", "innovations including", "features such as", "components such as", "techniques such as", "including");
    private static readonly Cue[] ImprovesCues = Cue.Of("enhances", "improves upon", "improves on", "improvements over", "improvement over", "upgrade of", "upgraded version of", "builds upon", "builds on");
    private static readonly Cue[] SurveyTitleCues = Cue.Of("survey", "a review of", "systematic review");
    private static readonly Cue[] SurveyTextCues = Cue.Of("this survey", "we survey", "in this survey");
    private static readonly Cue[] MethodWords = Cue.Of("method", "approach", "framework", "algorithm", "technique", "strategy");
    private static readonly Cue[] ContinuedPretrainingCues = Cue.Of("continues pretrained", "continue pretrained", "continues pretraining", "continues pre-training", "continued pretraining", "continued pre-training", "continually pre-trained", "continually pretrained");
    private static readonly Cue[] DistillWords = Cue.Of("distill", "distills", "distilled", "distilling");
    private static readonly Cue[] DistillationWords = Cue.Of("distill", "distills", "distilled", "distilling", "distillation");
    private static readonly Cue[] DataWords = Cue.Of("data", "dataset", "trajectories", "corpus", "samples", "signals", "annotations", "initialization data", "textbooks", "exercises", "synthetic");
    private static readonly Cue[] RlWords = Cue.Of("reinforcement learning", "grpo", "ppo", "policy optimization", "rl");
    private static readonly Cue[] DistillWordsNoS = Cue.Of("distill", "distilled", "distilling", "distillation");
    private static readonly Cue[] TunedWords = Cue.Of("instruction-tuned", "instruct", "chat", "fine-tuned", "aligned", "finetuned");
    private static readonly Cue[] ComponentWords = Cue.Of("component", "components", "module", "modules", "parts");
    private static readonly Cue[] ArchitectureWords = Cue.Of("architecture", "architectures", "innovations");
    private static readonly Cue[] BetterWords = Cue.Of("stronger", "better", "superior", "significant advancements");

    /// <summary>The indexes, in table order, of the cues that may occur in the paper.</summary>
    private static Span<int> Present(PaperContext ctx, Cue[] cues, Span<int> buffer)
    {
        var n = 0;
        for (var i = 0; i < cues.Length; i++)
        {
            if (ctx.MayOccur(cues[i]))
            {
                buffer[n++] = i;
            }
        }

        return buffer[..n];
    }

    /// <summary><c>PaperContext.HasAny</c> over the cues of <paramref name="present"/> (indexes into <paramref name="cues"/>) only.</summary>
    private static bool HasAnyPresent(PaperContext ctx, Cue[] cues, ReadOnlySpan<int> present, int from, int to)
    {
        foreach (var i in present)
        {
            if (ctx.FindPhrase(cues[i], from, to) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static Span<int> Present(PaperContext ctx, (Cue Cue, string Label)[] cues, Span<int> buffer)
    {
        var n = 0;
        for (var i = 0; i < cues.Length; i++)
        {
            if (ctx.MayOccur(cues[i].Cue))
            {
                buffer[n++] = i;
            }
        }

        return buffer[..n];
    }

    // A loop: Array.ConvertAll over tuples is generic code over a value type, jitted at every start for the two tables.
    private static (Cue Cue, string Kind)[] Table(params (string Cue, string Kind)[] rows)
    {
        var table = new (Cue Cue, string Kind)[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            table[i] = (Cue.Of(rows[i].Cue), rows[i].Kind);
        }

        return table;
    }

    // The rule methods are marked AggressiveOptimization: each runs once per paper with loops inside, so under tiered
    // compilation they spent the first thousands of papers in unoptimised (tier-0 / OSR) code, and on a busy machine
    // the background re-compilation came late. Measured: relation stage on the first 3,000 abstracts 157-165 us per
    // abstract instead of 230-245, and no slower afterwards (65 us against 74-98) although dynamic PGO no longer
    // applies to them.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply(PaperContext ctx)
    {
        ctx.IndexCues(Matcher);
        ctx.IsSurvey = ctx.HasAny(SurveyTitleCues, 0, ctx.Paper.Title.Length)
                       || ctx.HasAny(SurveyTextCues, 0, ctx.Text.Length);
        Introductions(ctx);
        Lineage(ctx);
        IntroducedMembers(ctx);
        InstructVariants(ctx);
        Studies(ctx);
        var variantParents = Variants(ctx);
        TechniqueRoles(ctx, variantParents);
        Results(ctx);
        BenchmarkRoles(ctx);
        ModelUses(ctx);
        Successors(ctx);
        Comparisons(ctx);
        DevelopedBy(ctx);
        RoleEdges(ctx);
    }

    // ---------- helpers ----------

    /// <summary>
    /// Buffers the rules reuse from paper to paper on one thread instead of allocating per paper (each rule clears what
    /// it takes). A rule's buffer is never held across a call to another rule that uses the same one.
    /// </summary>
    private sealed class Scratch
    {
        [ThreadStatic]
        private static Scratch? _current;

        public static Scratch Current => _current ??= new Scratch();

        public PairSet ModelUses { get; } = new();

        /// <summary>The paper whose model-to-technique USES pairs <see cref="ModelUses"/> holds.</summary>
        public PaperContext? ModelUsesOf { get; set; }

        public PairSet Successions { get; } = new();

        public PairSet Comparisons { get; } = new();

        public PairSet Developers { get; } = new();

        public List<Mention> Objects { get; } = [];

        public List<PaperEntity> Entities { get; } = [];

        /// <summary>The models <see cref="ModelsNotIntroduced"/> lists, or a series of one size.</summary>
        public List<PaperEntity> Models { get; } = [];

        /// <summary>The parents of technique variants (<see cref="Variants"/>, read by <see cref="TechniqueRoles"/>).</summary>
        public List<PaperEntity> VariantParents { get; } = [];

        /// <summary>The lineage pairs of one paper, with the kind and relation of each.</summary>
        public Dictionary<(string, string), (string Kind, FoundRelation Rel)> Lineage { get; } = [];

        public List<ScoreSpan> Scores { get; } = [];

        /// <summary>Offsets of the introduction cue words of one sentence.</summary>
        public List<int> Offsets { get; } = [];

        /// <summary>Subjects before a score: a model mention, or an anaphor whose model is worked out if it is chosen.</summary>
        public List<(int Pos, Mention? Mention, Cue? Anaphor)> Candidates { get; } = [];

        public List<string> Names { get; } = [];

        public List<bool> Flags { get; } = [];

        public List<string?> Acronyms { get; } = [];

        /// <summary>The entities of <see cref="EntityListOf"/> in the table's order (<see cref="RelationRules.EntityList(PaperContext)"/>).</summary>
        public PaperEntity?[] EntityList { get; set; } = new PaperEntity?[64];

        public int EntityCount { get; set; }

        public PaperContext? EntityListOf { get; set; }

        /// <summary>The token bounds of each sentence (<see cref="SentenceTokens"/>) of <see cref="SentenceTokensOf"/>.</summary>
        public int[] SentenceTokens { get; set; } = new int[64];

        public PaperContext? SentenceTokensOf { get; set; }

        /// <summary>The paper whose present anaphors <see cref="Anaphors"/> holds.</summary>
        public PaperContext? AnaphorsOf { get; set; }

        public uint Anaphors { get; set; }
    }

    // Rules ask for a sentence's mentions many times: the lists are grouped once per paper and shared, so no rule may
    // change them (a copy per call was most of the rules' allocations). They live per thread, refilled for each paper.
    private static List<Mention> Sent(PaperContext ctx, int s) => SentenceMentions.Of(ctx).InSentence(s);

    private static List<Mention> Sent(PaperContext ctx, int s, NodeLabel label) => SentenceMentions.Of(ctx).InSentence(s, label);

    private static (int From, int To) TokenRange(PaperContext ctx, int s)
    {
        if ((uint)s >= (uint)ctx.Sentences.Count)
        {
            _ = ctx.Sentences[s]; // out of range: the list's exception, as before
        }

        var bounds = SentenceTokens(ctx);
        var from = bounds[2 * s];
        if (from >= ctx.Tokens.Count)
        {
            return (0, 0);
        }

        return (from, Math.Max(from, bounds[(2 * s) + 1]));
    }

    /// <summary>
    /// The paper's entities in the order of <c>ctx.Entities.Values</c>, as a span: the rules walk them about twenty
    /// times per paper, several in nested loops, and the table's enumerator (a version check and a skip of free entries
    /// per step) was the largest single cost among the rules' helpers. Made once per paper and again after a rule
    /// changes the table (<see cref="EntitiesChanged"/>; a changed count is caught too).
    /// </summary>
    private static ReadOnlySpan<PaperEntity> EntityList(PaperContext ctx)
    {
        var scratch = Scratch.Current;
        var entities = ctx.Entities;
        if (!ReferenceEquals(scratch.EntityListOf, ctx) || scratch.EntityCount != entities.Count)
        {
            var list = scratch.EntityList;
            if (list.Length < entities.Count)
            {
                scratch.EntityList = list = new PaperEntity?[Math.Max(entities.Count, list.Length * 2)];
            }
            else if (scratch.EntityCount > entities.Count)
            {
                // No entity of an earlier paper is kept alive past the ones overwritten.
                Array.Clear(list, entities.Count, scratch.EntityCount - entities.Count);
            }

            var n = 0;
            foreach (var e in entities.Values)
            {
                list[n++] = e;
            }

            scratch.EntityCount = n;
            scratch.EntityListOf = ctx;
        }

        return scratch.EntityList.AsSpan(0, scratch.EntityCount)!;
    }

    /// <summary>Called by a rule that added or removed entities: <see cref="EntityList(PaperContext)"/> is made again.</summary>
    private static void EntitiesChanged() => Scratch.Current.EntityListOf = null;

    /// <summary>
    /// Per sentence s of the paper, at 2s the index of the first token starting at or after its start and at 2s + 1 the
    /// same for its end (<see cref="PaperContext.FirstTokenAtOrAfter(ReadOnlySpan{Token}, int)"/> of each), worked out
    /// once per paper in one walk over the tokens: the rules asked per sentence and per mention, two binary searches
    /// each, whose branches the processor cannot predict.
    /// </summary>
    private static int[] SentenceTokens(PaperContext ctx)
    {
        var scratch = Scratch.Current;
        if (ReferenceEquals(scratch.SentenceTokensOf, ctx))
        {
            return scratch.SentenceTokens;
        }

        var sentences = ctx.Sentences;
        var bounds = scratch.SentenceTokens;
        if (bounds.Length < 2 * sentences.Count)
        {
            scratch.SentenceTokens = bounds = new int[Math.Max(2 * sentences.Count, bounds.Length * 2)];
        }

        FillSentenceTokens(CollectionsMarshal.AsSpan(ctx.Tokens), CollectionsMarshal.AsSpan(sentences), bounds);
        scratch.SentenceTokensOf = ctx;
        return bounds;
    }

    /// <summary>
    /// Fills <paramref name="bounds"/> as <see cref="SentenceTokens"/> describes. Tokens are in text order; sentence
    /// starts and ends too, so each is found by moving on from the previous one (a bound that goes back is searched for).
    /// </summary>
    internal static void FillSentenceTokens(ReadOnlySpan<Token> tokens, ReadOnlySpan<(int Start, int End)> sentences, Span<int> bounds)
    {
        int atStart = 0, atEnd = 0, lastStart = 0, lastEnd = 0;
        for (var s = 0; s < sentences.Length; s++)
        {
            var (ss, se) = sentences[s];
            atStart = ss < lastStart ? PaperContext.FirstTokenAtOrAfter(tokens, ss) : atStart;
            while (atStart < tokens.Length && tokens[atStart].Start < ss)
            {
                atStart++;
            }

            atEnd = se < lastEnd ? PaperContext.FirstTokenAtOrAfter(tokens, se) : atEnd;
            while (atEnd < tokens.Length && tokens[atEnd].Start < se)
            {
                atEnd++;
            }

            bounds[2 * s] = atStart;
            bounds[(2 * s) + 1] = atEnd;
            (lastStart, lastEnd) = (ss, se);
        }
    }

    private static ReadOnlySpan<char> Word(PaperContext ctx, int k)
    {
        var t = ctx.Tokens[k];
        return ctx.Lower.AsSpan(t.Start, t.End - t.Start);
    }

    private static bool IsStudyWord(ReadOnlySpan<char> w)
    {
        // Every prefix starts with one of these letters: other words are not compared with each.
        if (w.IsEmpty || w[0] is not ('a' or 'b' or 'c' or 'e' or 'i' or 'p' or 's'))
        {
            return false;
        }

        if (w.SequenceEqual("comparable") || w.SequenceEqual("comparably"))
        {
            return false;
        }

        foreach (var p in StudyPrefixes)
        {
            if (w.StartsWith(p, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static void SetRole(PaperEntity e, RelType role, Mention evidence, string rule, double confidence)
    {
        if (Strength(role) <= Strength(e.Role))
        {
            return;
        }

        e.Role = role;
        e.RoleEvidence = evidence;
        e.RoleRule = rule;
        e.RoleConfidence = confidence;
    }

    private static int Strength(RelType role) => role switch
    {
        RelType.Introduces => 3,
        RelType.Studies or RelType.Uses or RelType.EvaluatedOn => 2,
        _ => 1,
    };

    private static bool HasAnaphor(PaperContext ctx, int from, int to)
    {
        for (var present = AnaphorsPresent(ctx); present != 0; present &= present - 1)
        {
            if (ctx.FindPhrase(Anaphors[BitOperations.TrailingZeroCount(present)], from, to) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// One bit per anaphor that may occur in the paper (bit i: <c>Anaphors[i]</c>), worked out once per paper: results
    /// and lineage ask for anaphors per score and per cue, and most papers have few of them.
    /// </summary>
    private static uint AnaphorsPresent(PaperContext ctx)
    {
        var scratch = Scratch.Current;
        if (!ReferenceEquals(scratch.AnaphorsOf, ctx))
        {
            var mask = 0u;
            for (var i = 0; i < Anaphors.Length; i++)
            {
                if (ctx.MayOccur(Anaphors[i]))
                {
                    mask |= 1u << i;
                }
            }

            scratch.Anaphors = mask;
            scratch.AnaphorsOf = ctx;
        }

        return scratch.Anaphors;
    }

    private static Mention? NearestBefore(PaperContext ctx, List<Mention> ms, int pos, NodeLabel label, Mention? not = null)
    {
        for (var i = ms.Count - 1; i >= 0; i--)
        {
            var m = ms[i];
            if (m.Label == label && m.End <= pos && m != not && (not is null || m.Key != not.Key))
            {
                return m;
            }
        }

        return null;
    }

    private static readonly Cue[] DataGapWords = Cue.Of("data", "dataset", "using", "derived", "generated", "corpus", "tokens", "with");

    private static Mention? FirstAfter(PaperContext ctx, List<Mention> ms, int pos, NodeLabel label, int maxGap, bool cleanGap)
    {
        Mention? m = null;
        foreach (var x in ms)
        {
            if (x.Label == label && x.Start >= pos && !x.Nested)
            {
                m = x;
                break;
            }
        }

        if (m is null || m.Start - pos > maxGap)
        {
            return null;
        }

        var gap = ctx.Lower.AsSpan(pos, m.Start - pos);
        if (gap.IndexOfAny('.', ';') >= 0)
        {
            return null;
        }

        if (cleanGap)
        {
            foreach (var w in DataGapWords)
            {
                if (ctx.HasPhrase(w, pos, m.Start))
                {
                    return null;
                }
            }
        }

        return m;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Key, string Value), IReadOnlyDictionary<string, object?>> OneProps = new();

    /// <summary>
    /// One string property, as <c>Props((key, value))</c> makes it, shared: the values come from short fixed lists
    /// ("fine-tuned", "better"...), and the dictionaries are only read (like the shared empty one).
    /// </summary>
    private static IReadOnlyDictionary<string, object?> Prop(string key, string value)
    {
        // The two keys in use have a table each, looked up by the value alone.
        var byValue = key == "kind" ? KindProps : key == "outcome" ? OutcomeProps : null;
        if (byValue is not null)
        {
            return byValue.TryGetValue(value, out var one) ? one : byValue.GetOrAdd(value, Props((key, value)));
        }

        return OneProps.TryGetValue((key, value), out var d) ? d : OneProps.GetOrAdd((key, value), static kv => Props((kv.Key, kv.Value)));
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyDictionary<string, object?>> KindProps = new(StringComparer.Ordinal);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyDictionary<string, object?>> OutcomeProps = new(StringComparer.Ordinal);

    private static Dictionary<string, object?> Props(params (string Key, object? Value)[] kvs)
    {
        var d = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (k, v) in kvs)
        {
            if (v is not null)
            {
                d[k] = v;
            }
        }

        return d;
    }

    // ---------- roles ----------

    // The words that open an introduction cue ("we ...", "this paper ...", "our work ...", "... pioneers ..."), found
    // through the cue index: only the tokens where one of them occurs are looked at, not every token of the paper.
    private static readonly Cue[] IntroOpeners = Cue.Of("we", "this", "our", "pioneers");

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Introductions(PaperContext ctx)
    {
        Span<int> openers = stackalloc int[IntroOpeners.Length];
        openers = Present(ctx, IntroOpeners, openers);
        var candidates = Scratch.Current.Offsets;
        for (var s = 0; !openers.IsEmpty && s < ctx.Sentences.Count; s++)
        {
            var (ss, se) = ctx.Sentences[s];
            candidates.Clear();
            foreach (var o in openers)
            {
                // Every occurrence starting inside the sentence (a cue may end past its end, as a token may).
                var cue = IntroOpeners[o];
                var limit = se + cue.Length - 1;
                for (var at = ctx.FindPhrase(cue, ss, limit); at >= 0; at = ctx.FindPhrase(cue, at + 1, limit))
                {
                    candidates.Add(at);
                }
            }

            if (candidates.Count == 0)
            {
                continue;
            }

            // Text order, as the tokens are walked.
            var found = CollectionsMarshal.AsSpan(candidates);
            found.Sort();
            var (from, to) = TokenRange(ctx, s);
            var tokens = CollectionsMarshal.AsSpan(ctx.Tokens);
            var k = from;
            foreach (var at in found)
            {
                // A cue occurrence is a token when a token starts there with the cue's length ("we", not "we-based").
                // The occurrences start inside the sentence, in text order: the first token at or after each is found
                // by moving on through the sentence's tokens (one past them when it is not in the sentence).
                while (k < to && tokens[k].Start < at)
                {
                    k++;
                }

                if (k >= to || tokens[k].Start != at)
                {
                    continue;
                }

                var w = Word(ctx, k);
                int verb;
                if (w.SequenceEqual("we"))
                {
                    verb = k + 1;
                    while (verb < to && AdverbsBySpan.Contains(Word(ctx, verb)))
                    {
                        verb++;
                    }
                }
                else if ((w.SequenceEqual("this") || w.SequenceEqual("our")) && k + 1 < to && ctx.Tokens[k + 1].Norm is "paper" or "work" or "study" or "report" or "article")
                {
                    verb = k + 2;
                    while (verb < to && AdverbsBySpan.Contains(Word(ctx, verb)))
                    {
                        verb++;
                    }
                }
                else if (ctx.Tokens[k].Norm == "pioneer" && w.SequenceEqual("pioneers"))
                {
                    verb = k;
                }
                else
                {
                    continue;
                }

                if (verb >= to || !IntroVerbs.Contains(ctx.Tokens[verb].Norm))
                {
                    continue;
                }

                var isAnalysis = false;
                for (var j = verb + 1; j < Math.Min(to, verb + 6); j++)
                {
                    if (AnalysisNouns.Contains(ctx.Tokens[j].Norm) || AnalysisNounsBySpan.Contains(Word(ctx, j)))
                    {
                        isAnalysis = true;
                        break;
                    }
                }

                if (isAnalysis)
                {
                    continue;
                }

                ctx.Constructive = true;
                IntroduceObjects(ctx, s, ctx.Tokens[verb].End);
            }
        }

        // "The resulting model, X, ..." / "The final result, X, ...": the paper's outcome is introduced.
        for (var s = 1; s < ctx.Sentences.Count; s++)
        {
            var (ss, _) = ctx.Sentences[s];
            foreach (var lead in ResultLeads)
            {
                if (ctx.Lower.AsSpan(ss).StartsWith(lead, StringComparison.Ordinal))
                {
                    var m = FirstModelAt(ctx, ss + lead.Length);
                    if (m is not null)
                    {
                        Introduce(ctx, m, "intro.resulting-model", 0.75);
                    }
                }
            }
        }

        // Title "X: ..." naming a model that the abstract calls "our model".
        var colon = ctx.Paper.Title.IndexOf(':', StringComparison.Ordinal);
        if (ctx.IntroducedModels.Count == 0 && colon > 0)
        {
            var m = TitleModelBefore(ctx, colon);
            if (m is not null && (ctx.HasPhrase(OurModel, ctx.Paper.AbstractOffset, ctx.Text.Length) || ctx.Constructive))
            {
                Introduce(ctx, m, "intro.title-name", 0.7);
            }
        }

        NamingCues(ctx);
        ctx.PrimaryModel = ctx.IntroducedModels.FirstOrDefault();
        ctx.PrimaryByCue = ctx.PrimaryModel is not null;
        SeriesOfOneSize(ctx);
    }

    /// <summary>The first model mention spanning the title up to the colon at <paramref name="colon"/>.</summary>
    private static Mention? TitleModelBefore(PaperContext ctx, int colon)
    {
        foreach (var x in ctx.Mentions)
        {
            if (x.Label == NodeLabel.Model && x.Start == 0 && x.End == colon)
            {
                return x;
            }
        }

        return null;
    }

    private static readonly string[] ResultLeads = ["the resulting model, ", "the final result, ", "the final model, ", "our final model, "];

    private static Mention? FirstModelAt(PaperContext ctx, int start)
    {
        foreach (var x in ctx.Mentions)
        {
            if (x.Label == NodeLabel.Model && x.Start == start)
            {
                return x;
            }
        }

        return null;
    }

    /// <summary>
    /// "DeepSeekMath" beside the introduced "DeepSeekMath 7B" (and no other size) names the same model: merged, recorded as an alias.
    /// </summary>
    private static readonly string[] NamingCueWords = ["which we name ", "which we call ", "which we dub ", "the final result, ", "the resulting model, ", "called ", "dubbed ", "named "];

    private static readonly Cue[] NamingCuePhrases = [.. NamingCueWords.Select(c => Cue.Of(c.TrimEnd(' ', ',')))];

    private static readonly Cue[] FirstPersonCues = Cue.Of("we", "our", "this paper", "this report", "this work");

    /// <summary>
    /// Naming cues: "which we name Guanaco", "The final result, Zephyr-7B, ...", "a new set of foundation models, called
    /// Llama 3" (with "called"/"dubbed"/"named" only in a first-person or this-paper sentence). Every model or technique
    /// listed right after the cue is introduced ("called phi-3-small and phi-3-medium").
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void NamingCues(PaperContext ctx)
    {
        Span<int> present = stackalloc int[NamingCuePhrases.Length];
        present = Present(ctx, NamingCuePhrases, present);
        if (present.IsEmpty)
        {
            return;
        }

        for (var s = 1; s < ctx.Sentences.Count; s++)
        {
            var (ss, se) = ctx.Sentences[s];
            List<Mention>? ms = null;
            foreach (var c in present)
            {
                var cue = NamingCueWords[c];
                var at = ctx.FindPhrase(NamingCuePhrases[c], ss, se);
                if (at < 0)
                {
                    continue;
                }

                var generic = cue is "called " or "dubbed " or "named ";
                if (generic && !ctx.HasAny(FirstPersonCues, ss, at))
                {
                    continue;
                }

                if (ms is null)
                {
                    // Only a sentence with a naming cue needs its model and technique mentions (already in text order).
                    ms = [];
                    foreach (var m in Sent(ctx, s))
                    {
                        if (m.Label is NodeLabel.Model or NodeLabel.Technique && !m.Nested)
                        {
                            ms.Add(m);
                        }
                    }
                }

                var k = -1;
                for (var i = 0; i < ms.Count; i++)
                {
                    if (ms[i].Start == at + cue.Length)
                    {
                        k = i;
                        break;
                    }
                }

                if (k < 0)
                {
                    continue;
                }

                Introduce(ctx, ms[k], "intro.naming-cue", 0.8);
                while (k + 1 < ms.Count && IsListGap(ctx.Lower.AsSpan(ms[k].End, ms[k + 1].Start - ms[k].End)) && ms[k + 1].Label == ms[k].Label)
                {
                    Introduce(ctx, ms[++k], "intro.naming-cue", 0.8);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SeriesOfOneSize(PaperContext ctx)
    {
        var series = Scratch.Current.Models;
        series.Clear();
        foreach (var e in ctx.Entities.Values)
        {
            if (e.Label == NodeLabel.Model && e.Role != RelType.Introduces && ModelOf(e) is { Parameters: null, Version: null })
            {
                series.Add(e);
            }
        }

        if (series.Count == 0)
        {
            return;
        }

        foreach (var e in series)
        {
            PaperEntity? target = null;
            var sized = 0;
            foreach (var x in ctx.Entities.Values)
            {
                if (x.Label == NodeLabel.Model && x != e && StartsWithWord(x.Name, e.Name, ' ') && ModelGrammar.IsSize(x.Name.AsSpan(e.Name.Length + 1)))
                {
                    target ??= x;
                    sized++;
                }
            }

            if (sized != 1 || target!.Role != RelType.Introduces)
            {
                continue;
            }

            foreach (var m in e.Mentions)
            {
                m.Name = target.Name;
                target.Mentions.Add(m);
            }

            foreach (var a in e.Aliases)
            {
                target.Aliases.Add(a);
            }

            target.InTitle |= e.InTitle;
            ctx.Entities.Remove((NodeLabel.Model, NameKeys.Of(e.Name)));
            EntitiesChanged();
        }
    }

    /// <summary><paramref name="name"/> starts with <paramref name="prefix"/> followed by <paramref name="separator"/> (<c>name.StartsWith(prefix + separator)</c> without the concatenation).</summary>
    private static bool StartsWithWord(string name, string prefix, char separator) =>
        name.Length > prefix.Length && name[prefix.Length] == separator && name.StartsWith(prefix, StringComparison.Ordinal);

    /// <summary><see cref="PaperEntity.Model"/> without the LINQ: the first mention's parse that is not null.</summary>
    private static ModelParse? ModelOf(PaperEntity e)
    {
        foreach (var m in e.Mentions)
        {
            if (m.Model is not null)
            {
                return m.Model;
            }
        }

        return null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void IntroduceObjects(PaperContext ctx, int s, int cueEnd)
    {
        var ms = Scratch.Current.Objects;
        ms.Clear();
        foreach (var m in Sent(ctx, s))
        {
            if (!m.Nested && m.Label != NodeLabel.Organization && m.Start >= cueEnd)
            {
                ms.Add(m);
            }
        }

        if (ms.Count == 0)
        {
            return;
        }

        // "proposes the first ... method for ... (MHA2MLA)": the coined acronym names the proposed method.
        Mention? def = null;
        foreach (var m in ms)
        {
            if (m.Rule == "acronym.definition" && m.Label == NodeLabel.Technique)
            {
                def = m;
                break;
            }
        }

        if (def is not null && ctx.HasAny(MethodWords, cueEnd, def.Start))
        {
            Introduce(ctx, def, "intro.we-propose-method", 0.85);
            return;
        }

        // "presents a new set of foundation models, called Llama 3".
        for (var c = 0; c < CalledCues.Length; c++)
        {
            // " called " holds the whole word "called": a paper without the word has none of it.
            var called = CalledCues[c];
            if (!ctx.MayOccur(CalledWords[c]))
            {
                continue;
            }

            // The first occurrence after the cue counts only when it starts inside the sentence: search no further.
            var (_, se) = ctx.Sentences[s];
            var limit = Math.Min(ctx.Lower.Length, se + called.Length - 1);
            var at = cueEnd >= se ? -1 : ctx.Lower.AsSpan()[cueEnd..limit].IndexOf(called, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            at += cueEnd;

            Mention? named = null;
            foreach (var m in ms)
            {
                if (m.Start >= at + called.Length && m.Start <= at + called.Length + 1)
                {
                    named = m;
                    break;
                }
            }

            if (named is not null)
            {
                Introduce(ctx, named, "intro.called", 0.85);
                return;
            }
        }

        var first = ms[0];
        var gap = ctx.Text.AsSpan()[cueEnd..first.Start];
        var (words, ing) = SpaceSeparatedWords(gap);
        if (words > 3 || gap.IndexOfAny(",;:.") >= 0 || ing)
        {
            return;
        }

        // "we introduce joint SVD approximations": the mention modifies the real object; it is not what is new.
        var next = NextWordAfter(ctx.Lower, first.End);
        if (words > 0 && next.Length > 2 && char.IsLetter(next[0]) && !ObjectHeadsBySpan.Contains(next) && !ConnectivesBySpan.Contains(next))
        {
            return;
        }

        Introduce(ctx, first, "intro.we-present", 0.9);
        var prev = first;
        for (var k = 1; k < ms.Count; k++)
        {
            var m = ms[k];
            var between = ctx.Text.AsSpan()[prev.End..m.Start];
            if (m.Label != first.Label || between is not (", " or " and " or ", and " or " & "))
            {
                break;
            }

            Introduce(ctx, m, "intro.we-present", 0.85);
            prev = m;
        }
    }

    private static readonly string[] CalledCues = [" called ", " named ", " dubbed ", " which we call ", " which we name "];

    private static readonly Cue[] CalledWords = [.. CalledCues.Select(c => Cue.Of(c.Trim()))];

    /// <summary>The words of <c>gap.Split(' ', RemoveEmptyEntries)</c>: how many, and whether one ends in "ing".</summary>
    private static (int Count, bool Ing) SpaceSeparatedWords(ReadOnlySpan<char> gap)
    {
        var count = 0;
        var ing = false;
        foreach (var range in gap.Split(' '))
        {
            var w = gap[range];
            if (w.IsEmpty)
            {
                continue;
            }

            count++;
            ing |= w.EndsWith("ing", StringComparison.Ordinal);
        }

        return (count, ing);
    }

    private static readonly HashSet<string> ObjectHeads = new(StringComparer.Ordinal)
    {
        "architecture", "architectures", "method", "methods", "algorithm", "framework", "model", "models", "benchmark", "dataset",
        "series", "approach", "technique", "strategy", "mechanism", "family", "suite", "library", "system", "language", "agent",
    };

    private static readonly HashSet<string> Connectives = new(StringComparer.Ordinal)
    {
        "and", "or", "to", "that", "which", "with", "for", "as", "in", "on", "of", "by", "from", "the", "a", "an", "is", "are", "was",
        "were", "we", "via", "using", "into", "at", "than", "while", "where", "who", "whose", "its", "their",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> ObjectHeadsBySpan = ObjectHeads.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> ConnectivesBySpan = Connectives.GetAlternateLookup<ReadOnlySpan<char>>();

    private static ReadOnlySpan<char> NextWordAfter(string lower, int from)
    {
        var i = from;
        while (i < lower.Length && lower[i] == ' ')
        {
            i++;
        }

        if (i == from)
        {
            return "";
        }

        var j = i;
        while (j < lower.Length && (char.IsLetter(lower[j]) || lower[j] == '-'))
        {
            j++;
        }

        return lower.AsSpan(i, j - i);
    }

    private static void Introduce(PaperContext ctx, Mention m, string rule, double confidence)
    {
        var e = ctx.EntityOf(m);
        SetRole(e, RelType.Introduces, m, rule, confidence);
        if (e.Label == NodeLabel.Model && !ctx.IntroducedModels.Contains(e))
        {
            ctx.IntroducedModels.Add(e);
        }
    }

    /// <summary>Sizes and variants of an introduced model or architecture, and lineage children of introduced models, are introduced too.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void IntroducedMembers(PaperContext ctx)
    {
        var introduced = Scratch.Current.Entities;
        introduced.Clear();
        foreach (var e in EntityList(ctx))
        {
            if (e.Role == RelType.Introduces && e.Label is NodeLabel.Model or NodeLabel.Technique)
            {
                introduced.Add(e);
            }
        }

        // The series in the title of a paper that introduces its members ("Phi-3 Technical Report" ... "phi-3-mini").
        // Candidates are listed before any is introduced, as the LINQ snapshot did.
        foreach (var t in ModelsNotIntroduced(ctx, titleOnly: true))
        {
            if (AnyModelExtends(introduced, t.Name))
            {
                Introduce(ctx, t.Mentions[0], "intro.title-series", 0.65);
                introduced.Add(t);
            }
        }

        if (introduced.Count > 0)
        {
            foreach (var e in ModelsNotIntroduced(ctx, titleOnly: false))
            {
                foreach (var i in introduced)
                {
                    if (i != e && Extends(e.Name, i.Name))
                    {
                        Introduce(ctx, e.Mentions[0], "intro.member-of-introduced", 0.7);
                        break;
                    }
                }
            }
        }

        // Introduce adds no relation, so the relation list can be read in place.
        // A part with a coined name, described as a component of the introduced model, is new too ("DeepEncoder").
        for (var k = 0; k < ctx.Relations.Count; k++)
        {
            var r = ctx.Relations[k];
            if (r.Type != RelType.DerivedFrom || r.Rule != "lineage.component")
            {
                continue;
            }

            var whole = ctx.Entities.GetValueOrDefault((NodeLabel.Model, NameKeys.Of(r.From.Name)));
            var part = ctx.Entities.GetValueOrDefault((NodeLabel.Model, NameKeys.Of(r.To.Name)));
            if (whole is { Role: RelType.Introduces } && part is not null && part.Mentions.TrueForAll(m => m.Rule == "pattern.component-name"))
            {
                Introduce(ctx, part.Mentions[0], "intro.coined-component", 0.6);
            }
        }

        for (var k = 0; k < ctx.Relations.Count; k++)
        {
            var r = ctx.Relations[k];
            if (r.Type != RelType.DerivedFrom || !r.Rule.StartsWith("lineage.reverse", StringComparison.Ordinal))
            {
                continue;
            }

            var child = ctx.Entities.GetValueOrDefault((NodeLabel.Model, NameKeys.Of(r.From.Name)));
            var parent = ctx.Entities.GetValueOrDefault((NodeLabel.Model, NameKeys.Of(r.To.Name)));
            if (child is not null && parent is { Role: RelType.Introduces })
            {
                Introduce(ctx, child.Mentions[0], "intro.derived-from-introduced", 0.7);
            }
        }
    }

    /// <summary>True when a model of <paramref name="entities"/> is <paramref name="name"/> plus a suffix.</summary>
    private static bool AnyModelExtends(List<PaperEntity> entities, string name)
    {
        foreach (var i in entities)
        {
            if (i.Label == NodeLabel.Model && Extends(i.Name, name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The models not introduced (yet), in a per-thread list: the caller reads it before asking again.</summary>
    private static List<PaperEntity> ModelsNotIntroduced(PaperContext ctx, bool titleOnly)
    {
        var list = Scratch.Current.Models;
        list.Clear();
        foreach (var e in EntityList(ctx))
        {
            if (e.Label == NodeLabel.Model && (!titleOnly || e.InTitle) && e.Role != RelType.Introduces)
            {
                list.Add(e);
            }
        }

        return list;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Studies(PaperContext ctx)
    {
        if (ctx.IntroducedModels.Count > 0)
        {
            return;
        }

        var studied = Scratch.Current.Entities;
        studied.Clear();
        foreach (var e in EntityList(ctx))
        {
            if (e.Label != NodeLabel.Model)
            {
                continue;
            }

            Mention? evidence = null;
            string rule = "";
            if (e.InTitle && !ctx.IsSurvey)
            {
                evidence = e.Mentions.First(m => m.Sentence == 0);
                rule = "study.title-subject";
            }

            if (evidence is null)
            {
                foreach (var m in e.Mentions)
                {
                    var (from, _) = TokenRange(ctx, m.Sentence);
                    for (var k = from; k < ctx.Tokens.Count && ctx.Tokens[k].End <= m.Start; k++)
                    {
                        if (IsStudyWord(Word(ctx, k)))
                        {
                            evidence = m;
                            rule = "study.analysis-of";
                            break;
                        }
                    }

                    if (evidence is not null)
                    {
                        break;
                    }
                }
            }

            if (evidence is null && !ctx.IsSurvey && DistinctSentences(e.Mentions, 3) >= 3)
            {
                evidence = e.Mentions[0];
                rule = "study.frequent-subject";
            }

            if (evidence is not null)
            {
                SetRole(e, RelType.Studies, evidence, rule, 0.7);
                studied.Add(e);
            }
        }

        // Sized members of a studied series are studied ("Janus models (Janus 7B ...)").
        if (studied.Count == 0)
        {
            return;
        }

        foreach (var e in EntityList(ctx))
        {
            if (e.Label != NodeLabel.Model || e.Role != RelType.Mentions)
            {
                continue;
            }

            foreach (var st in studied)
            {
                if (StartsWithWord(e.Name, st.Name, ' ') || StartsWithWord(e.Name, st.Name, '-'))
                {
                    SetRole(e, RelType.Studies, e.Mentions[0], "study.member-of-studied", 0.6);
                    break;
                }
            }
        }
    }

    /// <summary>How many distinct sentences the mentions are in, counted up to <paramref name="enough"/>.</summary>
    private static int DistinctSentences(List<Mention> mentions, int enough)
    {
        Span<int> seen = stackalloc int[enough];
        var n = 0;
        foreach (var m in mentions)
        {
            if (seen[..n].Contains(m.Sentence))
            {
                continue;
            }

            seen[n++] = m.Sentence;
            if (n == enough)
            {
                break;
            }
        }

        return n;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TechniqueRoles(PaperContext ctx, List<PaperEntity> variantParents)
    {
        // Per sentence: 0 unknown, 1 has a contrast cue, -1 has none (on the stack for an abstract's few sentences).
        var sentences = ctx.Sentences.Count;
        Span<sbyte> contrast = sentences <= 256 ? stackalloc sbyte[256] : new sbyte[sentences];
        var contrastKnown = false;
        Span<int> contrastPresent = stackalloc int[ContrastCues.Length]; // filled when contrast is first needed
        foreach (var e in EntityList(ctx))
        {
            if (e.Label != NodeLabel.Technique || e.Role != RelType.Mentions)
            {
                continue;
            }

            if (e.InTitle)
            {
                SetRole(e, RelType.Uses, e.Mentions.First(m => m.Sentence == 0), "use.title-technique", 0.7);
                continue;
            }

            if (!ctx.Constructive)
            {
                continue;
            }

            if (!contrastKnown)
            {
                contrastKnown = true;
                contrast[..sentences].Clear();
                contrastPresent = Present(ctx, ContrastCues, contrastPresent);
            }

            var isParent = variantParents.Contains(e);
            foreach (var m in e.Mentions)
            {
                ref var c = ref contrast[m.Sentence];
                if (c == 0)
                {
                    var (ss, se) = ctx.Sentences[m.Sentence];
                    c = HasAnyPresent(ctx, ContrastCues, contrastPresent, ss, se) ? (sbyte)1 : (sbyte)-1;
                }

                // The parent of a variant named in the same sentence is background ("GRPO, a variant of PPO").
                if (c < 0 && !(isParent && HasVariantOfIn(ctx, e, ctx.Sentences[m.Sentence].Start)))
                {
                    SetRole(e, RelType.Uses, m, "use.own-method", 0.6);
                    break;
                }
            }
        }
    }

    private static bool HasVariantOfIn(PaperContext ctx, PaperEntity parent, int sentenceStart)
    {
        var key = NameKeys.Of(parent.Name);
        foreach (var r in ctx.Relations)
        {
            if (r.Type == RelType.VariantOf && r.SentenceStart == sentenceStart && NameKeys.Of(r.To.Name) == key)
            {
                return true;
            }
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BenchmarkRoles(PaperContext ctx)
    {
        foreach (var e in EntityList(ctx))
        {
            if (e.Label != NodeLabel.Benchmark || e.Role != RelType.Mentions)
            {
                continue;
            }

            Mention? evidence = null;
            foreach (var m in e.Mentions)
            {
                var b0 = Math.Max(0, m.Start - 25);
                var before = ctx.Lower.AsSpan(b0, m.Start - b0);
                var after = ctx.Lower.AsSpan(m.End, Math.Min(ctx.Text.Length, m.End + 10) - m.End);
                var isSource = before.Contains("data from", StringComparison.Ordinal) || before.EndsWith("sourced from ", StringComparison.Ordinal)
                               || (before.EndsWith("from the ", StringComparison.Ordinal) && after.TrimStart().StartsWith("dataset", StringComparison.Ordinal));
                if (!isSource)
                {
                    evidence = m;
                    break;
                }
            }

            if (evidence is not null)
            {
                SetRole(e, RelType.EvaluatedOn, evidence, "eval.benchmark-in-evaluation", 0.6);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RoleEdges(PaperContext ctx)
    {
        var paper = ctx.PaperRef;
        foreach (var e in EntityList(ctx))
        {
            if (!e.FoundInText)
            {
                continue;
            }

            var m = e.RoleEvidence ?? e.Mentions[0];
            ctx.Relate(e.Role, paper, e.Ref, m.Sentence, m.Start, m.End, e.RoleRule, e.RoleConfidence);
        }
    }

    // ---------- lineage ----------

    private static PaperEntity? Child(PaperContext ctx, List<Mention> ms, int cueStart, Mention parent)
    {
        var (ss, _) = ctx.Sentences[ms.Count > 0 ? ms[0].Sentence : 0];
        if (HasAnaphor(ctx, ss, cueStart) && ctx.PrimaryModel is not null)
        {
            return ctx.PrimaryModel;
        }

        var before = NearestBefore(ctx, ms, cueStart, NodeLabel.Model, parent);
        if (before is not null)
        {
            return ctx.EntityOf(before);
        }

        return ctx.PrimaryModel is { } p && p.Key != parent.Key ? p : null;
    }

    /// <summary>True when <paramref name="longer"/>'s name is <paramref name="shorter"/>'s plus a suffix ("Qwen2-72B-Instruct", "Llama 2-Chat").</summary>
    private static bool IsNameExtension(PaperEntity longer, PaperEntity shorter)
    {
        var l = longer.Key;
        var sh = shorter.Key;
        return l.Length > sh.Length && l.StartsWith(sh, StringComparison.Ordinal) && char.IsLetter(l[sh.Length]);
    }

    private static bool ContinuesPretraining(PaperContext ctx, int ss, int se) =>
        ctx.HasAny(ContinuedPretrainingCues, ss, se);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Lineage(PaperContext ctx)
    {
        // Only the forward cues that occur in the paper, in table order: an absent cue finds nothing in any sentence.
        // The other cue lists likewise: an absent cue is passed over as a cue not found in the sentence is. The lists
        // are made at the first sentence with a model (a paper with none needs none of them).
        Span<int> forward = stackalloc int[ForwardLineage.Length];
        Span<int> reverse = stackalloc int[ReverseLineage.Length];
        Span<int> tunedVariant = stackalloc int[TunedVariantCues.Length];
        Span<int> versionOf = stackalloc int[VersionOfCues.Length];
        Span<int> consistsOf = stackalloc int[ConsistsOfCues.Length];
        Span<int> components = stackalloc int[ComponentCues.Length];
        var presentKnown = false;
        var found = Scratch.Current.Lineage;
        if (found.Count > 0)
        {
            found.Clear();
        }

        void Add(PaperEntity child, PaperEntity parent, string kind, int s, int start, int end, string rule, double conf)
        {
            if (child == parent || child.Label != NodeLabel.Model || parent.Label != NodeLabel.Model)
            {
                return;
            }

            // "Llama 2" from "Llama 2-Chat": a model is never derived from its own name plus a suffix; the cue's
            // object was the tuned variant ("our approach to fine-tuning ... of Llama 2-Chat").
            if (kind != "data-from" && IsNameExtension(parent, child))
            {
                (child, parent) = (parent, child);
            }

            var key = (child.Key, parent.Key);
            if (found.TryGetValue(key, out var existing))
            {
                // One kind per pair: an explicit kind beats "data-from".
                if (existing.Kind == kind || kind == "data-from")
                {
                    return;
                }

                if (existing.Kind == "data-from")
                {
                    ctx.Relations.Remove(existing.Rel);
                }
                else
                {
                    return;
                }
            }

            ctx.Relate(RelType.DerivedFrom, child.Ref, parent.Ref, s, start, end, rule, conf, Prop("kind", kind));
            found[key] = (kind, ctx.Relations[^1]);
            foreach (var t in Sent(ctx, s, NodeLabel.Technique))
            {
                if (t.End <= end)
                {
                    UseEdge(ctx, child, t, "uses.lineage-technique", 0.6);
                }
            }
        }

        for (var s = 1; s < ctx.Sentences.Count; s++)
        {
            var (ss, se) = ctx.Sentences[s];
            var ms = Sent(ctx, s, NodeLabel.Model);
            if (ms.Count == 0)
            {
                continue;
            }

            if (!presentKnown)
            {
                presentKnown = true;
                forward = Present(ctx, ForwardLineage, forward);
                reverse = Present(ctx, ReverseLineage, reverse);
                tunedVariant = Present(ctx, TunedVariantCues, tunedVariant);
                versionOf = Present(ctx, VersionOfCues, versionOf);
                consistsOf = Present(ctx, ConsistsOfCues, consistsOf);
                components = Present(ctx, ComponentCues, components);
            }

            // "As the foundation, X models have been instrumental in training specialized models such as A, B": every
            // listed model is built from X.
            var foundation = ctx.FindPhrase(AsTheFoundation, ss, se) is var f1 && f1 >= 0 ? f1 : ctx.FindPhrase(AsAFoundation, ss, se);
            var suchAs = foundation < 0 ? -1 : ctx.FindPhrase(SuchAs, foundation, se);
            if (suchAs > foundation && foundation >= 0)
            {
                Mention? baseModel = null;
                foreach (var m in ms)
                {
                    if (m.Start > foundation && m.End <= suchAs && !m.Nested)
                    {
                        baseModel = m;
                        break;
                    }
                }

                baseModel ??= NearestBefore(ctx, ms, foundation, NodeLabel.Model);
                if (baseModel is not null)
                {
                    foreach (var listed in ms)
                    {
                        if (listed.Start <= suchAs || listed.Nested || listed == baseModel)
                        {
                            continue;
                        }

                        Add(ctx.EntityOf(listed), ctx.EntityOf(baseModel), "fine-tuned", s, Math.Min(foundation, baseModel.Start), listed.End, "lineage.foundation-for", 0.6);
                    }
                }
            }

            var reverseDone = false;
            foreach (var r in reverse)
            {
                var cue = ReverseLineage[r];
                var at = ctx.FindPhrase(cue, ss, se);
                if (at < 0 || (cue.Text == "into" && !ctx.HasAny(DistillWords, ss, at)))
                {
                    continue; // "into" is a lineage cue only after "distill": "we distill X into Y"
                }

                var parent = NearestBefore(ctx, ms, at, NodeLabel.Model);
                var child = FirstAfter(ctx, ms, at + cue.Length, NodeLabel.Model, 60, false);
                if (parent is not null && child is not null)
                {
                    var kind = cue.Text == "distilled into" ? "distilled" : ctx.HasAny(DistillationWords, ss, at) ? "distilled" : "fine-tuned";
                    Add(ctx.EntityOf(child), ctx.EntityOf(parent), kind, s, parent.Start, child.End, ReverseLineageRule(kind), 0.7);
                    reverseDone = true;
                }

                break;
            }

            if (reverseDone)
            {
                continue;
            }

            foreach (var f in forward)
            {
                var (cue, kind0) = ForwardLineage[f];
                var at = ss;
                while ((at = ctx.FindPhrase(cue, at, se)) >= 0)
                {
                    var kind = kind0;
                    var dataFrom = kind == "data-from";
                    if (dataFrom && !ctx.HasAny(DataWords, ss, se))
                    {
                        at += cue.Length;
                        continue;
                    }

                    var parent = FirstAfter(ctx, ms, at + cue.Length, NodeLabel.Model, dataFrom ? 40 : 60, !dataFrom);
                    if (parent is not null && cue.Text is "built on" or "built upon" or "based on" or "on top of" && ContinuesPretraining(ctx, ss, se))
                    {
                        kind = "continued-pretraining"; // "built upon X and continues pretrained on a corpus"
                    }

                    if (parent is not null && cue.Text is "starting from" or "trained from" or "warm-started from" && parent.Start - (at + cue.Length) > 5)
                    {
                        parent = null; // "trained from scratch, unlike X": the model must follow the cue directly
                    }

                    if (parent is not null && Array.IndexOf(NeutralLineage, cue.Text) >= 0)
                    {
                        kind = ctx.HasAny(RlWords, ss, se) ? "rl-trained"
                            : ctx.HasAny(DistillWordsNoS, ss, se) ? "distilled" : kind;
                    }

                    if (parent is not null)
                    {
                        // "Starting from X, Y is trained ...": the child follows the opening clause.
                        var lead = at - ss <= 2 ? FirstModelAfter(ms, parent.End) : null;
                        if (lead is not null && ctx.Text[parent.End..lead.Start].Trim() != ",")
                        {
                            lead = null; // only "Starting from X, Y ...", not "Based on our evaluation, X answered ... whereas Y"
                        }

                        var child = lead is not null ? ctx.EntityOf(lead) : Child(ctx, ms, at, parent);
                        if (child is not null && !Extends(parent.Name, child.Name))
                        {
                            Add(child, ctx.EntityOf(parent), kind, s, Math.Min(at, parent.Start), parent.End, LineageRule(kind), dataFrom ? 0.6 : 0.75);
                        }
                    }

                    at += cue.Length;
                }
            }

            // "synthetically generated textbooks and exercises with GPT-3.5": data made by a model.
            for (var at = ctx.FindPhrase(Generated, ss, se); at >= 0; at = ctx.FindPhrase(Generated, at + 9, se))
            {
                var clauseEnd = ctx.Lower.IndexOfAny(ClauseEndChars, at);
                var limit = Math.Min(clauseEnd < 0 || clauseEnd > se ? se : clauseEnd, at + 70);
                foreach (var prep in GeneratedPrepositions)
                {
                    var p = ctx.Lower.IndexOf(prep, at, Math.Max(0, limit - at), StringComparison.Ordinal);
                    var parent = p < 0 ? null : FirstNotNestedAt(ms, p + prep.Length);
                    var child = parent is null ? null : Child(ctx, ms, at, parent);
                    if (parent is not null && child is not null)
                    {
                        Add(child, ctx.EntityOf(parent), "data-from", s, at, parent.End, "lineage.generated-with", 0.6);
                        break;
                    }
                }
            }

            // "Llama Guard, a Llama2-7b model that is instruction-tuned on our data": an appositive naming the base model.
            foreach (var m in ms)
            {
                var rest = ctx.Lower.AsSpan(m.End, se - m.End);
                var skip = rest.StartsWith(", a ", StringComparison.Ordinal) ? 4 : rest.StartsWith(", an ", StringComparison.Ordinal) ? 5 : -1;
                var baseModel = skip < 0 ? null : FirstStartingAt(ms, m.End + skip);
                if (baseModel is null)
                {
                    continue;
                }

                var tail = ctx.Lower.AsSpan(baseModel.End, Math.Min(40, se - baseModel.End));
                if (tail.StartsWith(" model", StringComparison.Ordinal) && (tail.Contains("tuned", StringComparison.Ordinal) || tail.Contains("trained on", StringComparison.Ordinal)))
                {
                    Add(ctx.EntityOf(m), ctx.EntityOf(baseModel), "fine-tuned", s, m.Start, baseModel.End + 6, "lineage.appositive-base", 0.7);
                }
            }

            // "The flagship model, Qwen2-72B, ... The instruction-tuned variant, Qwen2-72B-Instruct": the tuned variant
            // named right after its base, whose name it extends.
            foreach (var c in tunedVariant)
            {
                var cue = TunedVariantCueWords[c];
                var at = ctx.FindPhrase(TunedVariantCues[c], ss, se);
                if (at < 0 || !ctx.HasAny(TunedWords, ss, at))
                {
                    continue;
                }

                var tuned = FirstStartingAt(ms, at + cue.Length);
                var baseModel = tuned is null ? null : LastBaseOf(ctx, tuned, s);
                if (tuned is not null && baseModel is not null)
                {
                    Add(ctx.EntityOf(tuned), ctx.EntityOf(baseModel), "fine-tuned", s, at, tuned.End, "lineage.tuned-variant", 0.7);
                }
            }

            // "RealSafe-R1 as safety-aligned versions of DeepSeek-R1 distilled models".
            foreach (var v in versionOf)
            {
                var cue = VersionOfCues[v];
                var at = ctx.FindPhrase(cue, ss, se);
                if (at < 0)
                {
                    continue;
                }

                var parent = FirstAfter(ctx, ms, at + cue.Length, NodeLabel.Model, 30, false);
                var before = parent is null ? null : NearestBefore(ctx, ms, at, NodeLabel.Model, parent);
                if (parent is null || before is null)
                {
                    continue;
                }

                var tail = ctx.Lower[at..se];
                var kind = tail.Contains("distill", StringComparison.Ordinal) || ctx.Lower[ss..at].Contains("distill", StringComparison.Ordinal) ? "distilled"
                    : tail.Contains("quantiz", StringComparison.Ordinal) ? "quantized" : "fine-tuned";
                Add(ctx.EntityOf(before), ctx.EntityOf(parent), kind, s, before.Start, parent.End, "lineage.version-of", 0.65);
            }

            // Components: "X consists of two components: A and B as the decoder".
            foreach (var c in consistsOf)
            {
                var cue = ConsistsOfCues[c];
                var at = ctx.FindPhrase(cue, ss, se);
                if (at < 0 || !ctx.HasAny(ComponentWords, at, Math.Min(se, at + cue.Length + 30)))
                {
                    continue;
                }

                var whole = NearestBefore(ctx, ms, at, NodeLabel.Model);
                if (whole is null)
                {
                    continue;
                }

                foreach (var part in ms)
                {
                    if (part.Start <= at)
                    {
                        continue;
                    }

                    Add(ctx.EntityOf(whole), ctx.EntityOf(part), "component", s, whole.Start, part.End, "lineage.component", 0.75);
                }
            }

            foreach (var c in components)
            {
                var cue = ComponentCues[c];
                var at = ctx.FindPhrase(cue, ss, se);
                var part = at < 0 ? null : NearestBefore(ctx, ms, at, NodeLabel.Model);
                if (part is null)
                {
                    continue;
                }

                var whole = FirstOtherModelBefore(ms, part);
                var wholeEntity = whole is not null ? ctx.EntityOf(whole) : ctx.PrimaryModel;
                if (wholeEntity is not null)
                {
                    Add(wholeEntity, ctx.EntityOf(part), "component", s, part.Start, at + cue.Length, "lineage.component", 0.7);
                }
            }
        }
    }

    private static readonly string[] GeneratedPrepositions = [" with ", " using ", " from "];

    /// <summary>The last model mention from sentence <paramref name="s"/> - 1 on, ending before <paramref name="tuned"/>, whose name <paramref name="tuned"/> extends.</summary>
    private static Mention? LastBaseOf(PaperContext ctx, Mention tuned, int s)
    {
        var all = ctx.Mentions;
        for (var i = all.Count - 1; i >= 0; i--)
        {
            var m = all[i];
            if (m.Label == NodeLabel.Model && m.End <= tuned.Start && m.Sentence >= s - 1 && IsNameExtension(ctx.EntityOf(tuned), ctx.EntityOf(m)))
            {
                return m;
            }
        }

        return null;
    }

    // Loops instead of lambdas: a lambda that captures a loop variable costs a closure object per iteration of that
    // loop (for every sentence and cue), whether or not the search runs.
    private static Mention? FirstModelAfter(List<Mention> ms, int end)
    {
        foreach (var m in ms)
        {
            if (m.Start > end && !m.Nested && m.Label == NodeLabel.Model)
            {
                return m;
            }
        }

        return null;
    }

    private static Mention? FirstNotNestedAt(List<Mention> ms, int start)
    {
        foreach (var m in ms)
        {
            if (m.Start == start && !m.Nested)
            {
                return m;
            }
        }

        return null;
    }

    private static Mention? FirstOtherModelBefore(List<Mention> ms, Mention part)
    {
        foreach (var m in ms)
        {
            if (m != part && m.Key != part.Key && m.Start < part.Start)
            {
                return m;
            }
        }

        return null;
    }

    /// <summary><c>ms.Find(x => x.Start == start)</c> without a closure per call.</summary>
    private static Mention? FirstStartingAt(List<Mention> ms, int start)
    {
        foreach (var x in ms)
        {
            if (x.Start == start)
            {
                return x;
            }
        }

        return null;
    }

    private static readonly HashSet<string> TunedVariants = new(StringComparer.OrdinalIgnoreCase) { "Chat", "Instruct", "it", "SFT", "DPO", "RLHF" };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> TunedVariantsBySpan = TunedVariants.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>"Qwen2-72B-Instruct" beside "Qwen2-72B": the chat or instruct variant is fine-tuned from its base.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void InstructVariants(PaperContext ctx)
    {
        foreach (var v in EntityList(ctx))
        {
            // Only an introduced variant can be derived (tested first: the name split below is the cost).
            if (v.Label != NodeLabel.Model || v.Role != RelType.Introduces)
            {
                continue;
            }

            // The last word of Split([' ', '-'], RemoveEmptyEntries), without the split.
            var name = v.Name.AsSpan().TrimEnd(" -");
            var last = name[(name.LastIndexOfAny(' ', '-') + 1)..];
            if (last.IsEmpty || !TunedVariantsBySpan.Contains(last))
            {
                continue;
            }

            var baseName = v.Name[..^last.Length].TrimEnd(' ', '-');
            var b = FirstModelNamed(ctx, NameKeys.Of(baseName), v);
            if (b is null || HasDerivedFrom(ctx, v.Name))
            {
                continue;
            }

            var m0 = v.Mentions[0];
            ctx.Relate(RelType.DerivedFrom, v.Ref, b.Ref, m0.Sentence, m0.Start, m0.End, "lineage.instruct-variant", 0.55, Prop("kind", "fine-tuned"));
        }
    }

    private static bool HasDerivedFrom(PaperContext ctx, string fromName)
    {
        foreach (var r in ctx.Relations)
        {
            if (r.Type == RelType.DerivedFrom && r.From.Name == fromName)
            {
                return true;
            }
        }

        return false;
    }

    private static PaperEntity? FirstModelNamed(PaperContext ctx, string key, PaperEntity not)
    {
        foreach (var m in EntityList(ctx))
        {
            if (m.Label == NodeLabel.Model && m != not && m.Key == key)
            {
                return m;
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="longer"/> is <paramref name="name"/> plus a suffix ("Llama 2-Chat" extends "Llama 2").</summary>
    private static bool Extends(string longer, string name) =>
        longer.Length > name.Length + 1 && longer.StartsWith(name, StringComparison.OrdinalIgnoreCase) && longer[name.Length] is ' ' or '-';

    // ---------- techniques ----------

    private static void UseEdge(PaperContext ctx, PaperEntity model, Mention technique, string rule, double confidence) =>
        UseEdge(ctx, model, ctx.EntityOf(technique), technique, rule, confidence);

    /// <summary><see cref="UseEdge(PaperContext, PaperEntity, Mention, string, double)"/> for a caller that holds the technique's entity (<paramref name="t"/>, whose mention <paramref name="technique"/> is).</summary>
    private static void UseEdge(PaperContext ctx, PaperEntity model, PaperEntity t, Mention technique, string rule, double confidence)
    {
        var scratch = Scratch.Current;
        var made = scratch.ModelUses;
        if (!ReferenceEquals(scratch.ModelUsesOf, ctx))
        {
            // Model-to-technique USES edges are made here only: collect the existing ones once, then keep the set.
            made.Clear();
            scratch.ModelUsesOf = ctx;
            foreach (var r in ctx.Relations)
            {
                if (r.Type == RelType.Uses && r.From.Label == NodeLabel.Model)
                {
                    made.Add(NameKeys.Of(r.From.Name), NameKeys.Of(r.To.Name));
                }
            }
        }

        if (!made.Add(model.Key, t.Key))
        {
            return;
        }

        ctx.Relate(RelType.Uses, model.Ref, t.Ref, technique.Sentence, technique.Start, technique.End, rule, confidence);
    }

    // A model-use edge to a technique mention, whose technique then counts as attached to a model.
    private static void UseAndAttach(PaperContext ctx, PaperEntity model, Mention technique, string rule, double confidence, List<PaperEntity> attached)
    {
        var te = ctx.EntityOf(technique);
        UseEdge(ctx, model, te, technique, rule, confidence);
        AddOnce(attached, te);
    }

    private static void AddOnce(List<PaperEntity> list, PaperEntity e)
    {
        if (!list.Contains(e))
        {
            list.Add(e);
        }
    }

    private static bool HasModelUse(PaperContext ctx, PaperEntity technique)
    {
        var key = technique.Key;

        // Once UseEdge has run for this paper its pair set holds every model-to-technique USES relation made.
        var scratch = Scratch.Current;
        if (ReferenceEquals(scratch.ModelUsesOf, ctx))
        {
            return scratch.ModelUses.ContainsSecond(key);
        }

        foreach (var r in ctx.Relations)
        {
            if (r.Type == RelType.Uses && r.From.Label == NodeLabel.Model && NameKeys.Of(r.To.Name) == key)
            {
                return true;
            }
        }

        return false;
    }

    private static bool EndsWithObjectMarker(ReadOnlySpan<char> before)
    {
        foreach (var o in ObjectMarkers)
        {
            if (before.EndsWith(o, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] ListedModelCues = [" variants: ", " variants, ", " variant: ", " models: ", " models, such as ", " models such as "];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ModelUses(PaperContext ctx)
    {
        // The present cues are listed at the first sentence with a model and a technique.
        Span<int> verbs = stackalloc int[ModelUseVerbs.Length];
        Span<int> innovations = stackalloc int[InnovationCues.Length];
        var presentKnown = false;
        // A handful of entities: a list searched by reference is cheaper than hashing them.
        var attached = Scratch.Current.Entities;
        attached.Clear();
        foreach (var r in ctx.Relations)
        {
            if (r.Type == RelType.Uses)
            {
                AddOnce(attached, ctx.Entities[(NodeLabel.Technique, NameKeys.Of(r.To.Name))]);
            }
        }

        for (var s = 0; s < ctx.Sentences.Count; s++)
        {
            var (ss, se) = ctx.Sentences[s];
            var models = Sent(ctx, s, NodeLabel.Model);
            var techniques = Sent(ctx, s, NodeLabel.Technique);
            if (models.Count == 0 || techniques.Count == 0)
            {
                continue;
            }

            if (!presentKnown)
            {
                presentKnown = true;
                verbs = Present(ctx, ModelUseVerbs, verbs);
                innovations = Present(ctx, InnovationCues, innovations);
            }

            // (a) "M adopts T and T'"; (e) "M solves ... using T".
            foreach (var v in verbs)
            {
                var verb = ModelUseVerbs[v];
                var at = ctx.FindPhrase(verb, ss, se);
                if (at < 0)
                {
                    continue;
                }

                var subject = NearestBefore(ctx, models, at, NodeLabel.Model);
                if (subject is null || ctx.Lower.AsSpan()[subject.End..at].IndexOfAny('.', ';') >= 0
                    || EndsWithObjectMarker(ctx.Lower.AsSpan()[Math.Max(ss, subject.Start - 16)..subject.Start]))
                {
                    continue;
                }

                var stop = se;
                foreach (var m in models)
                {
                    if (m.Start > at)
                    {
                        stop = m.Start;
                        break;
                    }
                }

                foreach (var t in techniques)
                {
                    if (t.Start > at && t.Start < stop)
                    {
                        UseAndAttach(ctx, ctx.EntityOf(subject), t, "uses.model-adopts", 0.75, attached);
                    }
                }
            }

            // (b) appositive "M, a strong Mixture-of-Experts (MoE) language model"; in a title "M: ... T ... Model".
            foreach (var m in models)
            {
                var rest = ctx.Text.AsSpan(m.End);
                var appositive = rest.StartsWith(", a ", StringComparison.Ordinal) || rest.StartsWith(", an ", StringComparison.Ordinal)
                                 || (s == 0 && m.Start == 0 && rest.StartsWith(": ", StringComparison.Ordinal));
                if (!appositive)
                {
                    continue;
                }

                var clauseEnd = s == 0 ? se : ctx.Text.IndexOf(',', m.End + 2) is var c && c > 0 && c < se ? c : se;
                foreach (var t in techniques)
                {
                    if (t.Start <= m.End || t.End > clauseEnd)
                    {
                        continue;
                    }

                    var tail = ctx.Lower.AsSpan(t.End, Math.Min(45, clauseEnd - t.End));
                    if (tail.Contains("model", StringComparison.Ordinal))
                    {
                        UseAndAttach(ctx, ctx.EntityOf(m), t, "uses.model-appositive", 0.7, attached);
                    }
                }
            }

            // (g) "the M architecture ..., highlighting key innovations such as T, T'".
            foreach (var c in innovations)
            {
                var cue = InnovationCues[c];
                var at = ctx.FindPhrase(cue, ss, se);
                if (at < 0 || cue.Text == "including" && !ctx.HasAny(ArchitectureWords, ss, at))
                {
                    continue;
                }

                foreach (var m in models)
                {
                    if (m.End > at)
                    {
                        continue;
                    }

                    foreach (var t in techniques)
                    {
                        if (t.Start > at)
                        {
                            UseAndAttach(ctx, ctx.EntityOf(m), t, "uses.model-innovations", 0.6, attached);
                        }
                    }
                }

                break;
            }

            // (i) "two mixture-of-experts (MoE) variants: A and B", "T models such as A, B": each listed model is a T model.
            foreach (var t in techniques)
            {
                var window = ctx.Lower.AsSpan()[t.End..Math.Min(se, t.End + 40)];
                var rest = window;
                if (rest.Length > 0 && rest[0] == ')')
                {
                    rest = rest[1..];
                }

                if (rest.StartsWith(" (", StringComparison.Ordinal) && rest.IndexOf(')') is var close && close > 0)
                {
                    rest = rest[(close + 1)..];
                }

                string? cue = null;
                foreach (var c in ListedModelCues)
                {
                    if (rest.StartsWith(c, StringComparison.Ordinal))
                    {
                        cue = c;
                        break;
                    }
                }

                if (cue is null)
                {
                    continue;
                }

                var at = t.End + (window.Length - rest.Length) + cue.Length;
                var k = -1;
                for (var i = 0; i < models.Count; i++)
                {
                    if (models[i].Start == at)
                    {
                        k = i;
                        break;
                    }
                }

                while (k >= 0 && k < models.Count)
                {
                    UseAndAttach(ctx, ctx.EntityOf(models[k]), t, "uses.listed-variants", 0.65, attached);
                    k = k + 1 < models.Count && IsListGap(ctx.Lower.AsSpan()[models[k].End..models[k + 1].Start]) ? k + 1 : -1;
                }
            }

            // (h) "T as the primary approach for ... in M".
            foreach (var t in techniques)
            {
                var rest = ctx.Lower.AsSpan(t.End, Math.Min(40, se - t.End));
                if (!rest.StartsWith(" as the", StringComparison.Ordinal) || !(rest.Contains("approach", StringComparison.Ordinal) || rest.Contains("method", StringComparison.Ordinal)))
                {
                    continue;
                }

                Mention? m = null;
                foreach (var x in models)
                {
                    if (x.Start > t.End)
                    {
                        m = x;
                        break;
                    }
                }

                if (m is not null && ctx.Lower.AsSpan()[t.End..m.Start].Contains(" in ", StringComparison.Ordinal))
                {
                    UseEdge(ctx, ctx.EntityOf(m), t, "uses.approach-in-model", 0.55);
                }
            }
        }

        // (f) a model named after an architecture plus a size uses it ("DeepSeekMoE 16B", "GShard 2.9B").
        foreach (var model in EntityList(ctx))
        {
            // Only a model with a size can be named after an architecture: the others need no pass over the entities.
            if (model.Label != NodeLabel.Model || ModelOf(model)?.Parameters is null)
            {
                continue;
            }

            foreach (var t in EntityList(ctx))
            {
                if (t.Label == NodeLabel.Technique && StartsWithWord(model.Name, t.Name, ' '))
                {
                    UseEdge(ctx, model, t, t.Mentions[0], "uses.model-named-after-architecture", 0.7);
                }
            }
        }

        // (c) the paper's own model uses what the paper uses.
        if (ctx.PrimaryModel is { } primary && ctx.PrimaryByCue)
        {
            foreach (var t in EntityList(ctx))
            {
                if (t.Label == NodeLabel.Technique && t.Role is RelType.Uses or RelType.Introduces && !attached.Contains(t) && !HasModelUse(ctx, t))
                {
                    UseEdge(ctx, primary, t, t.RoleEvidence ?? t.Mentions[0], "uses.paper-model", 0.55);
                }
            }
        }
    }

    private static readonly string[] VariantCues = [", a variant of ", ", an extension of ", ", a modification of ", ", a generalization of ", " is a variant of ", ", an improved ", ", a method that extends ", " extends ", ", a "];

    private static readonly string[] ItsVariantsCues = [" and its variants such as ", " and its variants like ", " and its variants, such as ", " and its variants including ", " architectures like ", " architectures such as ", " methods such as ", " variants such as ", " variants like "];

    // The distinct two-character starts of each cue list (", ", " i", " e" and " a", " m", " v").
    private static readonly string[] VariantCueStarts = [.. VariantCues.Select(c => c[..2]).Distinct()];

    private static readonly string[] ItsVariantsCueStarts = [.. ItsVariantsCues.Select(c => c[..2]).Distinct()];

    /// <summary>True when <paramref name="text"/> starts with one of <paramref name="starts"/> (two characters each).</summary>
    private static bool StartsLikeAny(ReadOnlySpan<char> text, string[] starts)
    {
        if (text.Length < 2)
        {
            return false;
        }

        foreach (var start in starts)
        {
            if (text[0] == start[0] && text[1] == start[1])
            {
                return true;
            }
        }

        return false;
    }

    private static readonly char[] ClauseEndChars = [',', ';', '.', '('];

    private static bool HasVariantOf(PaperContext ctx, PaperEntity child, PaperEntity parent)
    {
        var childKey = child.Key;
        var parentKey = parent.Key;
        foreach (var r in ctx.Relations)
        {
            if (r.Type == RelType.VariantOf && NameKeys.Of(r.From.Name) == childKey && NameKeys.Of(r.To.Name) == parentKey)
            {
                return true;
            }
        }

        return false;
    }

    private static bool DefinedHere(PaperEntity e)
    {
        foreach (var m in e.Mentions)
        {
            if (m.Rule == "acronym.definition")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A technique not defined here can be the child of a name-containment pair only when it is introduced, in the
    /// title, or a lower-case hyphenated name ("partial-RoPE"): each test of the pair needs one of these.
    /// </summary>
    private static bool MayBeNamedVariant(PaperEntity c) =>
        c.Role == RelType.Introduces || c.InTitle || (c.Name.Length > 2 && char.IsLower(c.Name[0]) && c.Name.Contains('-', StringComparison.Ordinal));

    private static readonly string[] PurposeCues = [" approach for ", " method for ", " technique for ", " algorithm for ", " scheme for "];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<PaperEntity> Variants(PaperContext ctx)
    {
        var parents = Scratch.Current.VariantParents;
        parents.Clear();
        void Add(Mention child, Mention parent, string rule, double conf)
        {
            var c = ctx.EntityOf(child);
            var p = ctx.EntityOf(parent);
            if (c == p || HasVariantOf(ctx, c, p))
            {
                return;
            }

            ctx.Relate(RelType.VariantOf, c.Ref, p.Ref, child.Sentence, Math.Min(child.Start, parent.Start), Math.Max(child.End, parent.End), rule, conf);
            AddOnce(parents, p);
        }

        var ts = Scratch.Current.Objects;
        for (var s = 0; s < ctx.Sentences.Count; s++)
        {
            var (ss, se) = ctx.Sentences[s];
            ts.Clear();
            foreach (var t in Sent(ctx, s, NodeLabel.Technique))
            {
                if (!t.Nested || t.Term is not null)
                {
                    ts.Add(t);
                }
            }

            for (var i = 0; i < ts.Count; i++)
            {
                var x = ts[i];
                var rest = ctx.Lower.AsSpan()[x.End..se];

                // "X, a variant of Y", "X, a method that extends the Y architecture", "X, a dynamic 3-bit Y method".
                // Most techniques are followed by none of the cues: their first two characters tell without comparing each.
                foreach (var cue in StartsLikeAny(rest, VariantCueStarts) ? VariantCues : [])
                {
                    if (!rest.StartsWith(cue, StringComparison.Ordinal))
                    {
                        continue;
                    }

                    Mention? y = null;
                    for (var j = i + 1; j < ts.Count; j++)
                    {
                        if (!ts[j].Nested)
                        {
                            y = ts[j];
                            break;
                        }
                    }

                    if (y is null)
                    {
                        break;
                    }

                    var between = ctx.Lower.AsSpan()[(x.End + cue.Length)..y.Start];
                    if (cue == ", a " && between.Length <= 60 && !between.Contains(',')
                        && (between.Contains("approach for", StringComparison.Ordinal) || between.Contains("method for", StringComparison.Ordinal) || between.Contains("technique for", StringComparison.Ordinal)))
                    {
                        Add(x, y, "variant.approach-for", 0.65);
                        break;
                    }

                    if (cue == ", a ")
                    {
                        // Appositive head: "DQ3_K_M, a dynamic 3-bit quantization method".
                        var after = ctx.Lower.AsSpan(y.End, Math.Min(12, se - y.End)).TrimStart();
                        if (between.Length > 25 || between.Contains(',') || !(after.StartsWith("method") || after.StartsWith("technique") || after.StartsWith("approach") || after.StartsWith("variant") || after.StartsWith("algorithm")))
                        {
                            break;
                        }
                    }
                    else if (between.Length > 20 || between.Contains(','))
                    {
                        break;
                    }

                    Add(x, y, "variant.cue", 0.8);
                    break;
                }

                // "AWQ, a hardware-friendly approach for low-bit weight-only quantization": the purpose of an appositive
                // approach/method is the technique it is a kind of, when it closes the clause.
                var appositive = rest.StartsWith(" (", StringComparison.Ordinal) && rest.IndexOf(')') is var close && close > 0 && close < 16
                    ? rest[(close + 1)..] : rest;
                if (appositive.StartsWith(", a ", StringComparison.Ordinal) || appositive.StartsWith(", an ", StringComparison.Ordinal))
                {
                    var from = se - appositive.Length;
                    var clauseEnd = ctx.Lower.IndexOfAny(ClauseEndChars, from + 2) is var ce && ce > 0 && ce < se ? ce : se;
                    var head = ctx.Lower.AsSpan()[from..clauseEnd];
                    var forAt = -1;
                    foreach (var c in PurposeCues)
                    {
                        var k = head.IndexOf(c, StringComparison.Ordinal);
                        if (k >= 0 && (forAt < 0 || k < forAt))
                        {
                            forAt = k;
                        }
                    }

                    Mention? y = null;
                    for (var j = ts.Count - 1; forAt >= 0 && j >= 0; j--)
                    {
                        var t = ts[j];
                        if (!t.Nested && t.Start > from + forAt && t.End <= clauseEnd)
                        {
                            y = t;
                            break;
                        }
                    }

                    if (y is not null && forAt <= 50 && ctx.Lower.AsSpan()[y.End..clauseEnd].Trim().IsEmpty)
                    {
                        Add(x, y, "variant.approach-for", 0.7);
                    }
                }

                // "Y and its variants such as X", "Y architectures like X".
                foreach (var cue in StartsLikeAny(rest, ItsVariantsCueStarts) ? ItsVariantsCues : [])
                {
                    if (!rest.StartsWith(cue, StringComparison.Ordinal))
                    {
                        continue;
                    }

                    Mention? y = null;
                    for (var j = i + 1; j < ts.Count; j++)
                    {
                        if (!ts[j].Nested && ts[j].Start - x.End - cue.Length <= 4)
                        {
                            y = ts[j];
                            break;
                        }
                    }

                    if (y is not null)
                    {
                        Add(y, x, "variant.its-variants", 0.75);
                    }
                }
            }
        }

        // Name containment: a newly defined term whose expansion contains another's name, or a coined name ending with
        // another's acronym ("DeepSeekMoE", "DQ3_K_M"), or a modifier prefix ("partial-RoPE").
        var techs = Scratch.Current.Entities;
        techs.Clear();
        foreach (var e in EntityList(ctx))
        {
            if (e.Label == NodeLabel.Technique)
            {
                techs.Add(e);
            }
        }

        if (techs.Count < 2)
        {
            return parents;
        }

        // Per technique, once: lower-cased name, whether it was defined here, its acronym (was computed per pair).
        var lowerNames = Scratch.Current.Names;
        var definedHere = Scratch.Current.Flags;
        var acronyms = Scratch.Current.Acronyms;
        lowerNames.Clear();
        definedHere.Clear();
        acronyms.Clear();
        var anyDefined = false;
        var anyChild = false;
        foreach (var e in techs)
        {
            var defined = DefinedHere(e);
            anyDefined |= defined;
            anyChild |= defined || MayBeNamedVariant(e);
            definedHere.Add(defined);
        }

        // No technique can be a child: no pair can pass, and the acronyms are not looked up.
        if (!anyChild)
        {
            return parents;
        }

        foreach (var e in techs)
        {
            acronyms.Add(e.Properties.GetValueOrDefault("acronym") as string ?? (e.Name.Length <= 8 ? e.Name : null));
        }

        // The lower-cased names serve only a technique defined here: without one they are not made.
        if (anyDefined)
        {
            foreach (var e in techs)
            {
                lowerNames.Add(LowerPooled(e.Name));
            }
        }

        for (var ci = 0; ci < techs.Count; ci++)
        {
            // Each test below needs one of these of the child: most techniques pass none and skip the pairs.
            var c = techs[ci];
            if (!definedHere[ci] && !MayBeNamedVariant(c))
            {
                continue;
            }

            for (var pi = 0; pi < techs.Count; pi++)
            {
                var p = techs[pi];
                if (c == p)
                {
                    continue;
                }

                var contains = definedHere[ci] && lowerNames[pi].Contains(' ', StringComparison.Ordinal) && lowerNames[ci].Contains(lowerNames[pi], StringComparison.Ordinal);
                var acronym = acronyms[pi];
                var suffix = acronym is not null && (c.Role == RelType.Introduces || c.InTitle) && c.Name.Length > acronym.Length + 1
                             && c.Name.EndsWith(acronym, StringComparison.Ordinal) && !char.IsWhiteSpace(c.Name[^(acronym.Length + 1)]);
                var prefix = acronym is not null && c.Name.Length > acronym.Length && c.Name[^(acronym.Length + 1)] == '-' && c.Name.EndsWith(acronym, StringComparison.Ordinal)
                             && c.Name.Length > acronym.Length + 2 && char.IsLower(c.Name[0]);
                if (contains || suffix || prefix)
                {
                    Add(c.Mentions[0], p.Mentions[0], "variant.name-contains", 0.55);
                }
            }
        }

        return parents;
    }

    // ---------- successors, comparisons, developers ----------

    /// <summary>
    /// <c>name.ToLowerInvariant()</c>, from the thread's string pool when it differs from the name: technique names
    /// recur paper after paper, and a fresh lower-cased copy of each was most of what the variant rule allocated.
    /// </summary>
    internal static string LowerPooled(string name)
    {
        if (name.Length > 128)
        {
            return name.ToLowerInvariant();
        }

        Span<char> lower = stackalloc char[name.Length];
        name.AsSpan().ToLowerInvariant(lower);
        return lower.SequenceEqual(name) ? name : StringPool.Current.Get(lower);
    }

    private static bool SameLine(ModelParse a, ModelParse b)
    {
        if (a.Line == b.Line)
        {
            return true;
        }

        var la = LineHead(a.Line);
        var lb = LineHead(b.Line);
        return la.SequenceEqual(lb) && (a.Version is null || b.Version is null || !a.Line.Contains('|', StringComparison.Ordinal) || !b.Line.Contains('|', StringComparison.Ordinal));
    }

    /// <summary><c>line.Split('|')[0]</c> without the split.</summary>
    private static ReadOnlySpan<char> LineHead(string line)
    {
        var bar = line.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? line : line.AsSpan(0, bar);
    }

    /// <summary><see cref="ModelParse.VersionNumber"/> without its LINQ and string: the first run of digits and dots of the version.</summary>
    private static double VersionOf(ModelParse p)
    {
        if (p.Version is null)
        {
            return 0;
        }

        var v = p.Version.AsSpan();
        var i = 0;
        while (i < v.Length && !char.IsDigit(v[i]))
        {
            i++;
        }

        var j = i;
        while (j < v.Length && (char.IsDigit(v[j]) || v[j] == '.'))
        {
            j++;
        }

        return double.TryParse(v[i..j], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Successors(PaperContext ctx)
    {
        var seen = Scratch.Current.Successions;
        seen.Clear();
        void Add(PaperEntity child, PaperEntity parent, int s, int start, int end, string rule, double conf)
        {
            if (child == parent || !seen.Add(child.Key, parent.Key))
            {
                return;
            }

            ctx.Relate(RelType.Succeeds, child.Ref, parent.Ref, s, start, end, rule, conf);
        }

        Span<int> improves = stackalloc int[ImprovesCues.Length];
        var improvesKnown = false; // listed at the first sentence with a model
        for (var s = 1; s < ctx.Sentences.Count; s++)
        {
            var (ss, se) = ctx.Sentences[s];
            var ms = Sent(ctx, s, NodeLabel.Model);
            if (ms.Count == 0)
            {
                continue; // both cues need a model after them
            }

            if (!improvesKnown)
            {
                improvesKnown = true;
                improves = Present(ctx, ImprovesCues, improves);
            }

            var at = ctx.FindPhrase(Predecessor, ss, se);
            if (at >= 0)
            {
                var parent = FirstAfter(ctx, ms, at + "predecessor".Length, NodeLabel.Model, 30, false);
                if (parent is not null)
                {
                    var child = NearestBefore(ctx, ms, at, NodeLabel.Model, parent) is { } c ? ctx.EntityOf(c) : ctx.PrimaryModel;
                    if (child is not null)
                    {
                        Add(child, ctx.EntityOf(parent), s, Math.Min(at, parent.Start), parent.End, "succession.predecessor", 0.85);
                    }
                }
            }

            foreach (var c in improves)
            {
                var cue = ImprovesCues[c];
                var cat = ctx.FindPhrase(cue, ss, se);
                if (cat < 0)
                {
                    continue;
                }

                Mention? parent = null;
                foreach (var m in ms)
                {
                    if (m.Start > cat && m.Start - cat < 60)
                    {
                        parent = m;
                        break;
                    }
                }

                var child = parent is null ? null : NearestBefore(ctx, ms, cat, NodeLabel.Model, parent);
                if (parent?.Model is { } pp && child?.Model is { } cp && SameLine(cp, pp) && VersionOf(cp) > VersionOf(pp))
                {
                    Add(ctx.EntityOf(child), ctx.EntityOf(parent), s, child.Start, parent.End, "succession.improves-on", 0.8);
                }
            }
        }

        // Version order within one line: an introduced model succeeds older versions of its line named in the paper.
        foreach (var child in ctx.IntroducedModels)
        {
            if (ModelOf(child) is not { Version: not null } cp || cp.Variant is not null && cp.Line.Split('|')[0].EndsWith(cp.Variant.Replace(' ', '-'), StringComparison.Ordinal) && !cp.Line.StartsWith(cp.Stem + "-" + cp.Variant.Split(' ')[0], StringComparison.Ordinal))
            {
                continue;
            }

            var childVersion = VersionOf(cp);
            foreach (var parent in EntityList(ctx))
            {
                if (parent.Label != NodeLabel.Model || parent == child || parent.Role == RelType.Introduces)
                {
                    continue;
                }

                // The plain comparisons first: the line and the version parse only for a parent that passes them.
                if (ModelOf(parent) is { } pp && pp.Variant == cp.Variant && (cp.Parameters is null || cp.Parameters == pp.Parameters)
                    && SameLine(cp, pp) && VersionOf(pp) < childVersion)
                {
                    var m = parent.Mentions[0];
                    Add(child, parent, m.Sentence, m.Start, m.End, "succession.version-order", 0.5);
                }
            }
        }
    }

    private static readonly (Cue Cue, string Outcome)[] ComparisonCues = Table(
    [
        ("outperforms", "outperforms"), ("outperform", "outperforms"), ("surpasses", "outperforms"), ("surpassing", "outperforms"),
        ("exceeds", "outperforms"), ("beats", "outperforms"), ("better than", "outperforms"), ("superior performance compared to", "outperforms"),
        ("stronger than", "outperforms"), ("comparable to", "comparable"), ("comparable with", "comparable"), ("on par with", "comparable"),
        ("rivals", "comparable"), ("competitive with", "comparable"), ("approaching the performance", "comparable"), ("matches", "comparable"),
        ("underperforms", "underperforms"), ("lags behind", "underperforms"), ("falls short", "underperforms"), ("inferior to", "underperforms"),
        ("compared to", "unknown"), ("compared with", "unknown"), ("versus", "unknown"), ("vs", "unknown"),
    ]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Comparisons(PaperContext ctx)
    {
        Span<int> present = stackalloc int[ComparisonCues.Length];
        var presentKnown = false; // listed at the first sentence with two models
        var seen = Scratch.Current.Comparisons;
        seen.Clear();
        var objects = Scratch.Current.Objects;
        for (var s = 0; s < ctx.Sentences.Count; s++)
        {
            var (ss, se) = ctx.Sentences[s];
            var ms = Sent(ctx, s, NodeLabel.Model);
            if (ms.Count < 2)
            {
                continue;
            }

            if (!presentKnown)
            {
                presentKnown = true;
                present = Present(ctx, ComparisonCues, present);
            }

            foreach (var c in present)
            {
                var (cue, outcome) = ComparisonCues[c];
                var at = ctx.FindPhrase(cue, ss, se);
                if (at < 0)
                {
                    continue;
                }

                var subject = NearestBefore(ctx, ms, at, NodeLabel.Model);
                objects.Clear();
                foreach (var m in ms)
                {
                    if (m.Start > at && m.Start - at < 120)
                    {
                        objects.Add(m);
                    }
                }

                if (subject is null && cue.Text.StartsWith("compared", StringComparison.Ordinal) && objects.Count >= 2)
                {
                    // "Compared with X, Y achieves stronger performance".
                    subject = objects[1];
                    objects.RemoveRange(1, objects.Count - 1);
                }

                if (subject is null)
                {
                    continue;
                }

                var o = outcome;
                if (o == "unknown" && ctx.HasAny(BetterWords, ss, se))
                {
                    o = "outperforms";
                }

                foreach (var obj in objects)
                {
                    var a = ctx.EntityOf(subject);
                    var b = ctx.EntityOf(obj);
                    if (a == b || !seen.Add(a.Key, b.Key))
                    {
                        continue;
                    }

                    ctx.Relate(RelType.ComparedWith, a.Ref, b.Ref, s, Math.Min(subject.Start, obj.Start), Math.Max(subject.End, obj.End), CompareRule(o), 0.6, Prop("outcome", o));
                }

                break;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DevelopedBy(PaperContext ctx)
    {
        var seen = Scratch.Current.Developers;
        seen.Clear();
        void Add(PaperEntity model, PaperEntity org, int s, int start, int end, string rule, double conf)
        {
            if (seen.Add(model.Key, org.Key))
            {
                ctx.Relate(RelType.DevelopedBy, model.Ref, org.Ref, s, start, end, rule, conf);
            }
        }

        Span<char> gapBuffer = stackalloc char[64];
        for (var i = 0; i + 1 < ctx.Mentions.Count; i++)
        {
            var org = ctx.Mentions[i];
            if (org.Label != NodeLabel.Organization)
            {
                continue;
            }

            // "OpenAI's o3-mini", "OpenAI o3-mini".
            Mention? next = null;
            for (var j = i + 1; j < ctx.Mentions.Count; j++)
            {
                if (ctx.Mentions[j].Label == NodeLabel.Model && ctx.Mentions[j].Start >= org.End)
                {
                    next = ctx.Mentions[j];
                    break;
                }
            }

            if (next is null)
            {
                continue;
            }

            var gap = ctx.Text.AsSpan()[org.End..next.Start];
            if (gap is "'s " or "\u2019s " or " ")
            {
                Add(ctx.EntityOf(next), ctx.EntityOf(org), org.Sentence, org.Start, next.End, "dev.org-possessive", 0.85);
            }
            else if (next.Sentence == org.Sentence && next.Start - org.End < 60)
            {
                var g = gapBuffer[..gap.Length]; // the gap is under 60 characters here
                gap.ToLowerInvariant(g);
                if (g.Contains("released", StringComparison.Ordinal) || g.Contains("introduced", StringComparison.Ordinal) || g.Contains("launched", StringComparison.Ordinal) || g.Contains("developed", StringComparison.Ordinal))
                {
                    Add(ctx.EntityOf(next), ctx.EntityOf(org), org.Sentence, org.Start, next.End, "dev.org-released", 0.75);
                }
            }
        }

        // "M developed/proposed/released by Org".
        foreach (var org in ctx.Mentions)
        {
            if (org.Label != NodeLabel.Organization)
            {
                continue;
            }

            var before = ctx.Lower.AsSpan()[Math.Max(ctx.Sentences[org.Sentence].Start, org.Start - 40)..org.Start];
            if (!(before.EndsWith("by ", StringComparison.Ordinal) && (before.Contains("developed", StringComparison.Ordinal) || before.Contains("released", StringComparison.Ordinal) || before.Contains("proposed", StringComparison.Ordinal) || before.Contains("open-sourced", StringComparison.Ordinal))))
            {
                continue;
            }

            var model = NearestBefore(ctx, Sent(ctx, org.Sentence), org.Start, NodeLabel.Model);
            if (model is not null && org.Start - model.End < 60)
            {
                Add(ctx.EntityOf(model), ctx.EntityOf(org), org.Sentence, model.Start, org.End, "dev.by-org", 0.75);
            }
        }

        // The family vocabulary: Llama -> Meta, Qwen -> Alibaba...
        // Organisations are added to the entities inside the loop: the models are listed first (it is a snapshot).
        var models = Scratch.Current.Entities;
        models.Clear();
        foreach (var e in EntityList(ctx))
        {
            if (e.Label == NodeLabel.Model && ModelOf(e)?.Family?.Organization is not null)
            {
                models.Add(e);
            }
        }

        foreach (var model in models)
        {
            var orgName = ModelOf(model)!.Family!.Organization!;

            var key = (NodeLabel.Organization, NameKeys.Of(orgName));
            if (!ctx.Entities.TryGetValue(key, out var org))
            {
                org = new PaperEntity { Label = NodeLabel.Organization, Name = orgName, FoundInText = false };
                org.Aliases.Add(orgName);
                ctx.Entities[key] = org;
                EntitiesChanged();
            }

            var m = model.Mentions[0];
            Add(model, org, m.Sentence, m.Start, m.End, "vocab.family-org", 0.6);
        }
    }

    // ---------- results ----------

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Results(PaperContext ctx)
    {
        PaperEntity? lastResultModel = null;
        var scores = Scratch.Current.Scores;
        for (var s = 1; s < ctx.Sentences.Count; s++)
        {
            var (ss, se) = ctx.Sentences[s];

            // A score starts with a digit: most sentences have none and need no parsing.
            if (!ScoreParser.HasDigit(ctx.Text.AsSpan()[ss..se]))
            {
                continue;
            }

            // Every result names a benchmark of this sentence or (PreviousBenchmark) of the one before: without one
            // in either, no score can become a result or an unresolved mention, and none is parsed.
            if (Sent(ctx, s, NodeLabel.Benchmark).Count == 0 && (s <= 1 || Sent(ctx, s - 1, NodeLabel.Benchmark).Count == 0))
            {
                continue;
            }

            var all = Sent(ctx, s);
            scores.Clear();
            ScoreParser.Scores(ctx.Text, ss, se, scores);
            var kept = 0;
            for (var k = 0; k < scores.Count; k++)
            {
                if (!Covers(all, scores[k]))
                {
                    scores[kept++] = scores[k];
                }
            }

            scores.RemoveRange(kept, scores.Count - kept);

            if (scores.Count == 0)
            {
                continue;
            }

            // Respectively pairs two or more scores; with fewer it pairs nothing.
            var paired = scores.Count >= 2 ? Respectively(ctx, s, all, scores, lastResultModel) : null;
            if (paired is not null)
            {
                foreach (var (score, benchmark, model) in paired)
                {
                    AddResult(ctx, s, score, benchmark, model, "result.respectively");
                    lastResultModel = model;
                }
            }

            foreach (var score in scores)
            {
                if (score.Kind == "listed" || (paired is not null && IsPaired(paired, score)))
                {
                    continue;
                }

                var benchmark = BenchmarkFor(ctx, s, all, score);
                if (benchmark is null)
                {
                    continue;
                }

                var model = ModelFor(ctx, all, score, lastResultModel, ss);
                if (model is null)
                {
                    ctx.Unresolved.Add(new UnresolvedMention(ctx.Text[score.Start..score.End], score.Start, "score with a benchmark but no model it can be attributed to", []));
                    continue;
                }

                lastResultModel = model;
                AddResult(ctx, s, score, benchmark, model, ResultRule(score.Kind));
            }
        }
    }

    // Rule names of a prefix and a kind from a short fixed list: the literal, not a new string per relation.
    private static string ResultRule(string kind) => kind switch
    {
        "percent" => "result.percent",
        "listed" => "result.listed",
        "unitless" => "result.unitless",
        "count-out-of" => "result.count-out-of",
        "count-of" => "result.count-of",
        _ => "result." + kind,
    };

    private static string LineageRule(string kind) => kind switch
    {
        "continued-pretraining" => "lineage.continued-pretraining",
        "fine-tuned" => "lineage.fine-tuned",
        "distilled" => "lineage.distilled",
        "quantized" => "lineage.quantized",
        "merged" => "lineage.merged",
        "rl-trained" => "lineage.rl-trained",
        "data-from" => "lineage.data-from",
        _ => "lineage." + kind,
    };

    private static string ReverseLineageRule(string kind) => kind switch
    {
        "distilled" => "lineage.reverse-distilled",
        "fine-tuned" => "lineage.reverse-fine-tuned",
        _ => "lineage.reverse-" + kind,
    };

    private static string CompareRule(string outcome) => outcome switch
    {
        "outperforms" => "compare.outperforms",
        "comparable" => "compare.comparable",
        "underperforms" => "compare.underperforms",
        "unknown" => "compare.unknown",
        _ => "compare." + outcome,
    };

    private static bool Covers(List<Mention> mentions, ScoreSpan x)
    {
        foreach (var m in mentions)
        {
            if (m.Start <= x.Start && m.End >= x.End)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPaired(List<(ScoreSpan Score, Mention Benchmark, PaperEntity Model)> paired, ScoreSpan score)
    {
        foreach (var p in paired)
        {
            if (p.Score == score)
            {
                return true;
            }
        }

        return false;
    }

    private static void AddResult(PaperContext ctx, int s, ScoreSpan score, Mention benchmark, PaperEntity model, string rule)
    {
        var (ss, se) = ctx.Sentences[s];
        var setting = ScoreParser.Setting(ctx.Lower, ss, se, score);
        var metric = ScoreParser.Metric(ctx.Lower, ss, se, score);
        var b = ctx.EntityOf(benchmark);
        ctx.Relate(RelType.Achieves, model.Ref, b.Ref, s, Math.Min(score.Start, benchmark.Start), Math.Max(score.End, benchmark.End),
            rule, 0.75, RelationProperties.Of("value", Boxed(score.Value), "unit", score.Unit, "metric", metric, "setting", setting));
        SetRole(b, RelType.EvaluatedOn, benchmark, "eval.reported-result", 0.85);
    }

    [ThreadStatic]
    private static (long Bits, object? Box)[]? _boxes;

    /// <summary>
    /// The score as an object, shared with earlier results of the same value on this thread (scores repeat: 7.5, 84.2,
    /// 50): a boxed double is immutable, so one box serves them all instead of one per result.
    /// </summary>
    private static object Boxed(double value)
    {
        // The table keeps each box's bits beside it: a lookup compares them without reading the box, an older object
        // elsewhere in the heap (reading it to compare made Boxed 2-3% of the relation stage's perf samples).
        var boxes = _boxes ??= new (long, object?)[256];
        var bits = BitConverter.DoubleToInt64Bits(value);
        ref var slot = ref boxes[(int)((ulong)(bits * unchecked((long)0x9E3779B97F4A7C15)) >> 56)];
        if (slot.Box is { } shared && slot.Bits == bits)
        {
            return shared;
        }

        object box = value;
        slot = (bits, box);
        return box;
    }

    private static bool IsListGap(ReadOnlySpan<char> gap) => gap is ", " or " and " or ", and " or " & " or ",";

    /// <summary>
    /// "67% and 65% on HumanEval and MBPP, respectively" (scores paired with benchmarks in order) and "A and B ...
    /// (respectively 75% and 78% on MMLU)" (scores paired with the last list of as many models). Only in a sentence
    /// that says "respectively"; a list that does not pair up one to one is left to the ordinary rules.
    /// </summary>
    private static List<(ScoreSpan Score, Mention Benchmark, PaperEntity Model)>? Respectively(PaperContext ctx, int s, List<Mention> all, List<ScoreSpan> scores, PaperEntity? lastResultModel)
    {
        var (ss, se) = ctx.Sentences[s];
        if (ctx.FindPhrase(RespectivelyCue, ss, se) < 0 || scores.Count < 2)
        {
            return null; // pairs nothing, as an empty list would
        }

        var result = new List<(ScoreSpan, Mention, PaperEntity)>();

        var benches = all.Where(m => m.Label == NodeLabel.Benchmark).OrderBy(m => m.Start).ToList();
        var models = all.Where(m => m.Label == NodeLabel.Model).OrderBy(m => m.Start).ToList();
        var i = 0;
        while (i < scores.Count)
        {
            // A group of scores joined by list separators.
            var group = new List<ScoreSpan> { scores[i] };
            while (i + 1 < scores.Count && IsListGap(ctx.Lower.AsSpan()[scores[i].End..scores[i + 1].Start]))
            {
                group.Add(scores[++i]);
            }

            i++;
            if (group.Count < 2)
            {
                continue;
            }

            var last = group[^1];
            var first = benches.FindIndex(m => m.Start > last.End && IsOnGap(ctx.Lower.AsSpan()[last.End..m.Start]));
            if (first < 0)
            {
                continue;
            }

            var list = new List<Mention> { benches[first] };
            for (var k = first + 1; k < benches.Count && IsListGap(ctx.Lower.AsSpan()[benches[k - 1].End..benches[k].Start]); k++)
            {
                list.Add(benches[k]);
            }

            // A unit written on the last number only ("8.7 and 8.9 on MT-bench") or on each ("75% and 78%").
            var unit = last.Unit;
            var typed = group.ConvertAll(g => g.Kind == "listed" ? g with { Unit = unit, Kind = last.Kind } : g);
            if (list.Count == group.Count)
            {
                var model = ModelFor(ctx, all, group[0], lastResultModel, ss);
                if (model is not null)
                {
                    result.AddRange(typed.Select((g, k) => (g, list[k], model)));
                }
            }
            else if (list.Count == 1)
            {
                var owners = LastModelList(ctx, models, group[0].Start, group.Count);
                if (owners is not null)
                {
                    result.AddRange(typed.Select((g, k) => (g, list[0], ctx.EntityOf(owners[k]))));
                }
            }
        }

        return result;
    }

    private static List<Mention>? LastModelList(PaperContext ctx, List<Mention> models, int before, int count)
    {
        var prior = models.Where(m => m.End <= before).ToList();
        for (var end = prior.Count - 1; end >= count - 1; end--)
        {
            var ok = true;
            for (var k = end - count + 2; k <= end && ok; k++)
            {
                ok = IsListGap(ctx.Lower.AsSpan()[prior[k - 1].End..prior[k].Start]) && ctx.EntityOf(prior[k - 1]) != ctx.EntityOf(prior[k]);
            }

            if (ok)
            {
                return prior.GetRange(end - count + 1, count);
            }
        }

        return null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Mention? BenchmarkFor(PaperContext ctx, int s, List<Mention> all, ScoreSpan score)
    {
        var benches = Sent(ctx, s, NodeLabel.Benchmark);
        if (score.Kind == "unitless")
        {
            // A bare number is a score only when a benchmark name follows "on" directly.
            foreach (var m in benches)
            {
                if (m.Start > score.End && IsOnGap(ctx.Lower.AsSpan()[score.End..m.Start]))
                {
                    return m;
                }
            }

            return null;
        }

        // "the ProofNet benchmark (25.3%)".
        if (ctx.Text.AsSpan(0, score.Start).TrimEnd() is var head && head.Length > 0 && head[^1] == '(')
        {
            var open = ctx.Text.LastIndexOf('(', score.Start);
            for (var k = benches.Count - 1; k >= 0; k--)
            {
                if (benches[k].End <= open && open - benches[k].End <= 14)
                {
                    return benches[k];
                }
            }
        }

        // "63.5% on miniF2F", "49 out of 658 problems from PutnamBench", "0.5% drop in LongBench".
        Mention? after = null;
        foreach (var m in benches)
        {
            if (m.Start >= score.End)
            {
                after = m;
                break;
            }
        }

        if (after is not null && after.Start - score.End <= 70)
        {
            var gap = ctx.Lower.AsSpan()[score.End..after.Start];
            if (gap.IndexOfAny(",;(") < 0 && !gap.Contains("without", StringComparison.Ordinal) && !gap.Contains("while", StringComparison.Ordinal)
                && !gap.Contains("whereas", StringComparison.Ordinal) && (gap.Contains(" on ", StringComparison.Ordinal) || gap.Contains(" in ", StringComparison.Ordinal)
                || gap.Contains(" from ", StringComparison.Ordinal) || gap.Contains(" of ", StringComparison.Ordinal) || gap.Contains(" at ", StringComparison.Ordinal) || gap.Trim().IsEmpty))
            {
                return after;
            }
        }

        var before = ctx.Lower.AsSpan()[ctx.Sentences[s].Start..score.Start];

        // "GPT-4 at 23.0%": the benchmark of the sentence so far.
        if (before.TrimEnd().EndsWith(" at", StringComparison.Ordinal))
        {
            return LastEndingBy(benches, score.Start);
        }

        // "solves 6 of them", "solves 8 of these problems": the benchmark last named.
        if (score.Kind == "count-of")
        {
            return LastEndingBy(benches, score.Start) ?? PreviousBenchmark(ctx, s);
        }

        // "The model achieved 93% diagnostic accuracy" after "... using 100 MedQA clinical cases."
        var rest = ctx.Lower.AsSpan()[score.End..Math.Min(ctx.Sentences[s].End, score.End + 40)];
        if (benches.Count == 0 && (rest.Contains("accuracy", StringComparison.Ordinal) || rest.Contains("score", StringComparison.Ordinal)) && HasAnaphor(ctx, ctx.Sentences[s].Start, score.Start))
        {
            return PreviousBenchmark(ctx, s);
        }

        return null;
    }

    private static bool IsOnGap(ReadOnlySpan<char> gap) => gap is " on " or " on the ";

    /// <summary><c>mentions.LastOrDefault(m => m.End &lt;= end)</c> without a closure per call (a result asks it).</summary>
    private static Mention? LastEndingBy(List<Mention> mentions, int end)
    {
        for (var i = mentions.Count - 1; i >= 0; i--)
        {
            if (mentions[i].End <= end)
            {
                return mentions[i];
            }
        }

        return null;
    }

    /// <summary>The last benchmark mention of the sentence before <paramref name="s"/> (in mention order, as found), without a closure.</summary>
    private static Mention? PreviousBenchmark(PaperContext ctx, int s)
    {
        if (s <= 1)
        {
            return null;
        }

        var mentions = ctx.Mentions;
        for (var i = mentions.Count - 1; i >= 0; i--)
        {
            if (mentions[i].Sentence == s - 1 && mentions[i].Label == NodeLabel.Benchmark)
            {
                return mentions[i];
            }
        }

        return null;
    }

    private static readonly string[] ObjectMarkers = ["over ", "than ", "to ", "with ", "versus ", "vs ", "vs. ", "surpassing ", "outperforming ", "like ", "of ", "the baseline ", "pipeline as ", "recipe as ", "architecture as ", "setup as "];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static PaperEntity? ModelFor(PaperContext ctx, List<Mention> all, ScoreSpan score, PaperEntity? lastResultModel, int sentenceStart)
    {
        var before = ctx.Lower.AsSpan()[sentenceStart..score.Start];

        // "GPT-4 at 23.0%", "Pixtral 12B (51.7%)".
        var trimmed = before.TrimEnd();
        if (trimmed.EndsWith(" at", StringComparison.Ordinal) || (trimmed.Length > 0 && trimmed[^1] == '('))
        {
            var cut = trimmed.EndsWith(" at", StringComparison.Ordinal) ? trimmed.Length - 3 : trimmed.Length - 1;
            Mention? m = null;
            for (var i = all.Count - 1; i >= 0; i--)
            {
                var x = all[i];
                if (x.Label == NodeLabel.Model && x.End <= sentenceStart + cut && sentenceStart + cut - x.End <= 2)
                {
                    m = x;
                    break;
                }
            }

            if (m is not null)
            {
                return ctx.EntityOf(m);
            }

            if (trimmed.EndsWith(" at", StringComparison.Ordinal))
            {
                return null; // "a tree search method at 41.0%": not a model
            }
        }

        // The closest subject before the number: a model not introduced by a preposition, or an anaphor.
        var candidates = Scratch.Current.Candidates;
        candidates.Clear();
        foreach (var m in all)
        {
            if (m.Label != NodeLabel.Model || m.End > score.Start || EndsWithObjectMarker(ctx.Lower.AsSpan()[Math.Max(sentenceStart, m.Start - 16)..m.Start]))
            {
                continue;
            }

            candidates.Add((m.Start, m, null));
        }

        for (var present = AnaphorsPresent(ctx); present != 0; present &= present - 1)
        {
            var a = Anaphors[BitOperations.TrailingZeroCount(present)];
            var at = ctx.FindPhrase(a, sentenceStart, score.Start);
            if (at >= 0 && !AnyBetween(candidates, at, at + a.Length + 3))
            {
                candidates.Add((at, null, a));
            }
        }

        if (candidates.Count == 0)
        {
            return null;
        }

        var best = candidates[0]; // the first of the rightmost, as MaxBy
        foreach (var c in candidates)
        {
            if (c.Pos > best.Pos)
            {
                best = c;
            }
        }

        // Only the chosen candidate's entity is looked up (nothing above changes what it would have been).
        if (best.Mention is not null)
        {
            return ctx.EntityOf(best.Mention);
        }

        var firstPerson = best.Anaphor!.Text.StartsWith("our", StringComparison.Ordinal);
        return firstPerson ? ctx.PrimaryModel ?? lastResultModel ?? OnlySubject(ctx) : lastResultModel ?? ctx.PrimaryModel ?? OnlySubject(ctx);
    }

    private static bool AnyBetween(List<(int Pos, Mention? Mention, Cue? Anaphor)> candidates, int after, int before)
    {
        foreach (var c in candidates)
        {
            if (c.Pos > after && c.Pos < before)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The studied model when the paper studies exactly one.</summary>
    private static PaperEntity? OnlySubject(PaperContext ctx)
    {
        PaperEntity? only = null;
        foreach (var e in EntityList(ctx))
        {
            if (e.Label == NodeLabel.Model && e.Role == RelType.Studies)
            {
                if (only is not null)
                {
                    return null;
                }

                only = e;
            }
        }

        return only;
    }

    // Last of the static fields on purpose: initialisers run in text order, so every cue table above is registered by
    // the time the trie is built. A cue made later still works, by a plain search.
    private static readonly CueMatcher Matcher = new(Cue.All());
}

/// <summary>A number read as a score.</summary>
// A value, not an object: a sentence's scores are parsed into a reused list, most never become a result.
internal readonly record struct ScoreSpan(int Start, int End, double Value, string Unit, string Kind);

/// <summary>Reads scores ("51.7%", "82.5\%", "49 out of 658", "solves 6 of them") and their settings from a sentence.</summary>
internal static class ScoreParser
{
    /// <summary>True when the text has a digit (as <see cref="char.IsDigit(char)"/> sees it), so it may hold a score.</summary>
    public static bool HasDigit(ReadOnlySpan<char> text)
    {
        if (text.IndexOfAnyInRange('0', '9') >= 0)
        {
            return true;
        }

        if (System.Text.Ascii.IsValid(text))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (char.IsDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Adds the scores of [<paramref name="from"/>, <paramref name="to"/>) to <paramref name="into"/> in text order (a list filled, not an iterator per sentence).</summary>
    public static void Scores(string text, int from, int to, List<ScoreSpan> into)
    {
        // In ASCII text a digit is '0'-'9' (char.IsDigit knows other scripts' digits too): the scan jumps to the next
        // one instead of testing every character.
        var ascii = System.Text.Ascii.IsValid(text.AsSpan(from, to - from));
        var i = from;
        while (i < to)
        {
            if (ascii && !char.IsAsciiDigit(text[i]))
            {
                var next = text.AsSpan(i, to - i).IndexOfAnyInRange('0', '9');
                if (next < 0)
                {
                    break;
                }

                i += next;
            }

            if (!char.IsDigit(text[i]) || (i > from && (char.IsLetterOrDigit(text[i - 1]) || text[i - 1] is '.' or '-' or ',')))
            {
                i++;
                continue;
            }

            var s = i;
            while (i < to && (char.IsDigit(text[i]) || (text[i] == '.' && i + 1 < to && char.IsDigit(text[i + 1]))))
            {
                i++;
            }

            var number = text.AsSpan(s, i - s);
            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            var j = i;
            if (j < to && text[j] == '\\')
            {
                j++;
            }

            if (j < to && text[j] == '%')
            {
                into.Add(new ScoreSpan(s, j + 1, value, "%", "percent"));
                i = j + 1;
                continue;
            }

            if (j < to && char.IsLetter(text[j]))
            {
                continue; // 7B, 16K, 2x
            }

            var after = text.AsSpan(i, Math.Min(24, to - i));
            var before = text.AsSpan(Math.Max(from, s - 24), s - Math.Max(from, s - 24));
            if ((after.StartsWith(" and ", StringComparison.Ordinal) || after.StartsWith(", ", StringComparison.Ordinal))
                && after.Length > 5 && (char.IsDigit(after[after[0] == ',' ? 2 : 5]) || after.StartsWith(", and ", StringComparison.Ordinal)))
            {
                // "8.7 and 8.9 on MT-bench": a number in a list of numbers; only a "respectively" pairing keeps it.
                into.Add(new ScoreSpan(s, i, value, "score", "listed"));
            }
            else if (after.StartsWith(" on ", StringComparison.Ordinal) && !IsYear(value, number) && (number.Contains('.') || value <= 100))
            {
                // "84.2 on MMLU", "8.38 on MT-bench": a score without a unit; Results keeps it only when a benchmark
                // follows the "on" directly.
                into.Add(new ScoreSpan(s, i, value, "score", "unitless"));
            }
            else if (after.StartsWith(" out of ", StringComparison.Ordinal))
            {
                into.Add(new ScoreSpan(s, i, value, "count", "count-out-of"));
            }
            else if ((before.EndsWith("solves ", StringComparison.Ordinal) || before.EndsWith("solved ", StringComparison.Ordinal) || before.EndsWith("solving ", StringComparison.Ordinal)
                      || before.EndsWith("proves ", StringComparison.Ordinal) || before.EndsWith("proved ", StringComparison.Ordinal) || before.EndsWith("proving ", StringComparison.Ordinal))
                     && after.StartsWith(" of ", StringComparison.Ordinal))
            {
                into.Add(new ScoreSpan(s, i, value, "count", "count-of"));
            }
        }
    }

    private static bool IsYear(double value, ReadOnlySpan<char> number) => number.Length == 4 && !number.Contains('.') && value is >= 1900 and <= 2100;

    public static string? Setting(string lower, int from, int to, ScoreSpan score)
    {
        var after = lower.AsSpan(score.End, Math.Min(40, to - score.End));
        if (score.Kind == "count-out-of")
        {
            // "49 out of 658 problems from PutnamBench" -> "out of 658 problems".
            var rest = after.TrimStart();
            var stop = rest.IndexOfAny(" from", " in ", " on ");
            return Pooled((stop > 0 ? rest[..stop] : rest).Trim().TrimEnd(",."));
        }

        if (score.Kind == "count-of")
        {
            // "on these 15 AIME problems ... solves 6 of them" -> "out of 15 aime problems".
            var sentence0 = lower.AsSpan(from, to - from);
            var p = sentence0.IndexOf(" problems", StringComparison.Ordinal);
            if (p > 0)
            {
                var b = p;
                var words = 0;
                while (b > 0 && words < 3)
                {
                    b = sentence0[..b].LastIndexOf(' ');
                    words++;
                    if (b >= 0 && char.IsDigit(sentence0[b + 1]))
                    {
                        return Pooled("out of ", sentence0[(b + 1)..(p + 9)]);
                    }
                }
            }
        }

        if (after.StartsWith(" with ", StringComparison.Ordinal))
        {
            var w = after[6..];
            var sp = w.IndexOf(" samples", StringComparison.Ordinal);
            if (sp > 0 && sp <= 6 && int.TryParse(w[..sp], out var n))
            {
                return Samples(n);
            }
        }

        // "46.4% on the MATH benchmark with 64 samples": the clause after the number.
        var clause = lower.AsSpan(score.End, Math.Min(80, to - score.End));
        var cut = clause.IndexOfAny(',', ';');
        if (cut >= 0)
        {
            clause = clause[..cut];
        }

        var withAt = clause.IndexOf(" with ", StringComparison.Ordinal);
        var nextScore = clause.IndexOf('%');
        if (withAt >= 0 && (nextScore < 0 || nextScore > withAt))
        {
            var w = clause[(withAt + 6)..];
            var sp = w.IndexOf(" samples", StringComparison.Ordinal);
            if (sp > 0 && sp <= 6 && int.TryParse(w[..sp], out var n2))
            {
                return Samples(n2);
            }
        }

        if (after.StartsWith(" cumulatively", StringComparison.Ordinal) || after.StartsWith(" cumulative", StringComparison.Ordinal))
        {
            return "cumulative";
        }

        var sentence = lower.AsSpan()[from..to];
        var sc = sentence.IndexOf("self-consistency over ", StringComparison.Ordinal);
        if (sc >= 0)
        {
            var e = sentence[sc..].IndexOf(" samples", StringComparison.Ordinal) is var k && k >= 0 ? sc + k : -1;
            if (e > sc && e - sc < 32)
            {
                return Pooled(sentence[sc..(e + 8)]);
            }
        }

        if (sentence.Contains("majority voting", StringComparison.Ordinal))
        {
            return "majority voting";
        }

        var shot = sentence.IndexOf("-shot", StringComparison.Ordinal);
        if (shot > 0)
        {
            var b = shot;
            while (b > 0 && char.IsLetterOrDigit(sentence[b - 1]))
            {
                b--;
            }

            return Pooled(sentence[b..(shot + 5)]);
        }

        if (sentence.Contains("test set", StringComparison.Ordinal) || sentence.Contains("-test", StringComparison.Ordinal))
        {
            return "test set";
        }

        return null;
    }

    // A setting is a short phrase from a small set ("5-shot", "64 samples", "out of 658 problems"): the thread's pooled
    // copy instead of a new string per result, which also lets the graph side find the relation's property set by
    // its objects (GivenPropertyCache) instead of interning its values again.
    private static string Pooled(ReadOnlySpan<char> s) => StringPool.Current.Get(s);

    private static string Pooled(string prefix, ReadOnlySpan<char> rest)
    {
        var length = prefix.Length + rest.Length;
        if (length > 128)
        {
            return prefix + rest.ToString();
        }

        Span<char> buffer = stackalloc char[length];
        prefix.CopyTo(buffer);
        rest.CopyTo(buffer[prefix.Length..]);
        return Pooled(buffer);
    }

    /// <summary><c>n.ToString(CultureInfo.InvariantCulture) + " samples"</c>, pooled.</summary>
    private static string Samples(int n)
    {
        Span<char> buffer = stackalloc char[32];
        n.TryFormat(buffer, out var digits, default, CultureInfo.InvariantCulture);
        " samples".CopyTo(buffer[digits..]);
        return Pooled(buffer[..(digits + 8)]);
    }

    private static int IndexOfAny(this ReadOnlySpan<char> s, params string[] any)
    {
        var best = -1;
        foreach (var a in any)
        {
            var i = s.IndexOf(a, StringComparison.Ordinal);
            if (i >= 0 && (best < 0 || i < best))
            {
                best = i;
            }
        }

        return best;
    }

    private static readonly string[] MetricNames = ["pass@1", "pass@k", "pass ratio", "pass rate", "diagnostic accuracy", "accuracy", "accuracies", "success rate", "precision", "f1", "score", "win rate", "exact match"];

    private static readonly System.Buffers.SearchValues<string> MetricSearch = System.Buffers.SearchValues.Create(MetricNames, StringComparison.Ordinal);

    public static string? Metric(string lower, int from, int to, ScoreSpan score)
    {
        // The first name of the list that occurs in the window: one search for any of them, then only where one
        // starts, instead of a search per name.
        var window = lower.AsSpan()[Math.Max(from, score.Start - 40)..Math.Min(to, score.End + 30)];
        var best = MetricNames.Length;
        for (var i = window.IndexOfAny(MetricSearch); i >= 0;)
        {
            var at = window[i..];
            for (var k = 0; k < best; k++)
            {
                if (at.StartsWith(MetricNames[k], StringComparison.Ordinal))
                {
                    best = k;
                    break;
                }
            }

            var next = window[(i + 1)..].IndexOfAny(MetricSearch);
            i = next < 0 ? -1 : i + 1 + next;
        }

        if (best < MetricNames.Length)
        {
            var m = MetricNames[best];
            return m == "accuracies" ? "accuracy" : m;
        }

        return score.Unit == "count" ? "problems solved" : null;
    }
}
