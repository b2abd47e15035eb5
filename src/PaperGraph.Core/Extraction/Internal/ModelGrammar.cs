using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace PaperGraph.Core;

/// <summary>
/// A model name parsed by <see cref="ModelGrammar"/>: what the name says, not where it stands (the mention holds the
/// offsets), so every occurrence of the same name in a thread's recent papers shares one parse.
/// </summary>
internal sealed record ModelParse(
    string Name,
    FamilyEntry? Family,
    string Stem,
    string Line,
    string? Version,
    string? Parameters,
    string? ActiveParameters,
    string? Variant,
    bool Bare)
{
    private readonly string _name = Name;

    /// <summary>The name as parsed (or as set by <c>with</c>, which also renews <see cref="Key"/>).</summary>
    public string Name
    {
        get => _name;
        init
        {
            _name = value;
            Key = NameKeys.Of(value);
        }
    }

    /// <summary>
    /// <see cref="NameKey.Of"/> of <see cref="Name"/>, made with the parse: a parse is shared by every occurrence of its
    /// name, and each mention of it is looked up by this key.
    /// </summary>
    public string Key { get; private init; } = NameKeys.Of(Name);

    /// <summary>Numeric version for ordering a line (V1.5 -> 1.5); 0 when there is none.</summary>
    public double VersionNumber
    {
        get
        {
            if (Version is null)
            {
                return 0;
            }

            var digits = new string(Version.SkipWhile(c => !char.IsDigit(c)).TakeWhile(c => char.IsDigit(c) || c == '.').ToArray());
            return double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0;
        }
    }
}

