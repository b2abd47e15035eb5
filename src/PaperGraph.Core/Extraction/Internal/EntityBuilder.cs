using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PaperGraph.Core;

/// <summary>
/// Merges mentions into per-paper entities (by label and matching key) with aliases and parsed properties.
/// </summary>
/// <remarks>
/// An entity's <see cref="PaperEntity.Properties"/> are gathered once, after its mentions are merged; mentions a rule
/// moves to an entity later add none. Techniques and benchmarks with the same acronym and category share one read-only
/// dictionary per thread: a dictionary's buckets and entries for each entity of each paper were a quarter of the
/// entity stage's allocations. A model's properties, which recur far less, are a small <see cref="PropertyMap"/> of
/// its own.
/// </remarks>
internal static class EntityBuilder
{
    // Once per paper, all loop: optimised at once rather than after a long tier-0 warm-up (see MentionFinder.Find).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Build(PaperContext ctx)
    {
        // At most one entity per mention: sized once instead of grown (the order of entries does not depend on it).
        var entities = ctx.Entities;
        entities.EnsureCapacity(ctx.Mentions.Count);
        var titled = ctx.Paper.Title.Length > 0;
        // Entities are made in the objects of the thread's last paper once that paper is done (see PaperObjects).
        var objects = PaperObjects.For(ctx);
        foreach (var m in ctx.Mentions)
        {
            var key = (m.Label, m.Key);
            if (key.Item2.Length == 0)
            {
                continue;
            }

            // One lookup that adds on a miss (the entry lands where the indexer would have put it).
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(entities, key, out _);
            var e = slot ??= objects.Entity(m.Label, m.Name);

            e.Mentions.Add(m);
            e.Aliases.Add(m.Name);
            e.Aliases.Add(m.Surface);
            if (m.HasExtraAliases)
            {
                foreach (var a in m.ExtraAliases)
                {
                    e.Aliases.Add(a);
                }
            }

            if (m.Sentence == 0 && titled)
            {
                e.InTitle = true;
            }

            if (m.Acronym is { } acr)
            {
                e.Aliases.Add(acr);
            }
        }

        // The properties once every entity has all its mentions, in the order a dictionary filled mention by mention
        // would enumerate them (each entity's additions come in its mentions' order either way).
        var table = PropertyTable.Current;
        foreach (var e in entities.Values)
        {
            e.Properties = table.Share(e);
        }
    }

    /// <summary>
    /// The property dictionaries shared by entities of one thread. Not thread-safe: one per thread. The dictionaries
    /// handed out are never changed afterwards, so any thread may read them.
    /// </summary>
    internal sealed class PropertyTable
    {
        // The keys in the order the builder adds them per mention; a property's index here is its id.
        internal static readonly string[] Keys = ["acronym", "category", "family", "parameters", "activeParameters", "version", "variant"];

        // The sets without model properties (an acronym, a category: those of techniques and benchmarks) seen recently,
        // direct-mapped by the identity of the two strings (the vocabulary's, and the pooled acronyms, recur as the
        // same objects; equal sets of other string objects merely get a dictionary of their own). A model's set (family,
        // size, version, variant) recurs far less: a table of 4,096 slots for all sets found 66% of them on 20k
        // synthetic abstracts, but its lookups missed the cache and the entity stage's share of the one-core build's
        // perf samples rose (non-GC: 2.8% -> 3.1-3.8%); with model sets left out it is back at 2.8%.
        private const int SlotBits = 10;

        // The Present bits of the model keys (family, parameters, activeParameters, version, variant).
        private const int ModelKeys = 0b111_1100;

        [ThreadStatic]
        private static PropertyTable? _current;

        private readonly Slot[] _slots = new Slot[1 << SlotBits];

        /// <summary>The table of the calling thread.</summary>
        public static PropertyTable Current => _current ??= new PropertyTable();

        /// <summary>
        /// The properties of <paramref name="e"/>'s mentions (per mention: acronym, category, the term's category, and
        /// for a model the parse's family, parameters, active parameters, version and variant; the first value of a
        /// key wins), as a dictionary shared with earlier entities of the same properties, or the entity's current (empty)
        /// ones when its mentions carry none.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public IReadOnlyDictionary<string, object?> Share(PaperEntity e)
        {
            var set = default(PropertySet);
            foreach (var m in e.Mentions)
            {
                set.TryAdd(0, m.Acronym);
                set.TryAdd(1, m.Category);
                set.TryAdd(1, m.Term?.Category);
                if (m.Model is { } p && m.Label == NodeLabel.Model)
                {
                    set.TryAdd(2, p.Family?.Stem ?? p.Stem);
                    set.TryAdd(3, p.Parameters);
                    set.TryAdd(4, p.ActiveParameters);
                    set.TryAdd(5, p.Version);
                    set.TryAdd(6, p.Variant);
                }
            }

            return set.Count == 0 ? e.Properties : Share(ref set);
        }

