namespace PaperGraph.Core.Tests;

/// <summary>The span lookups of the vocabulary answer exactly what the sets hold.</summary>
public sealed class VocabularyLookupTests
{
    private static readonly Vocabulary Vocab = Vocabulary.Load(null);

    private static IEnumerable<string> Probes(IEnumerable<string> words) =>
        words.Concat(words.Select(w => w.ToUpperInvariant())).Concat(words.Select(w => w.ToLowerInvariant()))
            .Concat(words.Where(w => w.Length > 1).Select(w => w[1..]))
            .Concat(["", "a", "Z", "mini", "Mini", "propose", "The", "Ünï", "7B", "-", "Base", "base"]);

    [Fact]
    public void Stop_stem_variant_and_suffix_lookups_agree_with_their_sets()
    {
        foreach (var w in Probes(Vocab.StopStems.Concat(Vocab.VariantWords).Concat(Vocab.LowercaseSuffixes)))
        {
            Assert.Equal(Vocab.StopStems.Contains(w), Vocab.IsStopStem(w));
            Assert.Equal(Vocab.VariantWords.Contains(w), Vocab.IsVariantWord(w));
            Assert.Equal(Vocab.LowercaseSuffixes.Contains(w), Vocab.IsLowercaseSuffix(w));
        }
    }

    [Fact]
    public void Initials_turn_away_only_words_no_entry_starts_with()
    {
        var initials = new Vocabulary.Initials(["Base", "mini", "Ünï"]);
        Assert.True(initials.MayStart("Base"));
        Assert.True(initials.MayStart("Bxx"));
        Assert.True(initials.MayStart("m"));
        Assert.True(initials.MayStart("Ü"));
        Assert.True(initials.MayStart("Ä")); // any non-ASCII initial may start an entry once one does
        Assert.False(initials.MayStart("base"));
        Assert.False(initials.MayStart("Mini"));
        Assert.False(initials.MayStart("\u007f"));
        Assert.False(initials.MayStart(""));
        Assert.True(new Vocabulary.Initials([""]).MayStart(""));
        Assert.False(new Vocabulary.Initials(["x"]).MayStart("é"));
    }
}