/// <summary>
/// The model-name grammar: a family stem (known from the vocabulary, or an unknown capitalised stem that is followed by
/// a version or size), then version (V3, -2, 2.5, v1.5), size (7B, 8x7B, A570M active) and variant/release words
/// (Base, Chat, Instruct, mini, Flash, ...) joined by '-', ' ' or nothing. Works on tokens, left to right, no backtracking.
/// </summary>
internal sealed class ModelGrammar(Vocabulary vocabulary)
{
    /// <summary>
    /// The model name that starts at token <paramref name="i"/>, or null; <paramref name="endToken"/> is the index after
    /// its last token (undefined when null). The parse may be shared with earlier occurrences of the same name: it is
    /// immutable, and changed copies are made with <c>with</c>.
    /// </summary>
    // Called for every token of every paper: compiled optimised at once rather than after a long tier-0 warm-up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ModelParse? ParseAt(string text, List<Token> tokens, int i, out int endToken)
    {
        endToken = i + 1;
        var tok = tokens[i];
        var s = text.AsSpan(tok.Start, tok.Length);

        // Inside a hyphenated compound ("FinRL-DeepSeek", "LLM-Infused"): not a start.
        if (i > 0 && tokens[i - 1].End == tok.Start - 1 && text[tok.Start - 1] == '-')
        {
            return null;
        }

        if (!MayStartAt(text, tokens, i))
        {
            return null;
        }

        var family = vocabulary.FamilyOf(s, out var stemLength);
        if (family is null && char.IsLower(s[0]) && DigitAfterHyphen(text, tokens, i))
        {
            // "phi-3-mini", "llama-2-7b": a lower-cased family stem still names a model before "-<digit>".
            Span<char> upper = stackalloc char[s.Length];
            s.CopyTo(upper);
            upper[0] = char.ToUpperInvariant(upper[0]);
            family = vocabulary.FamilyOf(upper, out stemLength);
            if (family is not null && family.Stem.Length != s.Length)
            {
                family = null;
            }
        }
        // Most tokens start no name: leave before anything is allocated. An unknown stem needs a glued version or a
        // next token the loop below could take (tested first: it turns most capitalised words away, as the next word
        // is an ordinary one, more cheaply than the stem test and its hash lookup).
        if (family is null && ((GluedVersionSplit(s) <= 0 && !MayExtend(text, tokens, i)) || !IsUnknownStem(s)))
        {
            return null;
        }

        // Phase one reads the name as offsets into the text and allocates nothing: most parse attempts (a capitalised
        // word before a hyphen, say) turn out not to be names. Only a valid parse makes its strings, from the per-thread
        // pool, as the same names recur paper after paper.
        var parts = _parts ??= new Parts();
        var variants = parts.Variants;
        var lineParts = parts.LineParts;
        variants.Clear();
        lineParts.Clear();
        Piece version = default, size = default, active = default;
        var versionPrefix = '\0';
        var hasDottedVersion = false;
        var hasLetterVersion = false;
        var hasIntVersion = false;

        if (family is not null)
        {
            lineParts.Add(new Piece(tok.Start, stemLength));
            if (stemLength < s.Length)
            {
                ClassifyGlued(s[stemLength..], tok.Start + stemLength, ref version, ref size, variants, lineParts, ref versionPrefix);
            }
        }
        else
        {
            // A glued dotted version makes a name by itself: "MinerU2.0".
            var split = GluedVersionSplit(s);
            if (split > 0)
            {
                lineParts.Add(new Piece(tok.Start, split));
                version = new Piece(tok.Start + split, s.Length - split);
                hasDottedVersion = s[split..].Contains('.');
            }
            else
            {
                lineParts.Add(new Piece(tok.Start, s.Length));
            }
        }

        var last = i;
        for (var j = i + 1; j < tokens.Count; j++)
        {
            var tj = tokens[j];
            var gap = text.AsSpan(tokens[j - 1].End, tj.Start - tokens[j - 1].End);
            var t = text.AsSpan(tj.Start, tj.Length);
            var whole = new Piece(tj.Start, tj.Length);
            var hyphen = gap is "-";
            var space = gap is " ";
            if (gap is " - " or " -- " or " – " && (vocabulary.IsVariantWord(t) || vocabulary.IsLowercaseSuffix(t)))
            {
                // "Mistral 7B -- Instruct", "Mixtral 8x7B - Instruct".
                variants.Add(whole);
                lineParts.Add(whole);
                last = j;
                continue;
            }

            if (!hyphen && !space)
            {
                break;
            }

            var accepted = false;
            if (IsSize(t))
            {
                if (space && family is null && !IsStrongStem(s) && !(j == i + 1 && !IsQuantityWord(text, tokens, j + 1)
                                                                     && !vocabulary.IsOrganisationKeyOf(s)))
                {
                    break;
                }

                size = whole;
                accepted = true;
            }
            else if (IsActive(t))
            {
                active = new Piece(tj.Start + 1, tj.Length - 1);
                accepted = true;
            }
            else if (IsLetterVersion(t))
            {
                version = whole;
                versionPrefix = t[0] is 'V' or 'v' ? 'V' : t[0];
                hasLetterVersion = true;
                accepted = true;
            }
            else if (IsNumber(t))
            {
                // "Llama-2", "Gemini 2.0": a bare number is a version after a known stem, or after a hyphen.
                if (version.Length == 0 && (family is not null || hyphen))
                {
                    version = whole;
                    hasDottedVersion |= t.Contains('.');
                    hasIntVersion |= !t.Contains('.');
                    accepted = true;
                }
                else if (version.Length != 0 && hyphen)
                {
                    accepted = true; // a release code after the version: "OLMo-2-1124"
                }
            }
            else if (space)
            {
                if (vocabulary.IsVariantWord(t))
                {
                    variants.Add(whole);
                    lineParts.Add(whole);
                    accepted = true;
                }
            }
            else
            {
                // After a hyphen: any capitalised word, a digit-led version ("4o"), or a known lower-case suffix.
                if (char.IsUpper(t[0]) || vocabulary.IsLowercaseSuffix(t) || vocabulary.FamilyOf(t, out _) is not null)
                {
                    var split = GluedVersionSplit(t);
                    if (split > 0 && !IsSize(t))
                    {
                        lineParts.Add(new Piece(tj.Start, split));
                        variants.Add(new Piece(tj.Start, split));
                        version = new Piece(tj.Start + split, tj.Length - split);
                        hasDottedVersion |= t[split..].Contains('.');
                        hasLetterVersion = true;
                    }
                    else
                    {
                        variants.Add(whole);
                        lineParts.Add(whole);
                    }

                    accepted = true;
                }
                else if (char.IsDigit(t[0]) && t.Length <= 3 && char.IsLetter(t[^1]) && t[^1] is 'o')
                {
                    version = whole; // "ChatGPT-4o"
                    accepted = true;
                }
            }

            if (!accepted)
            {
                break;
            }

            last = j;
        }

        var bare = last == i && version.Length == 0 && size.Length == 0 && variants.Count == 0;
        if (family is null)
        {
            var valid = size.Length != 0 || hasLetterVersion || hasDottedVersion || (hasIntVersion && (variants.Count > 0 || active.Length != 0));
            if (!valid)
            {
                return null;
            }
        }
        else if (bare && !family.Standalone)
        {
            return null;
        }

        var start = tokens[i].Start;
        var end = tokens[last].End;
        endToken = last + 1;
        var surface = text.AsSpan(start, end - start);
        // A parse follows from its text alone (the family from its first word, every piece from its tokens), so a name
        // seen before reuses the parse made for it then: no strings and no parse object per occurrence.
        if (!parts.TryGetMade(surface, out var made) || !ReferenceEquals(made.Family, family) || made.Bare != bare)
        {
            var pool = StringPool.Current;
            // A bare family name of one token is the family's own string (one token holds no white space to collapse).
            var name = bare && family is not null && surface.SequenceEqual(family.Stem) ? family.Stem : Collapse(surface, pool);
            var stem = family?.Stem ?? pool.Get(s);
            // A line of the stem alone ("Thorkra 145B", "Llama 3") is the stem's string: no second pool lookup.
            var line = lineParts.Count == 1 && versionPrefix == '\0' && text.AsSpan(lineParts[0].Start, lineParts[0].Length).SequenceEqual(stem)
                ? stem
                : Joined(text, lineParts, '-', versionPrefix, parts, pool);
            made = new ModelParse(name, family, stem, line,
                version.Length == 0 ? null : pool.Get(text.AsSpan(version.Start, version.Length)),
                size.Length == 0 ? null : NormaliseSize(text.AsSpan(size.Start, size.Length), pool),
                active.Length == 0 ? null : NormaliseSize(text.AsSpan(active.Start, active.Length), pool),
                variants.Count > 0 ? Joined(text, variants, ' ', '\0', parts, pool) : null, bare);
            parts.Remember(surface.SequenceEqual(name) ? name : surface.ToString(), made);
        }

        return made;
    }

