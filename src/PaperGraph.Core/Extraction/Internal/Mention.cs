using System.Runtime.CompilerServices;

namespace PaperGraph.Core;

/// <summary>One occurrence of an entity in the paper text, before entities are merged.</summary>
// A mention is made per occurrence (~16 per abstract): its label and rule are kept in a byte each, so the object takes
// 80 bytes instead of 96.
internal sealed class Mention
{
    private byte _label;

    private byte _rule;

    public required NodeLabel Label
    {
        get => (NodeLabel)_label;
        set => _label = (byte)value;
    }

    private string _name = null!;

    // NameKey.Of of _name, made on first use and dropped when the name changes.
    private string? _key;

    /// <summary>Canonical name this mention resolves to.</summary>
    public required string Name
    {
        get => _name;
        set
        {
            _name = value;
            _key = null;
        }
    }

    /// <summary>The text as written (may differ from <see cref="Name"/> after resolution).</summary>
    public required string Surface { get; set; }

    public required int Start { get; set; }

    public required int End { get; set; }

    public int Sentence { get; set; }

    /// <summary>How it was found (vocab, grammar, acronym-definition, pattern...).</summary>
    public required string Rule
    {
        get => MentionRules.Name(_rule);
        set => _rule = MentionRules.Id(value);
    }

    public ModelParse? Model { get; set; }

    // Term, Acronym and Category in one field (a mention is made per occurrence, and most carry a term's values or an
    // acronym only): null (none), a string (only an acronym), a TermEntry (the term with its own acronym and
    // category), or a Tags (any other combination).
    private object? _tags;

    public TermEntry? Term
    {
        get => _tags switch
        {
            TermEntry t => t,
            Tags g => g.Term,
            _ => null,
        };
        set => SetTags(value, Acronym, Category);
    }

    public string? Acronym
    {
        get => _tags switch
        {
            string a => a,
            TermEntry t => t.Acronym,
            Tags g => g.Acronym,
            _ => null,
        };
        set => SetTags(Term, value, Category);
    }

    public string? Category
    {
        get => _tags switch
        {
            TermEntry t => t.Category,
            Tags g => g.Category,
            _ => null,
        };
        set => SetTags(Term, Acronym, value);
    }

    /// <summary>Sets <see cref="Term"/> to <paramref name="term"/> and <see cref="Acronym"/> and <see cref="Category"/> to the term's.</summary>
    public void UseTerm(TermEntry term) => _tags = term;

    private void SetTags(TermEntry? term, string? acronym, string? category) =>
        _tags = term is not null && ReferenceEquals(acronym, term.Acronym) && ReferenceEquals(category, term.Category) ? term
            : term is null && category is null ? acronym
            : new Tags(term, acronym, category);

    private sealed record Tags(TermEntry? Term, string? Acronym, string? Category);

    /// <summary>Inside the span of a longer mention (a known term inside a newly defined expansion).</summary>
    public bool Nested { get; set; }

    // Null, the one extra alias, or a list of them: most mentions have none, and most of the rest one (an acronym's
    // long form), which a list and its array cost two objects for.
    private object? _extraAliases;

    /// <summary>More surface forms for the entity, in the order added.</summary>
    public MentionAliases ExtraAliases => new(this);

    public bool HasExtraAliases => _extraAliases is not null;

    /// <summary>The extra aliases of one mention: add to them, or walk them.</summary>
    internal readonly struct MentionAliases(Mention owner)
    {
        /// <summary>Adds <paramref name="alias"/> (duplicates are kept, as a list kept them).</summary>
        public void Add(string alias)
        {
            switch (owner._extraAliases)
            {
                case null:
                    owner._extraAliases = alias;
                    break;
                case string first:
                    owner._extraAliases = new List<string>(4) { first, alias };
                    break;
                default:
                    ((List<string>)owner._extraAliases).Add(alias);
                    break;
            }
        }

        /// <summary>How many aliases were added.</summary>
        public int Count => owner._extraAliases switch
        {
            null => 0,
            string => 1,
            var list => ((List<string>)list).Count,
        };

        public Enumerator GetEnumerator() => new(owner._extraAliases);

        /// <summary>Walks the aliases in the order added.</summary>
        public struct Enumerator(object? aliases)
        {
            private int _index = -1;

            public readonly string Current => aliases as string ?? ((List<string>)aliases!)[_index];

            public bool MoveNext() => ++_index < (aliases switch { null => 0, string => 1, var list => ((List<string>)list).Count });
        }
    }

