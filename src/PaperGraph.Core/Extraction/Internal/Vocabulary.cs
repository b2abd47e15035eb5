using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace PaperGraph.Core;

/// <summary>A model family stem of the grammar's vocabulary (seeds/vocab/models.json).</summary>
internal sealed record FamilyEntry(string Stem, string? Organization, bool Standalone, bool CaseInsensitive);

/// <summary>A curated term: technique, benchmark or organisation, with the surface forms that name it.</summary>
internal sealed record TermEntry(
    NodeLabel Label, string Name, string? Acronym, IReadOnlyList<string> Aliases, string? Category, bool NeedsContext)
{
    /// <summary><see cref="NameKey.Of"/> of <see cref="Name"/>, made once: every mention of the term is looked up by it.</summary>
    public string Key { get; } = NameKeys.Compute(Name);
}

/// <summary>The curated vocabularies, read from JSON data files (embedded in Core, or a directory that overrides them).</summary>
internal sealed class Vocabulary
{
    private static readonly string[] Files = ["models.json", "techniques.json", "benchmarks.json", "organizations.json"];

    public required IReadOnlyList<FamilyEntry> Families { get; init; }

    public required HashSet<string> VariantWords { get; init; }

    public required HashSet<string> LowercaseSuffixes { get; init; }

    public required HashSet<string> StopStems { get; init; }

    public required IReadOnlyList<TermEntry> Terms { get; init; }

    public required TermTrie Trie { get; init; }

    /// <summary>Organisation names by matching key (for the brand-vs-organisation decision).</summary>
    public required Dictionary<string, TermEntry> OrganizationsByKey { get; init; }

    /// <summary>Technique acronyms (case-sensitive) to their term.</summary>
    public required Dictionary<string, TermEntry> TechniqueAcronyms { get; init; }