    /// <summary>
    /// False when no name can start at token <paramref name="i"/> (<see cref="ParseAt"/> would return null at once): a
    /// caller walking every token asks this first, inlined, and calls ParseAt only for the few tokens left.
    /// </summary>
    // Most tokens are lower-case words, digits or punctuation that no family stem starts with and that cannot be an
    // unknown stem (which needs a capital): gone before the family search, unless a "-<digit>" follows (the lower-cased
    // stem case of ParseAt).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MayStartAt(string text, List<Token> tokens, int i)
    {
        var c0 = text[tokens[i].Start];
        return c0 >= 128 || char.IsAsciiLetterUpper(c0) || vocabulary.MayStartFamily(c0)
               || (char.IsAsciiLetterLower(c0) && DigitAfterHyphen(text, tokens, i));
    }

    /// <summary>"-&lt;digit&gt;" right after token <paramref name="i"/>: "llama-2", "phi-3".</summary>
    private static bool DigitAfterHyphen(string text, List<Token> tokens, int i)
    {
        var end = tokens[i].End;
        return i + 1 < tokens.Count && tokens[i + 1].Start == end + 1 && text[end] == '-' && char.IsDigit(text[end + 1]);
    }

    /// <summary>A part of the text, by offset and length.</summary>
    private readonly record struct Piece(int Start, int Length);

    private sealed class Parts
    {
        public List<Piece> Variants { get; } = [];

        public List<Piece> LineParts { get; } = [];

        public char[] Buffer { get; set; } = new char[128];

        // Two generations of at most MadeLimit parses each: when the newer one is full, the older is emptied and takes
        // its place. A name still in use is found in the older generation and moved back into the newer, so the names a
        // thread keeps meeting survive a turnover; clearing one table at its limit dropped them all (about half the
        // parses were then made a second time).
        private const int MadeLimit = 4096;

        private Generation _newer = new();
        private Generation _older = new();

        /// <summary>The parse made lately from <paramref name="surface"/>, or false.</summary>
        public bool TryGetMade(ReadOnlySpan<char> surface, [MaybeNullWhen(false)] out ModelParse made)
        {
            if (_newer.BySpan.TryGetValue(surface, out made))
            {
                return true;
            }

            if (!_older.BySpan.TryGetValue(surface, out var key, out made))
            {
                return false;
            }

            Remember(key, made);
            return true;
        }