    public int Length => End - Start;

    /// <summary>
    /// This mention made over as a new one with the values given (every other property as on a new mention): for
    /// <see cref="PaperObjects"/>, once its paper is done, so the object serves the next paper instead of the GC.
    /// </summary>
    internal Mention Renew(NodeLabel label, string name, string surface, int start, int end, string rule)
    {
        _label = (byte)label;
        _rule = MentionRules.Id(rule);
        _name = name;
        _key = null;
        Surface = surface;
        Start = start;
        End = end;
        Sentence = 0;
        Model = null;
        _tags = null;
        Nested = false;
        _extraAliases = null;
        return this;
    }

    /// <summary><see cref="NameKey.Of"/> of <see cref="Name"/>, remembered until the name changes (entities are looked up by it often).</summary>
    public string Key => _key ??= KeyOfName();

    // A vocabulary or grammar mention is usually named by its term or parse, which made the key already.
    private string KeyOfName() =>
        Model is { } p && ReferenceEquals(p.Name, _name) ? p.Key
        : _tags is TermEntry t && ReferenceEquals(t.Name, _name) ? t.Key
        : NameKeys.Of(_name);

    public override string ToString() => $"{Label}:{Name}@{Start}";
}

/// <summary>
/// The rules a mention can be found by, numbered: a mention keeps its rule's number in a byte instead of a reference to
/// the string. The finder's rules are numbered up front, the most frequent first (the number is found by comparing
/// references in order); any other rule string gets the next number on first use.
/// </summary>
internal static class MentionRules
{
    private static readonly Lock Gate = new();

    // Replaced, never changed in place, so readers need no lock.
    private static string[] _names = Initial();

    private static string[] Initial()
    {
        var names = new List<string> { "grammar.model" };
        foreach (var label in Enum.GetValues<NodeLabel>())
        {
            names.Add(Vocabulary(label));
        }

        names.AddRange(
        [
            "acronym.use", "acronym.definition", "pattern.bench-suffix", "pattern.eval-suffix", "pattern.x-benchmark",
            "pattern.quant-format", "pattern.org-suffix", "pattern.org-university", "pattern.org-subsidiary",
            "pattern.modified-acronym", "pattern.named-model", "pattern.we-propose-name", "pattern.component-name",
            "pattern.scale-to-size", "pattern.title-name", "resolve.bare-version", "resolve.elliptic-version",
            "resolve.version-in-parentheses", "resolve.brand-to-only-model",
        ]);
        return [.. names];
    }

    /// <summary>The rule of a vocabulary mention of <paramref name="label"/> ("vocab.technique"): one string per label.</summary>
    public static string Vocabulary(NodeLabel label)
    {
        var rule = "vocab." + label.ToString().ToLowerInvariant();
        // The registered string itself once there is one, so that Id finds it by reference.
        var names = Volatile.Read(ref _names);
        return names is null ? rule : names[Id(rule)];
    }

    /// <summary>The rule numbered <paramref name="id"/>.</summary>
    public static string Name(byte id) => Volatile.Read(ref _names)[id];

    /// <summary>The number of <paramref name="rule"/>, given one on first use.</summary>
    public static byte Id(string rule)
    {
        var names = Volatile.Read(ref _names);
        for (var i = 0; i < names.Length; i++)
        {
            if (ReferenceEquals(names[i], rule))
            {
                return (byte)i;
            }
        }

        return Register(rule);
    }

    private static byte Register(string rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        lock (Gate)
        {
            var names = _names;
            var at = Array.IndexOf(names, rule);
            if (at >= 0)
            {
                return (byte)at;
            }

            if (names.Length > byte.MaxValue)
            {
                throw new InvalidOperationException($"more than {byte.MaxValue + 1} mention rules");
            }

            Volatile.Write(ref _names, [.. names, rule]);
            return (byte)names.Length;
        }
    }
}

/// <summary>An entity of one paper: its mentions merged under one canonical name.</summary>
internal sealed class PaperEntity
{
    private NodeLabel _label;

    public required NodeLabel Label
    {
        get => _label;
        init => _label = value;
    }

    public required string Name { get; set; }

    public List<Mention> Mentions { get; } = [];

    private KeyMemo _key;

    /// <summary><see cref="NameKey.Of"/> of <see cref="Name"/>, remembered until the name changes.</summary>
    // An entity is named after its first mention, whose key is usually made (or held by its term or parse) already.
    public string Key => _key.Of(Name, Mentions);

    public AliasSet Aliases { get; } = new();

