using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PaperGraph.Core;

/// <summary>Everything known about one paper while it is being extracted. One instance per <see cref="Extractor.Extract"/> call.</summary>
internal sealed class PaperContext
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public PaperContext(Paper paper, Vocabulary vocabulary)
    {
        Paper = paper;
        Vocabulary = vocabulary;
        Text = paper.Text;
        Lower = LowerTexts.Current.Lower(Text, out var ascii);
        var spare = _spare;
        _spare = null;
        _holder = spare ?? new Spare();
        Sentences = SentenceSplitter.Split(Text, paper.Title.Length, spare?.Sentences);
        var urls = Tokenizer.UrlSpans(Text, Lower);
        _joined = spare?.Joined ?? [];
        _joined.Clear();
        Tokens = Tokenizer.Tokenize(Text, Lower, spare?.Tokens, _joined, ascii);
        if (urls.Count > 0)
        {
            Tokens.RemoveAll(t => InAny(urls, t.Start));
        }

        // With every token kept and ASCII text, the tokens and the joined starts are all the word starts of Lower.
        _wordStartsKnown = ascii && urls.Count == 0;

        Masked = urls;
        Entities = spare?.Entities ?? new(EntityKeyComparer.Instance);
        IntroducedModels = spare?.IntroducedModels ?? [];
        Relations = spare?.Relations ?? new(32);
        Unresolved = spare?.Unresolved ?? [];
        _holder.Tokens = null;
        _holder.Sentences = null;
        _holder.Entities = null;
        _holder.IntroducedModels = null;
        _holder.Joined = null;
        _holder.Relations = null;
        _holder.Unresolved = null;
    }

    private readonly List<int> _joined;
    private readonly bool _wordStartsKnown;

    // The thread's holder of spare collections, refilled by Recycle (one holder per thread, not one per paper).
    private readonly Spare _holder;

    // The list cleared for the next paper, or null when it grew past max (a very long text) and is left to the GC.
    private static List<T>? Emptied<T>(List<T> list, int max)
    {
        if (list.Capacity > max)
        {
            return null;
        }

        list.Clear();
        return list;
    }

    private static bool InAny(IReadOnlyList<(int Start, int End)> spans, int offset)
    {
        foreach (var (start, end) in spans)
        {
            if (offset >= start && offset < end)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The working collections of the previous paper on this thread, handed back by Recycle: fresh ones per paper were
    /// among the largest allocations of the extractor. Empty whenever they are here.
    /// </summary>
    private sealed class Spare
    {
        public List<Token>? Tokens;
        public List<(int Start, int End)>? Sentences;
        public Dictionary<(NodeLabel, string), PaperEntity>? Entities;
        public List<PaperEntity>? IntroducedModels;
        public List<int>? Joined;
        public List<FoundRelation>? Relations;
        public List<UnresolvedMention>? Unresolved;
    }

    [ThreadStatic]
    private static Spare? _spare;

    // Above these sizes (a very long text) a collection is left to the collector rather than kept per thread.
    private const int MaxSpareTokens = 16_384;
    private const int MaxSpareEntries = 1_024;

    /// <summary>
    /// Hands the working collections and the cue table back for the next paper on this thread. Only when the paper is
    /// done: the context must not be used afterwards (its results are read out before: the entities, relations and
    /// unresolved mentions copied).
    /// </summary>
    public void Recycle()
    {
        var spare = _holder;
        spare.Tokens = Emptied(Tokens, MaxSpareTokens);
        spare.Sentences = Emptied(Sentences, MaxSpareTokens);
        if (Entities.EnsureCapacity(0) <= MaxSpareEntries)
        {
            Entities.Clear();
            spare.Entities = Entities;
        }

        spare.IntroducedModels = Emptied(IntroducedModels, MaxSpareEntries);
        spare.Joined = Emptied(_joined, MaxSpareTokens);
        spare.Relations = Emptied(Relations, MaxSpareEntries);
        spare.Unresolved = Emptied(Unresolved, MaxSpareEntries);
        _spare = spare;
        LowerTexts.Current.Return(Lower, Text);
        _cueHits?.Recycle();
        _cueHits = null;
    }

    public Paper Paper { get; }

    public Vocabulary Vocabulary { get; }

    public string Text { get; }

    /// <summary>
    /// Lower-cased text, same offsets (lower-casing is length-preserving under invariant globalisation). Written again
    /// for a later paper of the same length once the context is recycled (<see cref="LowerTexts"/>): read it, or copy
    /// out of it, but never keep it past the paper.
    /// </summary>
    public string Lower { get; }

    public List<Token> Tokens { get; }

    public List<(int Start, int End)> Sentences { get; }

    public IReadOnlyList<(int Start, int End)> Masked { get; }

    public List<Mention> Mentions { get; set; } = [];

    public Dictionary<(NodeLabel, string), PaperEntity> Entities { get; }

    /// <summary>The relations found, by value; recycled with the context, so they are read out before.</summary>
    public List<FoundRelation> Relations { get; }

    /// <summary>Mentions left unresolved; recycled with the context, so the extractor hands over a copy (most papers have none).</summary>
    public List<UnresolvedMention> Unresolved { get; }

    /// <summary>Models the paper introduces, in text order; the first is the paper's primary model.</summary>
    public List<PaperEntity> IntroducedModels { get; }

    public PaperEntity? PrimaryModel { get; set; }

    /// <summary>True when the primary model was introduced with an explicit cue ("we present X").</summary>
    public bool PrimaryByCue { get; set; }

    /// <summary>The paper presents something of its own (a propose/introduce cue), not only analysis.</summary>
    public bool Constructive { get; set; }

    public bool IsSurvey { get; set; }

    public RelationEnd PaperRef => new(NodeLabel.Paper, Paper.Id);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int SentenceOf(int offset)
    {
        int lo = 0, hi = Sentences.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (Sentences[mid].Start <= offset)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return Math.Max(0, lo);
    }

    public PaperEntity EntityOf(Mention m) => Entities[(m.Label, m.Key)];

    public IEnumerable<Mention> InSentence(int sentence) => Mentions.Where(m => m.Sentence == sentence);

    /// <summary>Index of a whole word or phrase (lower-case) within [from, to), or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int FindPhrase(string phrase, int from, int to)
    {
        // Search only [i, to): an unbounded IndexOf scanned the rest of the paper for every cue of every sentence.
        var i = from;
        to = Math.Min(to, Lower.Length);
        while (i >= 0 && i < to)
        {
            var k = Lower.AsSpan(i, to - i).IndexOf(phrase, StringComparison.Ordinal);
            if (k < 0)
            {
                return -1;
            }

            i += k;

            var before = i == 0 || !char.IsLetterOrDigit(Lower[i - 1]);
            var after = i + phrase.Length >= Lower.Length || !char.IsLetterOrDigit(Lower[i + phrase.Length]);
            if (before && after)
            {
                return i;
            }

            i++;
        }

        return -1;
    }

    public bool HasPhrase(string phrase, int from, int to) => FindPhrase(phrase, from, to) >= 0;

    private CueHits? _cueHits;

    /// <summary>Finds every cue of <paramref name="matcher"/> in the text once; <see cref="FindPhrase(Cue, int, int)"/> then looks them up.</summary>
    public void IndexCues(CueMatcher matcher) =>
        _cueHits ??= _wordStartsKnown && matcher.StartsAtWords
            ? matcher.Match(Lower, CollectionsMarshal.AsSpan(Tokens), _joined)
            : matcher.Match(Lower);

    /// <summary><see cref="FindPhrase(string, int, int)"/> for a cue: from the cue index when there is one, else by search.</summary>
    public int FindPhrase(Cue cue, int from, int to) =>
        _cueHits is { } hits && hits.Covers(cue) ? hits.Find(cue, from, to) : FindPhrase(cue.Text, from, to);

    public bool HasPhrase(Cue cue, int from, int to) => FindPhrase(cue, from, to) >= 0;

    /// <summary>False only when the cue index knows the cue does not occur in the paper at all (then every FindPhrase of it is -1).</summary>
    public bool MayOccur(Cue cue) => _cueHits is not { } hits || !hits.Covers(cue) || hits.Occurs(cue);

    public bool HasAny(ReadOnlySpan<Cue> cues, int from, int to)
    {
        foreach (var c in cues)
        {
            if (FindPhrase(c, from, to) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    public bool HasAny(IEnumerable<string> phrases, int from, int to) => phrases.Any(p => HasPhrase(p, from, to));

    /// <summary>Span overload: cue lists written inline as collection expressions cost no array or closure.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool HasAny(ReadOnlySpan<string> phrases, int from, int to)
    {
        foreach (var p in phrases)
        {
            if (HasPhrase(p, from, to))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Index of the first token starting at or after <paramref name="offset"/> (Count when none): tokens are in text order.</summary>
    public int FirstTokenAtOrAfter(int offset) => FirstTokenAtOrAfter(CollectionsMarshal.AsSpan(Tokens), offset);

    /// <summary>The same search over a token span (callers that already hold the span: no list indexer per probe).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int FirstTokenAtOrAfter(ReadOnlySpan<Token> tokens, int offset)
    {
        int lo = 0, hi = tokens.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (tokens[mid].Start < offset)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    public void Relate(RelType type, RelationEnd from, RelationEnd to, int sentence, int start, int end, string rule, double confidence,
        IReadOnlyDictionary<string, object?>? properties = null)
    {
        var (ss, se) = Sentences[Math.Clamp(sentence, 0, Sentences.Count - 1)];
        start = Math.Clamp(Math.Min(start, end), 0, Text.Length);
        end = Math.Clamp(Math.Max(start, end), start, Text.Length);
        Relations.Add(new FoundRelation(type, from, to, properties ?? Empty, ss, se, start, end, rule, confidence));
    }

    private static readonly IReadOnlyDictionary<string, object?> Empty = new Dictionary<string, object?>();
}

/// <summary>
/// Label and name key of a paper's entity. The default tuple comparer hashes the key with the randomised string hash
/// on every lookup, and the rules look entities up all the time; a per-paper table of a few dozen entries needs no
/// protection from crafted collisions. (A dictionary's order of entries does not depend on its hashes.)
/// </summary>
internal sealed class EntityKeyComparer : IEqualityComparer<(NodeLabel Label, string Key)>
{
    public static readonly EntityKeyComparer Instance = new();

    public bool Equals((NodeLabel Label, string Key) x, (NodeLabel Label, string Key) y) =>
        x.Label == y.Label && string.Equals(x.Key, y.Key, StringComparison.Ordinal);

    public int GetHashCode((NodeLabel Label, string Key) obj)
    {
        // Label, length and the first, middle and last four characters (three word reads, not a multiply per
        // character): keys that differ elsewhere share a hash and are told apart by Equals.
        var key = obj.Key ?? "";
        var h = ((ulong)(uint)obj.Label << 32) | (uint)key.Length;
        if (key.Length >= 4)
        {
            ref var at = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(key.AsSpan()));
            h ^= Unsafe.ReadUnaligned<ulong>(ref at) * 0x9E3779B97F4A7C15UL;
            h = (h ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref at, ((key.Length / 2) - 2) * 2))) * 0xC2B2AE3D27D4EB4FUL;
            h = (h ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref at, (key.Length - 4) * 2))) * 0x9E3779B97F4A7C15UL;
        }
        else
        {
            foreach (var c in key)
            {
                h = (h ^ c) * 0xC2B2AE3D27D4EB4FUL;
            }
        }

        return (int)(h >> 32) ^ (int)h;
    }
}