        /// <summary>Remembers <paramref name="made"/> as the parse of <paramref name="surface"/>.</summary>
        public void Remember(string surface, ModelParse made)
        {
            if (_newer.Table.Count >= MadeLimit)
            {
                (_newer, _older) = (_older, _newer);
                _newer.Table.Clear();
            }

            _newer.Table[surface] = made;
        }

        private sealed class Generation
        {
            public readonly Dictionary<string, ModelParse> Table;
            public readonly Dictionary<string, ModelParse>.AlternateLookup<ReadOnlySpan<char>> BySpan;

            public Generation()
            {
                Table = new Dictionary<string, ModelParse>(StringComparer.Ordinal);
                BySpan = Table.GetAlternateLookup<ReadOnlySpan<char>>();
            }
        }
    }

    [ThreadStatic]
    private static Parts? _parts;

    /// <summary>The pieces joined by <paramref name="separator"/>, then "|" and the version prefix when there is one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string Joined(string text, List<Piece> pieces, char separator, char prefix, Parts parts, StringPool pool)
    {
        var length = pieces.Count - 1 + (prefix != '\0' ? 2 : 0);
        foreach (var p in pieces)
        {
            length += p.Length;
        }

        if (parts.Buffer.Length < length)
        {
            parts.Buffer = new char[Math.Max(length, parts.Buffer.Length * 2)];
        }

        var buffer = parts.Buffer.AsSpan();
        var n = 0;
        for (var k = 0; k < pieces.Count; k++)
        {
            if (k > 0)
            {
                buffer[n++] = separator;
            }

            text.AsSpan(pieces[k].Start, pieces[k].Length).CopyTo(buffer[n..]);
            n += pieces[k].Length;
        }

        if (prefix != '\0')
        {
            buffer[n++] = '|';
            buffer[n++] = prefix;
        }

        return pool.Get(buffer[..n]);
    }

    /// <summary>
    /// False when the token after an unknown stem certainly ends the name at once (the loop in <see cref="ParseAt"/>
    /// would accept nothing), true when it might not.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool MayExtend(string text, List<Token> tokens, int i)
    {
        if (i + 1 >= tokens.Count)
        {
            return false;
        }

        var gap = text.AsSpan(tokens[i].End, tokens[i + 1].Start - tokens[i].End);
        if (gap is "-" or " - " or " -- " or " – ")
        {
            return true;
        }

        if (gap is not " ")
        {
            return false;
        }

        var t = text.AsSpan(tokens[i + 1].Start, tokens[i + 1].Length);
        return IsSize(t) || IsActive(t) || IsLetterVersion(t) || vocabulary.IsVariantWord(t);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ClassifyGlued(ReadOnlySpan<char> rest, int at, ref Piece version, ref Piece size, List<Piece> variants, List<Piece> lineParts, ref char versionPrefix)
    {
        var whole = new Piece(at, rest.Length);
        if (IsSize(rest))
        {
            size = whole;
        }
        else if (char.IsDigit(rest[0]))
        {
            version = whole;
        }
        else if (IsLetterVersion(rest))
        {
            version = whole;
            versionPrefix = 'V';
        }
        else
        {
            var split = GluedVersionSplit(rest);
            if (split > 0)
            {
                variants.Add(new Piece(at, split));
                lineParts.Add(new Piece(at, split));
                version = new Piece(at + split, rest.Length - split);
            }
            else
            {
                variants.Add(whole);
                lineParts.Add(whole);
            }
        }
    }

    // "Trixus 72B demonstrates": a capitalised unknown stem and a spaced size name a model unless the size measures
    // something ("over 7B tokens", "Only 2.8B activated").
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsQuantityWord(string text, List<Token> tokens, int k)
    {
        if (k >= tokens.Count)
        {
            return false;
        }

        var w = text.AsSpan(tokens[k].Start, tokens[k].Length);
        return w is "tokens" or "token" or "parameters" or "parameter" or "params" or "words" or "images" or "samples" or "of" or "total"
            or "active" or "activated" or "training" or "math" or "code" or "high" or "to";
    }

    // Called for every token of every paper: compiled optimised at once rather than after a long tier-0 warm-up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool IsUnknownStem(ReadOnlySpan<char> s)
    {
        if (s.Length < 2 || !char.IsUpper(s[0]))
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '.')
            {
                return false;
            }
        }