    /// <summary>
    /// Parsed properties (acronym, category, family, parameters, version, variant...), set by
    /// <see cref="EntityBuilder.Build"/> from the entity's mentions; read-only, possibly shared with other entities.
    /// </summary>
    public IReadOnlyDictionary<string, object?> Properties { get; set; } = NoProperties;

    // The properties of an entity with none (one a rule made, or one whose mentions carry none): never written to.
    private static readonly Dictionary<string, object?> NoProperties = new(StringComparer.Ordinal);

    /// <summary>Paper-level role: Introduces, Studies, Uses, EvaluatedOn or Mentions.</summary>
    public RelType Role { get; set; } = RelType.Mentions;

    public Mention? RoleEvidence { get; set; }

    public string RoleRule { get; set; } = "role.mention";

    public double RoleConfidence { get; set; } = 0.9;

    public bool InTitle { get; set; }

    /// <summary>False for organisations inferred from the family vocabulary only (no MENTIONS edge).</summary>
    public bool FoundInText { get; set; } = true;

    /// <summary>The parse of the first mention that has one (the relation rules ask often: a loop, not a LINQ chain).</summary>
    public ModelParse? Model
    {
        get
        {
            foreach (var m in Mentions)
            {
                if (m.Model is { } parse)
                {
                    return parse;
                }
            }

            return null;
        }
    }

    /// <summary>This entity as a relation's endpoint: its label and current name, by value.</summary>
    public RelationEnd Ref => new(Label, Name);

    /// <summary>
    /// This entity made over as a new one of <paramref name="label"/> named <paramref name="name"/> (every other member
    /// as on a new entity; the mention and alias lists emptied, their arrays kept, as the aliases leave as a copy):
    /// for <see cref="PaperObjects"/>, once nothing refers to it any more.
    /// </summary>
    internal PaperEntity Renew(NodeLabel label, string name)
    {
        _label = label;
        Name = name;
        Mentions.Clear();
        _key = default;
        Aliases.Renew();
        Properties = NoProperties;
        Role = RelType.Mentions;
        RoleEvidence = null;
        RoleRule = "role.mention";
        RoleConfidence = 0.9;
        InTitle = false;
        FoundInText = true;
        return this;
    }

    public override string ToString() => $"{Label}:{Name}";
}

/// <summary>
/// The aliases of one entity: distinct, in ordinal order (what a <c>SortedSet</c> with the ordinal comparer gave), in
/// one small sorted list, as an entity has a handful at most.
/// </summary>
internal sealed class AliasSet
{
    // Kept for the set's next use when its entity is made over (PaperObjects): what leaves is a copy (HandOver).
    private readonly List<string> _items = new(4);

    /// <summary>Empty again, for an entity made over.</summary>
    internal void Renew() => _items.Clear();

    public int Count => _items.Count;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Add(string alias)
    {
        var items = _items;
        var n = items.Count;
        // Mentions mostly add an alias already present or one that sorts last: check the end before searching.
        if (n > 0)
        {
            var c = string.CompareOrdinal(items[n - 1], alias);
            if (c == 0)
            {
                return false;
            }

            if (c < 0)
            {
                items.Add(alias);
                return true;
            }
        }
        else
        {
            items.Add(alias);
            return true;
        }

        var i = items.BinarySearch(alias, StringComparer.Ordinal);
        if (i >= 0)
        {
            return false;
        }

        items.Insert(~i, alias);
        return true;
    }

    public List<string>.Enumerator GetEnumerator() => _items.GetEnumerator();

    /// <summary>A copy, in order.</summary>
    public List<string> ToList() => new(_items);

    /// <summary>
    /// A copy of exactly its size, for the extractor's projection: the set's own list serves the entity's next paper.
    /// An array, one object (32-40 bytes for the usual one or two aliases), where a list copy is two.
    /// </summary>
    public string[] HandOver() => _items.ToArray();

    /// <summary>The aliases themselves, in order: read them while the entity's paper is being merged, never keep them.</summary>
    public IReadOnlyList<string> Lent => _items;
}

/// <summary>The name key of the last name asked for (a name is replaced, never changed in place, so a reference test tells).</summary>
// No AggressiveOptimization on the loop-free one-liners here and in TokenStartingAt, NameKeys.Of and
// Tokenizer.NormaliseLower: a method marked so is rarely inlined, and these are called from inside other hot methods.
internal struct KeyMemo
{
    private string? _name;
    private string? _key;

