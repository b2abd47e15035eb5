namespace PaperGraph.Core;

/// <summary>Collects one paper's planted facts; an entity seen twice keeps its strongest role.</summary>
internal sealed class FactSheet
{
    private readonly List<PlantedEntity> _models = [];
    private readonly List<PlantedEntity> _techniques = [];
    private readonly List<PlantedEntity> _benchmarks = [];
    private readonly List<PlantedEntity> _organizations = [];
    private readonly List<PlantedLineage> _lineage = [];
    private readonly List<PlantedSuccession> _successors = [];
    private readonly List<PlantedResult> _results = [];
    private readonly List<PlantedUse> _uses = [];
    private readonly List<PlantedVariant> _variants = [];

    public void Model(string name, string role) => Add(_models, name, role, false);

    public void Technique(string name, string role, bool optional = false) => Add(_techniques, name, role, optional);

    public void Benchmark(string name, string role) => Add(_benchmarks, name, role, false);

    public void Organization(string name) => Add(_organizations, name, null, false);

    public void Lineage(string model, string parent, string kind) => AddOnce(_lineage, new PlantedLineage(model, parent, kind));

    public void Succession(string model, string predecessor) => AddOnce(_successors, new PlantedSuccession(model, predecessor));

    public void Result(string model, string benchmark, double value, string? setting = null) =>
        AddOnce(_results, new PlantedResult(model, benchmark, value, "%", setting));

    public void Use(string model, string technique) => AddOnce(_uses, new PlantedUse(model, technique));

    public void Variant(string technique, string parent) => AddOnce(_variants, new PlantedVariant(technique, parent));

    public PlantedFacts ToFacts() =>
        new([.. _models], [.. _techniques], [.. _benchmarks], [.. _organizations], [.. _lineage], [.. _successors],
            [.. _results], [.. _uses], [.. _variants]);

    private static void AddOnce<T>(List<T> list, T item)
    {
        if (!list.Contains(item))
        {
            list.Add(item);
        }
    }

    private static void Add(List<PlantedEntity> list, string name, string? role, bool optional)
    {
        var key = NameKey.Of(name);
        var index = list.FindIndex(e => NameKey.Of(e.Name) == key);
        if (index < 0)
        {
            list.Add(new PlantedEntity(name, role, optional));
            return;
        }

        var existing = list[index];
        if (Strength(role) > Strength(existing.Role))
        {
            list[index] = existing with { Role = role };
        }

        if (existing.Optional && !optional)
        {
            list[index] = list[index] with { Optional = false };
        }
    }

    // Introduced beats studied/used/evaluated, which beat mentioned: the paper-level edge a reader would expect.
    private static int Strength(string? role) => role switch
    {
        "introduced" => 3,
        "studied" or "used" or "evaluated" => 2,
        "mentioned" => 1,
        _ => 0,
    };
}