        // Letters then digits only ("H800", "FP8", "GSM8K", "A100") is a hardware, format or benchmark code.
        var firstDigit = s.IndexOfAnyInRange('0', '9');
        if (firstDigit > 0 && firstDigit <= 3 && GluedVersionSplit(s) <= 0)
        {
            return false;
        }

        // The hash lookup last, for the words the tests above left.
        return !vocabulary.IsStopStem(s);
    }

    /// <summary>A stem strong enough to take a size after a space: CamelCase or several capitals ("GShard 2.9B").</summary>
    private static bool IsStrongStem(ReadOnlySpan<char> stem)
    {
        for (var k = 1; k < stem.Length; k++)
        {
            if (char.IsUpper(stem[k]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Position where a glued dotted version starts ("MinerU2.0" -> 7, "OCR2.0" -> 3, "VL2" -> 2); -1 if none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int GluedVersionSplit(ReadOnlySpan<char> s)
    {
        var k = s.Length;
        while (k > 0 && (char.IsDigit(s[k - 1]) || s[k - 1] == '.'))
        {
            k--;
        }

        if (k == 0 || k == s.Length || !char.IsLetter(s[k - 1]) || s[k] == '.')
        {
            return -1;
        }

        var tail = s[k..];
        if (tail.Contains('.'))
        {
            return k;
        }

        // "VL2": an upper-case variant code with a short integer version.
        var head = s[..k];
        foreach (var c in head)
        {
            if (!char.IsUpper(c))
            {
                return -1;
            }
        }

        return head.Length >= 2 && tail.Length <= 2 ? k : -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsSize(ReadOnlySpan<char> t)
    {
        if (t.Length < 2 || !char.IsDigit(t[0]))
        {
            return false;
        }

        var unit = t[^1];
        if (unit is not ('B' or 'b' or 'M' or 'T'))
        {
            return false;
        }

        var body = t[..^1];
        var x = body.IndexOf('x');
        if (x > 0)
        {
            return IsNumber(body[..x]) && IsNumber(body[(x + 1)..]);
        }

        return IsNumber(body) && unit != 'T';
    }

    private static bool IsActive(ReadOnlySpan<char> t) => t.Length >= 3 && t[0] == 'A' && IsSize(t[1..]);

    public static bool IsLetterVersion(ReadOnlySpan<char> t) =>
        t.Length >= 2 && t[0] is 'V' or 'v' or 'R' && IsNumber(t[1..]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsNumber(ReadOnlySpan<char> t)
    {
        if (t.Length == 0 || !char.IsDigit(t[0]) || !char.IsDigit(t[^1]))
        {
            return false;
        }

        var dots = 0;
        foreach (var c in t)
        {
            if (c == '.')
            {
                dots++;
            }
            else if (!char.IsDigit(c))
            {
                return false;
            }
        }

        return dots <= 2 && t.Length <= 6;
    }

    private static string NormaliseSize(ReadOnlySpan<char> t, StringPool pool)
    {
        Span<char> buffer = t.Length <= 64 ? stackalloc char[t.Length] : new char[t.Length];
        t.CopyTo(buffer);
        buffer[^1] = char.ToUpperInvariant(t[^1]);
        return pool.Get(buffer);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string Collapse(ReadOnlySpan<char> s, StringPool pool)
    {
        // Usual case: no white space but single spaces between words, none leading; the text as it is.
        var simple = s.Length > 0 && !char.IsWhiteSpace(s[0]);
        for (var k = 1; simple && k < s.Length; k++)
        {
            if (char.IsWhiteSpace(s[k]) && (s[k] != ' ' || char.IsWhiteSpace(s[k - 1]) || k == s.Length - 1))
            {
                simple = false;
            }
        }

        if (simple)
        {
            return pool.Get(s);
        }

        var sb = new StringBuilder(s.Length);
        var space = false;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && sb.Length > 0)
            {
                sb.Append(' ');
            }

            space = false;
            sb.Append(c);
        }

        return sb.ToString();
    }
}