    /// <summary>
    /// The key of <paramref name="name"/>: the first of <paramref name="mentions"/> when it bears that very name (its
    /// key is usually made already, or held by its term or parse), else from <see cref="NameKeys"/>.
    /// </summary>
    public string Of(string name, List<Mention> mentions)
    {
        if (!ReferenceEquals(_name, name) || _key is null)
        {
            _key = mentions.Count > 0 && ReferenceEquals(mentions[0].Name, name) ? mentions[0].Key : NameKeys.Of(name);
            _name = name;
        }

        return _key;
    }
}

/// <summary>
/// The <see cref="Mention"/> and <see cref="PaperEntity"/> objects of one thread's papers, made over for the next paper
/// once the paper that used them is done. A paper's mentions and entities die with its context, yet they were a third of
/// the extractor's allocations (~16 mentions of 80 bytes and ~10 entities of ~200 bytes with their lists a paper).
/// </summary>
/// <remarks>
/// A paper is known to be done when its context has been recycled (<see cref="PaperContext.Recycle"/>, after which the
/// context must not be used): the next context of the thread then holds the very entity table the done one held, as
/// that table only moves on through Recycle. When the next context holds another table (the last one was not recycled,
/// as in tests that keep several contexts), the objects handed out are left to their owners and the GC, and this starts
/// over with new ones.
/// </remarks>
internal sealed class PaperObjects
{
    [ThreadStatic]
    private static PaperObjects? _current;

    private readonly List<Mention> _mentions = new(64);
    private readonly List<PaperEntity> _entities = new(32);
    private int _mentionsUsed;
    private int _entitiesUsed;

    // The list handed to the owner's context as its mentions (null when none is kept), and whether it was.
    private List<Mention>? _list;
    private bool _listGiven;

    // The paper the objects handed out since the last start belong to, and the entity table its context held.
    private PaperContext? _owner;
    private object? _ownerEntities;

    // Above these counts (a very long text) further objects are made as usual and left to the GC.
    private const int MaxMentions = 1_024;
    private const int MaxEntities = 512;

    /// <summary>The thread's objects for <paramref name="ctx"/>: the first call for a paper starts it (see remarks).</summary>
    public static PaperObjects For(PaperContext ctx)
    {
        var objects = _current ??= new PaperObjects();
        if (!ReferenceEquals(objects._owner, ctx))
        {
            objects.Start(ctx);
        }

        return objects;
    }

    private void Start(PaperContext ctx)
    {
        if (!(_owner is not null && ReferenceEquals(ctx.Entities, _ownerEntities) && ctx.Entities.Count == 0))
        {
            // The last paper may still be in use: its objects stay its own.
            _mentions.RemoveRange(0, _mentionsUsed);
            _entities.RemoveRange(0, _entitiesUsed);
            if (_listGiven)
            {
                _list = null;
            }
        }

        _listGiven = false;
        _mentionsUsed = 0;
        _entitiesUsed = 0;
        _owner = ctx;
        _ownerEntities = ctx.Entities;
    }

    /// <summary>A list of <paramref name="from"/>'s mentions for the paper's context (one per paper, not one per call).</summary>
    public List<Mention> MentionList(List<Mention> from)
    {
        if (_listGiven || _list is null || _list.Capacity > MaxMentions)
        {
            _list = new List<Mention>(from);
        }
        else
        {
            _list.Clear();
            _list.AddRange(from);
        }

        _listGiven = true;
        return _list;
    }

    /// <summary>A mention with the values given (every other property as on a new mention).</summary>
    public Mention Mention(NodeLabel label, string name, string surface, int start, int end, string rule)
    {
        if (_mentionsUsed < _mentions.Count)
        {
            return _mentions[_mentionsUsed++].Renew(label, name, surface, start, end, rule);
        }

        var m = new Mention { Label = label, Name = name, Surface = surface, Start = start, End = end, Rule = rule };
        if (_mentions.Count < MaxMentions)
        {
            _mentions.Add(m);
            _mentionsUsed++;
        }

        return m;
    }

    /// <summary>An entity of <paramref name="label"/> named <paramref name="name"/> (every other member as on a new entity).</summary>
    public PaperEntity Entity(NodeLabel label, string name)
    {
        if (_entitiesUsed < _entities.Count)
        {
            return _entities[_entitiesUsed++].Renew(label, name);
        }

        var e = new PaperEntity { Label = label, Name = name };
        if (_entities.Count < MaxEntities)
        {
            _entities.Add(e);
            _entitiesUsed++;
        }

        return e;
    }
}
