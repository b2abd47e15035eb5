using System.Globalization;
using PaperGraph.Core;

namespace PaperGraph.Bench;

/// <summary>
/// Turns a synthetic paper's planted facts into the extraction a perfect extractor would return, so the pipeline and
/// the graph (reading, ordering, merging, memory) can be measured apart from extraction itself.
/// </summary>
internal sealed class OracleExtractor(CorpusSynthesizer synth)
{
    public PaperExtraction Extract(Paper paper)
    {
        var index = long.Parse(paper.Id.AsSpan(paper.Id.LastIndexOf('-') + 1), CultureInfo.InvariantCulture) - 1;
        var facts = synth.Generate(index).Facts;
        var text = paper.Text;
        var entities = new List<ExtractedEntity>();
        var relations = new List<ExtractedRelation>();
        var self = new EntityRef(NodeLabel.Paper, paper.Id);
        var empty = new Dictionary<string, object?>();

        void Entity(NodeLabel label, PlantedEntity e, RelType role)
        {
            entities.Add(new ExtractedEntity(label, e.Name, [e.Name], empty));
            Relation(role, self, new EntityRef(label, e.Name), empty, e.Name);
        }

        void Relation(RelType type, EntityRef from, EntityRef to, IReadOnlyDictionary<string, object?> props, string anchor)
        {
            var at = Math.Max(0, text.IndexOf(anchor, StringComparison.Ordinal));
            var start = text.LastIndexOf(". ", at, StringComparison.Ordinal) is var s and >= 0 ? s + 2 : 0;
            var end = text.IndexOf(". ", at, StringComparison.Ordinal) is var e and >= 0 ? e + 1 : text.Length;
            relations.Add(new ExtractedRelation(type, from, to, props, start, end, at, Math.Min(text.Length, at + anchor.Length), "oracle", 1.0));
        }

        foreach (var m in facts.Models)
        {
            Entity(NodeLabel.Model, m, m.Role switch { "introduced" => RelType.Introduces, "studied" => RelType.Studies, _ => RelType.Mentions });
        }

        foreach (var t in facts.Techniques)
        {
            Entity(NodeLabel.Technique, t, t.Role switch { "introduced" => RelType.Introduces, "used" => RelType.Uses, _ => RelType.Mentions });
        }

        foreach (var b in facts.Benchmarks)
        {
            Entity(NodeLabel.Benchmark, b, b.Role switch { "introduced" => RelType.Introduces, "evaluated" => RelType.EvaluatedOn, _ => RelType.Mentions });
        }

        foreach (var o in facts.Organizations)
        {
            Entity(NodeLabel.Organization, o, RelType.Mentions);
        }

        static EntityRef M(string name) => new(NodeLabel.Model, name);
        foreach (var l in facts.Lineage)
        {
            Relation(RelType.DerivedFrom, M(l.Model), M(l.Parent), new Dictionary<string, object?> { ["kind"] = l.Kind }, l.Parent);
        }

        foreach (var s in facts.Successors)
        {
            Relation(RelType.Succeeds, M(s.Model), M(s.Predecessor), empty, s.Predecessor);
        }

        foreach (var r in facts.Results)
        {
            var props = new Dictionary<string, object?> { ["value"] = r.Value, ["unit"] = r.Unit, ["setting"] = r.Setting };
            Relation(RelType.Achieves, M(r.Model), new EntityRef(NodeLabel.Benchmark, r.Benchmark), props, r.Benchmark);
        }

        foreach (var u in facts.Uses)
        {
            Relation(RelType.Uses, M(u.Model), new EntityRef(NodeLabel.Technique, u.Technique), empty, u.Technique);
        }

        foreach (var v in facts.Variants)
        {
            Relation(RelType.VariantOf, new EntityRef(NodeLabel.Technique, v.Technique), new EntityRef(NodeLabel.Technique, v.Parent), empty, v.Technique);
        }

        return new PaperExtraction(paper, entities, relations, []);
    }
}
