using System.Runtime.CompilerServices;

namespace PaperGraph.Core;

/// <summary>Merges mentions into per-paper entities (by label and matching key) with aliases and parsed properties.</summary>
internal static class EntityBuilder
{
    // Once per paper, all loop: optimised at once rather than after a long tier-0 warm-up (see MentionFinder.Find).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Build(PaperContext ctx)
    {
        // At most one entity per mention: sized once instead of grown (the order of entries does not depend on it).
        ctx.Entities.EnsureCapacity(ctx.Mentions.Count);
        foreach (var m in ctx.Mentions)
        {
            var key = (m.Label, m.Key);
            if (key.Item2.Length == 0)
            {
                continue;
            }

            if (!ctx.Entities.TryGetValue(key, out var e))
            {
                e = new PaperEntity { Label = m.Label, Name = m.Name };
                ctx.Entities[key] = e;
            }

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

            if (m.Sentence == 0 && ctx.Paper.Title.Length > 0)
            {
                e.InTitle = true;
            }

            if (m.Acronym is { } acr)
            {
                e.Properties.TryAdd("acronym", acr);
                e.Aliases.Add(acr);
            }

            if (m.Category is { } cat)
            {
                Put(e, "category", cat);
            }

            if (m.Term is { } term)
            {
                Put(e, "category", term.Category);
            }

            if (m.Model is { } p && m.Label == NodeLabel.Model)
            {
                Put(e, "family", p.Family?.Stem ?? p.Stem);
                Put(e, "parameters", p.Parameters);
                Put(e, "activeParameters", p.ActiveParameters);
                Put(e, "version", p.Version);
                Put(e, "variant", p.Variant);
            }
        }

    }

    private static void Put(PaperEntity e, string key, string? value)
    {
        if (value is not null)
        {
            e.Properties.TryAdd(key, value);
        }
    }
}