        private IReadOnlyDictionary<string, object?> Share(ref PropertySet set)
        {
            if ((set.Present & ModelKeys) != 0)
            {
                return new PropertyMap(ref set);
            }

            var acronym = set.Values[0];
            var category = set.Values[1];
            var hash = (uint)set.Order * 0x9E3779B9u;
            hash = (hash ^ (uint)RuntimeHelpers.GetHashCode(acronym)) * 0x9E3779B9u;
            hash = (hash ^ (uint)RuntimeHelpers.GetHashCode(category)) * 0x9E3779B9u;
            ref var slot = ref _slots[hash >> (32 - SlotBits)];
            if (slot.Properties is { } shared && slot.Order == set.Order && ReferenceEquals(slot.Acronym, acronym) && ReferenceEquals(slot.Category, category))
            {
                return shared;
            }

            var made = Made(ref set);
            slot = new Slot(set.Order, acronym, category, made);
            return made;
        }

        private static Dictionary<string, object?> Made(ref PropertySet set)
        {
            var made = new Dictionary<string, object?>(set.Count, StringComparer.Ordinal);
            for (var order = set.Order; order != 0; order >>= 3)
            {
                var id = (order & 7) - 1;
                made.Add(Keys[id], set.Values[id]);
            }

            return made;
        }

        private readonly record struct Slot(int Order, string? Acronym, string? Category, Dictionary<string, object?>? Properties);
    }

    /// <summary>
    /// The properties of one entity, read-only, enumerated in the order they were added (as a dictionary filled that way
    /// without removals enumerates them). A model's set is made for each model entity of each paper, and a dictionary's
    /// object, buckets and entries took ~300 bytes for four properties, with a string hash per key; this takes 80, plus
    /// one enumerator when the graph build walks it.
    /// </summary>
    internal sealed class PropertyMap : IReadOnlyDictionary<string, object?>
    {
        private readonly PropertyValues _values;
        private readonly int _order;

        /// <summary>A map of <paramref name="set"/>'s properties (which is read, not kept).</summary>
        public PropertyMap(ref PropertySet set)
        {
            _values = set.Values;
            _order = set.Order;
            Count = set.Count;
        }

        /// <inheritdoc/>
        public int Count { get; }

        /// <inheritdoc/>
        public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No property '{key}'.");

        /// <inheritdoc/>
        public IEnumerable<string> Keys => this.Select(p => p.Key);

        /// <inheritdoc/>
        public IEnumerable<object?> Values => this.Select(p => p.Value);

        /// <inheritdoc/>
        public bool ContainsKey(string key) => TryGetValue(key, out _);

        /// <inheritdoc/>
        public bool TryGetValue(string key, out object? value)
        {
            ArgumentNullException.ThrowIfNull(key);
            var id = Array.IndexOf(PropertyTable.Keys, key);
            // A key's value is never null when present (PropertySet.TryAdd skips nulls).
            value = id >= 0 ? _values[id] : null;
            return value is not null;
        }

        /// <inheritdoc/>
        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => new Enumerator(this);

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        private sealed class Enumerator(PropertyMap map) : IEnumerator<KeyValuePair<string, object?>>
        {
            // The key ids not yet given, three bits each (see PropertySet.Order), and the one given last plus one.
            private int _rest = map._order;
            private int _current;

            public KeyValuePair<string, object?> Current =>
                _current == 0 ? default : new(PropertyTable.Keys[_current - 1], map._values[_current - 1]);

            object System.Collections.IEnumerator.Current => Current;

            public bool MoveNext()
            {
                _current = _rest & 7;
                _rest >>= 3;
                return _current != 0;
            }

            public void Reset()
            {
                _rest = map._order;
                _current = 0;
            }

            public void Dispose()
            {
            }
        }
    }

    /// <summary>One value per property id.</summary>
    [InlineArray(PropertySet.Size)]
    internal struct PropertyValues
    {
        private string? _first;
    }

    /// <summary>The properties of one entity being gathered: a value per key, and the order the keys came in.</summary>
    internal struct PropertySet
    {
        public const int Size = 7;

        /// <summary>The values by key id (see <see cref="PropertyTable.Keys"/>); null where the key is absent.</summary>
        public PropertyValues Values;

        /// <summary>Key ids plus one, three bits each, the first added in the lowest bits.</summary>
        public int Order;

        public int Count;

        /// <summary>Bit <c>id</c> set for each key with a value.</summary>
        public int Present;

        /// <summary>Sets key <paramref name="id"/> to <paramref name="value"/> unless it has a value or the value is null.</summary>
        public void TryAdd(int id, string? value)
        {
            if (value is null || Values[id] is not null)
            {
                return;
            }

            Values[id] = value;
            Order |= (id + 1) << (3 * Count);
            Present |= 1 << id;
            Count++;
        }
    }
}
