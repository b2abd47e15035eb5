using System.Runtime.CompilerServices;

namespace PaperGraph.Core;

/// <summary>
/// The mentions of each sentence of one paper, in text order, all together and by label, in lists kept per thread and
/// refilled for the next paper.
/// The relation rules ask for these lists for every sentence and rule; fresh lists per paper (one per sentence and one
/// per sentence and label) were a fifth of the relation stage's allocations. The lists are shared and read-only.
/// </summary>
internal sealed class SentenceMentions
{
    private const int LabelCount = (int)NodeLabel.Organization + 1;

    [ThreadStatic]
    private static SentenceMentions? _current;

    private static readonly List<Mention> NoMentions = [];

    private List<Mention>[] _all = [];
    private List<Mention>[] _byLabel = [];
    private int _sentences;
    private PaperContext? _context;
    private List<Mention>? _from;
    private int _fromCount;

    /// <summary>The thread's index, (re)filled for <paramref name="ctx"/> when it holds another paper or stale mentions.</summary>
    public static SentenceMentions Of(PaperContext ctx)
    {
        var index = _current ??= new SentenceMentions();
        if (!ReferenceEquals(index._context, ctx) || !ReferenceEquals(index._from, ctx.Mentions) || index._fromCount != ctx.Mentions.Count)
        {
            index.Fill(ctx);
        }

        return index;
    }

    /// <summary>The mentions of sentence <paramref name="sentence"/> in text order (stable by start).</summary>
    public List<Mention> InSentence(int sentence) => (uint)sentence < (uint)_sentences ? _all[sentence] : NoMentions;

    /// <summary>The mentions of sentence <paramref name="sentence"/> with one label, in text order.</summary>
    public List<Mention> InSentence(int sentence, NodeLabel label) =>
        (uint)sentence < (uint)_sentences && (uint)label < LabelCount ? _byLabel[(sentence * LabelCount) + (int)label] : NoMentions;

    private void Fill(PaperContext ctx)
    {
        // Empty the previous paper's lists (only as many as it used), so no mention outlives its paper here for long.
        for (var i = 0; i < _sentences; i++)
        {
            _all[i].Clear();
        }

        for (var i = 0; i < _sentences * LabelCount; i++)
        {
            _byLabel[i].Clear();
        }

        var n = Math.Max(ctx.Sentences.Count, 1);
        if (_all.Length < n)
        {
            var all = new List<Mention>[Math.Max(n, _all.Length * 2)];
            var byLabel = new List<Mention>[all.Length * LabelCount];
            _all.CopyTo(all, 0);
            _byLabel.CopyTo(byLabel, 0);
            for (var i = _all.Length; i < all.Length; i++)
            {
                all[i] = [];
            }

            for (var i = _byLabel.Length; i < byLabel.Length; i++)
            {
                byLabel[i] = [];
            }

            _all = all;
            _byLabel = byLabel;
        }

        _sentences = n;
        var mentions = ctx.Mentions;
        foreach (var m in mentions)
        {
            if ((uint)m.Sentence < (uint)n)
            {
                _all[m.Sentence].Add(m);
            }
        }

        for (var s = 0; s < n; s++)
        {
            var g = _all[s];

            SortByStart(g);

            foreach (var m in g)
            {
                if ((uint)m.Label < LabelCount)
                {
                    _byLabel[(s * LabelCount) + (int)m.Label].Add(m);
                }
            }
        }

        _context = ctx;
        _from = mentions;
        _fromCount = mentions.Count;
    }

    /// <summary>
    /// Stable insertion sort of one sentence's mentions by start: the lists are short and mostly in order already,
    /// and it gives the order an OrderBy by start gives, without its buffers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SortByStart(List<Mention> mentions)
    {
        for (var i = 1; i < mentions.Count; i++)
        {
            var m = mentions[i];
            var j = i - 1;
            while (j >= 0 && mentions[j].Start > m.Start)
            {
                mentions[j + 1] = mentions[j];
                j--;
            }

            mentions[j + 1] = m;
        }
    }
}
