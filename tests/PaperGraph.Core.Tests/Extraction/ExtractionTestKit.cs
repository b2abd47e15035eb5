namespace PaperGraph.Core.Tests;

/// <summary>Shared extractor and helpers for extraction tests.</summary>
internal static class ExtractionTestKit
{
    private static readonly Lazy<Extractor> Shared = new(() => Extractor.CreateDefault());

    public static Extractor Extractor => Shared.Value;

    /// <summary>A mention's extra aliases as walked by its struct enumerator (what the entity builder sees), in order.</summary>
    public static List<string> ExtraAliasList(this Mention m)
    {
        var seen = new List<string>();
        foreach (var a in m.ExtraAliases)
        {
            seen.Add(a);
        }

        return seen;
    }

    public static PaperExtraction Extract(string title, string abstractText) =>
        Extractor.Extract(new Paper("test:1", title, abstractText, null, null, [], new SourceLocation("test", 1)));

    public static bool Has(this PaperExtraction x, RelType type, string from, string to) => x.Find(type, from, to) is not null;

    /// <summary>The relation of this type whose endpoints match the names by the spec's rule (name or any alias).</summary>
    public static ExtractedRelation? Find(this PaperExtraction x, RelType type, string from, string to) =>
        x.Relations.FirstOrDefault(r => r.Type == type && Named(x, r.From, from) && Named(x, r.To, to));

    private static bool Named(PaperExtraction x, EntityRef e, string name)
    {
        var key = NameKey.Of(name);
        if (NameKey.Of(e.Name) == key)
        {
            return true;
        }

        var entity = x.Entities.FirstOrDefault(en => en.Label == e.Label && en.Name == e.Name);
        return entity is not null && entity.Aliases.Any(a => NameKey.Of(a) == key);
    }

    /// <summary>The paper's role edge to an entity (by any alias), or null.</summary>
    public static RelType? RoleOf(this PaperExtraction x, NodeLabel label, string name)
    {
        var entity = x.Entities.FirstOrDefault(e => e.Label == label && (NameKey.Of(e.Name) == NameKey.Of(name) || e.Aliases.Any(a => NameKey.Of(a) == NameKey.Of(name))));
        if (entity is null)
        {
            return null;
        }

        return x.Relations.FirstOrDefault(r => r.From.Label == NodeLabel.Paper && r.To.Label == label && r.To.Name == entity.Name)?.Type;
    }

    public static ExtractedEntity? Entity(this PaperExtraction x, NodeLabel label, string name) =>
        x.Entities.FirstOrDefault(e => e.Label == label && (NameKey.Of(e.Name) == NameKey.Of(name) || e.Aliases.Any(a => NameKey.Of(a) == NameKey.Of(name))));
}