    // Run once per process on a small vocabulary: compiled without optimisation (a fraction of the JIT time; Core is
    // jitted, with quick JIT off, so every method is otherwise compiled fully optimised on first call).
    [MethodImpl(MethodImplOptions.NoOptimization)]
    public static Vocabulary Load(string? directory)
    {
        var docs = new Dictionary<string, JsonDocument>(StringComparer.Ordinal);
        try
        {
            foreach (var file in Files)
            {
                docs[file] = Open(directory, file);
            }

            return Build(docs);
        }
        finally
        {
            foreach (var doc in docs.Values)
            {
                doc.Dispose();
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoOptimization)]
    private static JsonDocument Open(string? directory, string file)
    {
        Stream stream;
        string where;
        if (directory is not null)
        {
            where = Path.Combine(directory, file);
            if (!File.Exists(where))
            {
                throw new FileNotFoundException($"Vocabulary file {where} not found (the directory must hold {string.Join(", ", Files)}).", where);
            }

            stream = File.OpenRead(where);
        }
        else
        {
            where = "embedded:" + file;
            stream = typeof(Vocabulary).Assembly.GetManifestResourceStream("PaperGraph.Core.Vocab." + file)
                     ?? throw new InvalidOperationException($"Embedded vocabulary {file} is missing from PaperGraph.Core.");
        }

        using (stream)
        {
            try
            {
                return JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{where}: invalid JSON at line {ex.LineNumber + 1}: {ex.Message}", ex);
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoOptimization)]
    private static Vocabulary Build(Dictionary<string, JsonDocument> docs)
    {
        var models = docs["models.json"].RootElement;
        var families = new List<FamilyEntry>();
        foreach (var f in models.GetProperty("families").EnumerateArray())
        {
            families.Add(new FamilyEntry(
                f.GetProperty("stem").GetString()!,
                f.TryGetProperty("organization", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString() : null,
                f.TryGetProperty("standalone", out var s) && s.GetBoolean(),
                f.TryGetProperty("caseInsensitive", out var c) && c.GetBoolean()));
        }

        families.Sort((a, b) => b.Stem.Length.CompareTo(a.Stem.Length));

        var terms = new List<TermEntry>();
        ReadTerms(docs["techniques.json"].RootElement, NodeLabel.Technique, terms);
        ReadTerms(docs["benchmarks.json"].RootElement, NodeLabel.Benchmark, terms);
        ReadTerms(docs["organizations.json"].RootElement, NodeLabel.Organization, terms);

        var trie = new TermTrie();
        var orgs = new Dictionary<string, TermEntry>(StringComparer.Ordinal);
        var acronyms = new Dictionary<string, TermEntry>(StringComparer.Ordinal);
        for (var i = 0; i < terms.Count; i++)
        {
            var t = terms[i];
            trie.Add(t.Name, i);
            if (t.Acronym is { } acr)
            {
                trie.Add(acr, i);
                if (t.Label == NodeLabel.Technique)
                {
                    acronyms.TryAdd(acr, t);
                }
            }

            foreach (var a in t.Aliases)
            {
                trie.Add(a, i);
            }

            if (t.Label == NodeLabel.Organization)
            {
                orgs.TryAdd(NameKey.Of(t.Name), t);
                foreach (var a in t.Aliases)
                {
                    orgs.TryAdd(NameKey.Of(a), t);
                }
            }
        }

        return new Vocabulary
        {
            Families = families,
            VariantWords = Strings(models, "variantWords", StringComparer.Ordinal),
            LowercaseSuffixes = Strings(models, "lowercaseSuffixes", StringComparer.Ordinal),
            StopStems = Strings(models, "stopStems", StringComparer.Ordinal),
            Terms = terms,
            Trie = trie,
            OrganizationsByKey = orgs,
            TechniqueAcronyms = acronyms,
        };
    }

    [MethodImpl(MethodImplOptions.NoOptimization)]
    private static HashSet<string> Strings(JsonElement root, string name, StringComparer comparer)
    {
        var set = new HashSet<string>(comparer);
        if (root.TryGetProperty(name, out var arr))
        {
            foreach (var e in arr.EnumerateArray())
            {
                set.Add(e.GetString()!);
            }
        }

        return set;
    }

    [MethodImpl(MethodImplOptions.NoOptimization)]
    private static void ReadTerms(JsonElement root, NodeLabel label, List<TermEntry> into)
    {
        foreach (var e in root.EnumerateArray())
        {
            var aliases = new List<string>();
            if (e.TryGetProperty("aliases", out var al))
            {
                foreach (var a in al.EnumerateArray())
                {
                    aliases.Add(a.GetString()!);
                }
            }

            into.Add(new TermEntry(
                label,
                e.GetProperty("name").GetString()!,
                e.TryGetProperty("acronym", out var acr) && acr.ValueKind == JsonValueKind.String ? acr.GetString() : null,
                aliases,
                e.TryGetProperty("category", out var cat) && cat.ValueKind == JsonValueKind.String ? cat.GetString() : null,
                e.TryGetProperty("needsContext", out var nc) && nc.GetBoolean()));
        }
    }

    // Span lookups: the hot loops test words of the text without making a string of each.
    // The lookups are made once (GetAlternateLookup checks the comparer on every call); the sets never change after
    // loading, and a race only makes the same lookups twice.
    // The grammar asks these of most capitalised words and of the word after them: a word whose first character no
    // entry starts with is answered without hashing it.
    public bool IsStopStem(ReadOnlySpan<char> word)
    {
        var spans = Spans;
        return spans.StopStemInitials.MayStart(word) && spans.StopStems.Contains(word);
    }

    public bool IsVariantWord(ReadOnlySpan<char> word)
    {
        var spans = Spans;
        return spans.VariantWordInitials.MayStart(word) && spans.VariantWords.Contains(word);
    }

    public bool IsLowercaseSuffix(ReadOnlySpan<char> word)
    {
        var spans = Spans;
        return spans.LowercaseSuffixInitials.MayStart(word) && spans.LowercaseSuffixes.Contains(word);
    }

    public bool IsTechniqueAcronym(ReadOnlySpan<char> word) => Spans.TechniqueAcronyms.ContainsKey(word);

    /// <summary>
    /// <c>OrganizationsByKey.ContainsKey(NameKey.Of(name))</c> without making the name or its key as strings: the
    /// grammar asks it of words that are mostly seen once (new model stems).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool IsOrganisationKeyOf(ReadOnlySpan<char> name)
    {
        if (name.Length <= NameKeys.MaxStackName)
        {
            Span<char> key = stackalloc char[name.Length];
            if (NameKeys.TryWriteKey(name, key, out var n))
            {
                return Spans.Organizations.ContainsKey(key[..n]);
            }
        }

        return OrganizationsByKey.ContainsKey(NameKey.Of(name.ToString()));
    }

    private SpanLookups? _spans;

    private SpanLookups Spans => _spans ??= new SpanLookups(this);

    private sealed class SpanLookups(Vocabulary v)
    {
        public readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StopStems = v.StopStems.GetAlternateLookup<ReadOnlySpan<char>>();
        public readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> VariantWords = v.VariantWords.GetAlternateLookup<ReadOnlySpan<char>>();
        public readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> LowercaseSuffixes = v.LowercaseSuffixes.GetAlternateLookup<ReadOnlySpan<char>>();
        public readonly Dictionary<string, TermEntry>.AlternateLookup<ReadOnlySpan<char>> TechniqueAcronyms = v.TechniqueAcronyms.GetAlternateLookup<ReadOnlySpan<char>>();
        public readonly Dictionary<string, TermEntry>.AlternateLookup<ReadOnlySpan<char>> Organizations = v.OrganizationsByKey.GetAlternateLookup<ReadOnlySpan<char>>();
        public readonly Initials StopStemInitials = new(v.StopStems);
        public readonly Initials VariantWordInitials = new(v.VariantWords);
        public readonly Initials LowercaseSuffixInitials = new(v.LowercaseSuffixes);
    }

    /// <summary>
    /// The first characters of a set of words: false from <see cref="MayStart"/> means no word of the set can equal the
    /// word asked about; true means it may (the set decides).
    /// </summary>
    internal readonly struct Initials
    {
        private readonly UInt128 _ascii;
        private readonly bool _other;
        private readonly bool _empty;

        public Initials(IEnumerable<string> words)
        {
            foreach (var w in words)
            {
                if (w.Length == 0)
                {
                    _empty = true;
                }
                else if (w[0] < 128)
                {
                    _ascii |= UInt128.One << w[0];
                }
                else
                {
                    _other = true;
                }
            }
        }

        public bool MayStart(ReadOnlySpan<char> word)
        {
            if (word.IsEmpty)
            {
                return _empty;
            }

            var c = word[0];
            return c < 128 ? ((_ascii >> c) & UInt128.One) != UInt128.Zero : _other;
        }
    }

    /// <summary>The family whose stem starts this token, if the rest of the token can continue a name.</summary>
    // Called for every token of every paper: compiled optimised at once rather than after a long tier-0 warm-up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public FamilyEntry? FamilyOf(ReadOnlySpan<char> token, out int stemLength)
    {
        stemLength = 0;
        if (token.IsEmpty)
        {
            return null;
        }

        // Only stems with the token's first letter (either case) can match: a scan of every family per token was
        // the extractor's hottest loop. For an ASCII first letter the list is narrowed further to the families that
        // can match that exact letter (the same stem, or a case-insensitive stem before a capital).
        FamilyEntry[]? candidates;
        if (token[0] < 128)
        {
            candidates = (_familiesByAscii ??= IndexFamiliesByAscii(Families))[token[0]];
        }
        else if (!(_familiesByInitial ??= IndexFamilies(Families)).TryGetValue(char.ToLowerInvariant(token[0]), out candidates))
        {
            return null;
        }

        foreach (var f in candidates)
        {
            var stem = f.Stem;
            if (token.Length < stem.Length)
            {
                continue;
            }

            var head = token[..stem.Length];
            var match = head.Equals(stem, StringComparison.Ordinal)
                        || (f.CaseInsensitive && char.IsUpper(token[0]) && head.Equals(stem, StringComparison.OrdinalIgnoreCase));
            if (!match)
            {
                continue;
            }

            if (token.Length == stem.Length || char.IsDigit(token[stem.Length]) || char.IsUpper(token[stem.Length]))
            {
                stemLength = stem.Length;
                return f;
            }
        }

        stemLength = 0;
        return null;
    }

    /// <summary>False when no family stem can start a token whose first character is the ASCII <paramref name="c"/>.</summary>
    public bool MayStartFamily(char c) => (_familiesByAscii ??= IndexFamiliesByAscii(Families))[c].Length > 0;

    private Dictionary<char, FamilyEntry[]>? _familiesByInitial;

    private FamilyEntry[][]? _familiesByAscii;

    private static FamilyEntry[][] IndexFamiliesByAscii(IReadOnlyList<FamilyEntry> families)
    {
        var table = new FamilyEntry[128][];
        for (var c = (char)0; c < 128; c++)
        {
            var first = c;
            table[c] = families.Where(f => f.Stem.Length > 0 && char.ToLowerInvariant(f.Stem[0]) == char.ToLowerInvariant(first)
                                           && (f.Stem[0] == first || (f.CaseInsensitive && char.IsUpper(first)))).ToArray();
        }

        return table;
    }

    // Keeps the families' order within each initial, so the first match is the same as in a full scan.
    private static Dictionary<char, FamilyEntry[]> IndexFamilies(IReadOnlyList<FamilyEntry> families) =>
        families.Where(f => f.Stem.Length > 0)
            .GroupBy(f => char.ToLowerInvariant(f.Stem[0]))
            .ToDictionary(g => g.Key, g => g.ToArray());

    /// <summary>Embedded resource names, for diagnostics.</summary>
    internal static IEnumerable<string> EmbeddedNames() => Assembly.GetExecutingAssembly().GetManifestResourceNames();
}
