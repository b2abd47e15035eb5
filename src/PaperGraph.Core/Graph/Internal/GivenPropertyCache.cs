using System.Runtime.CompilerServices;

namespace PaperGraph.Core;

/// <summary>
/// Per thread, the sorted shared property arrays (<see cref="PreparedPaper.SortedProperties"/>) last made, filed by
/// the very objects the extractor gave for them: keys are its literals, texts come from its string pool and numbers
/// are compared by their bits, so a set seen before is usually found without interning each value
/// (<see cref="ValueInterner"/>), sorting, and interning the array (<see cref="PropertyArrayInterner"/>), whose
/// lookups read the shared objects scattered over the heap. Same key and text objects and same number bits means
/// the same content, so the array found is one the full path would give an equal of; arrays are never written to.
/// </summary>
internal static class GivenPropertyCache
{
    /// <summary>Sets of up to this many non-null pairs are kept (an extracted relation carries four at most).</summary>
    public const int MaxPairs = 4;

    // A corpus's relations carry thousands of distinct sets: at 4,096 slots a fifth of the lookups met another set,
    // at 8,192 a tenth (64 KB a thread, and an entry of ~140 bytes a set kept).
    private const int SlotBits = 13;
    private const int SlotCount = 1 << SlotBits;

    [ThreadStatic]
    private static Entry?[]? _entries;

    /// <summary>
    /// The array made for the same pairs (keys and texts the same objects, numbers the same bits, in the same order)
    /// on this thread, or null; <paramref name="slot"/> is where <see cref="Remember"/> files them (-1: pairs of
    /// other kinds or too many, which are never kept).
    /// </summary>
    public static KeyValuePair<string, object?>[]? Find(ReadOnlySpan<KeyValuePair<string, object?>> given, out int slot)
    {
        slot = -1;
        if (given.Length > MaxPairs)
        {
            return null;
        }

        var identity = given.Length;
        foreach (var (key, value) in given)
        {
            int part;
            switch (value)
            {
                case string text:
                    part = RuntimeHelpers.GetHashCode(text);
                    break;
                case double number:
                    var bits = BitConverter.DoubleToInt64Bits(number);
                    part = (int)(bits ^ (bits >> 32)) * 17;
                    break;
                default:
                    return null;
            }

            identity = (identity * 31) + RuntimeHelpers.GetHashCode(key) + (part * 7);
        }

        slot = (int)((uint)(identity * -1640531527) >> (32 - SlotBits));
        var entry = (_entries ??= new Entry?[SlotCount])[slot];
        return entry is not null && entry.Matches(given) ? entry.Shared : null;
    }

    /// <summary>
    /// Files the array made for these pairs (the ones given to <see cref="Find"/>, before their values were interned)
    /// at the slot <see cref="Find"/> named.
    /// </summary>
    public static void Remember(int slot, ReadOnlySpan<KeyValuePair<string, object?>> given, KeyValuePair<string, object?>[] shared)
    {
        if (slot < 0)
        {
            return;
        }

        var entries = _entries ??= new Entry?[SlotCount];
        // The slot's entry is this thread's alone: it is overwritten rather than replaced.
        (entries[slot] ??= new Entry()).Set(given, shared);
    }

    // One set: its pairs as given (a text by its object, a number by its bits) and the shared sorted array.
    private sealed class Entry
    {
        private Items _items;
        private int _count;

        public KeyValuePair<string, object?>[] Shared { get; private set; } = [];

        public void Set(ReadOnlySpan<KeyValuePair<string, object?>> given, KeyValuePair<string, object?>[] shared)
        {
            for (var i = 0; i < given.Length; i++)
            {
                var (key, value) = given[i];
                _items[i] = value is string text ? new Item(key, text, 0) : new Item(key, null, BitConverter.DoubleToInt64Bits((double)value!));
            }

            for (var i = given.Length; i < MaxPairs; i++)
            {
                _items[i] = default;
            }

            _count = given.Length;
            Shared = shared;
        }

        public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> given)
        {
            if (given.Length != _count)
            {
                return false;
            }

            for (var i = 0; i < given.Length; i++)
            {
                var item = _items[i];
                var (key, value) = given[i];
                if (!ReferenceEquals(item.Key, key))
                {
                    return false;
                }

                var same = value is string text
                    ? ReferenceEquals(item.Text, text)
                    : item.Text is null && value is double number && item.Bits == BitConverter.DoubleToInt64Bits(number);
                if (!same)
                {
                    return false;
                }
            }

            return true;
        }
    }

    // A key with a text (by object) or, when the text is null, a number's bits.
    private readonly record struct Item(string? Key, string? Text, long Bits);

    [InlineArray(MaxPairs)]
    private struct Items
    {
        private Item _first;
    }
}
