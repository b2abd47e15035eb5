namespace PaperGraph.Core;

/// <summary>Node labels of the closed schema (spec/graph-schema.md). The enum name is the Neo4j label.</summary>
public enum NodeLabel
{
    /// <summary>One title + abstract.</summary>
    Paper,

    /// <summary>A named trained model or model series.</summary>
    Model,

    /// <summary>A named method, architecture, training or inference procedure, algorithm.</summary>
    Technique,

    /// <summary>A named benchmark, dataset or evaluation suite.</summary>
    Benchmark,

    /// <summary>A company, lab, university or body.</summary>
    Organization,
}

/// <summary>Relationship types of the closed schema. <see cref="Schema.TypeName(RelType)"/> gives the Neo4j type.</summary>
public enum RelType
{
    /// <summary>Paper presents the entity as new.</summary>
    Introduces,

    /// <summary>Paper analyses or evaluates an existing model as its subject.</summary>
    Studies,

    /// <summary>Paper names the entity, no stronger role found.</summary>
    Mentions,

    /// <summary>Paper or Model adopts a technique.</summary>
    Uses,

    /// <summary>Paper reports results on a benchmark.</summary>
    EvaluatedOn,

    /// <summary>Model reports a score on a benchmark.</summary>
    Achieves,

    /// <summary>Model weights lineage (property <c>kind</c>).</summary>
    DerivedFrom,

    /// <summary>Model is the next version of another.</summary>
    Succeeds,

    /// <summary>Models compared in a paper (property <c>outcome</c>).</summary>
    ComparedWith,

    /// <summary>Technique is a named variant or extension of another.</summary>
    VariantOf,

    /// <summary>Model built by an organization.</summary>
    DevelopedBy,
}

/// <summary>The closed vocabulary: names, endpoints and edge keys of every label and type.</summary>
public static class Schema
{
    /// <summary>Every node label, in schema order.</summary>
    public static IReadOnlyList<NodeLabel> Labels { get; } = Enum.GetValues<NodeLabel>();

    /// <summary>Every relationship type, in schema order.</summary>
    public static IReadOnlyList<RelType> Types { get; } = Enum.GetValues<RelType>();

    /// <summary>Allowed DERIVED_FROM kinds.</summary>
    public static IReadOnlyList<string> DerivationKinds { get; } =
        ["continued-pretraining", "fine-tuned", "distilled", "quantized", "rl-trained", "merged", "component", "data-from"];

    /// <summary>Allowed COMPARED_WITH outcomes.</summary>
    public static IReadOnlyList<string> ComparisonOutcomes { get; } = ["outperforms", "comparable", "underperforms", "unknown"];

    /// <summary>The Neo4j label of a node label.</summary>
    public static string LabelName(NodeLabel label) => label.ToString();

    /// <summary>The Neo4j relationship type name (UPPER_SNAKE) of a type.</summary>
    public static string TypeName(RelType type) => type switch
    {
        RelType.Introduces => "INTRODUCES",
        RelType.Studies => "STUDIES",
        RelType.Mentions => "MENTIONS",
        RelType.Uses => "USES",
        RelType.EvaluatedOn => "EVALUATED_ON",
        RelType.Achieves => "ACHIEVES",
        RelType.DerivedFrom => "DERIVED_FROM",
        RelType.Succeeds => "SUCCEEDS",
        RelType.ComparedWith => "COMPARED_WITH",
        RelType.VariantOf => "VARIANT_OF",
        RelType.DevelopedBy => "DEVELOPED_BY",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown relationship type."),
    };

    /// <summary>Parses a Neo4j label name (case-insensitive); false when it is not in the schema.</summary>
    public static bool TryParseLabel(string? name, out NodeLabel label) =>
        Enum.TryParse(name, ignoreCase: true, out label) && Enum.IsDefined(label) && !int.TryParse(name, out _);

    /// <summary>Parses a relationship type name such as <c>DERIVED_FROM</c> (case-insensitive).</summary>
    public static bool TryParseType(string? name, out RelType type)
    {
        foreach (var t in Types)
        {
            if (string.Equals(TypeName(t), name, StringComparison.OrdinalIgnoreCase))
            {
                type = t;
                return true;
            }
        }

        type = default;
        return false;
    }

    /// <summary>Allowed (start, end) labels of a relationship type.</summary>
    public static (IReadOnlyList<NodeLabel> Start, IReadOnlyList<NodeLabel> End) Endpoints(RelType type) =>
        (int)type >= 0 && (int)type < EndpointTable.Length ? EndpointTable[(int)type] : EndpointsUncached(type);

    // Built once: the graph asks for every merged relationship, and the switch allocated two arrays per call.
    private static readonly (IReadOnlyList<NodeLabel> Start, IReadOnlyList<NodeLabel> End)[] EndpointTable = ByType(EndpointsUncached);

    private static (IReadOnlyList<NodeLabel> Start, IReadOnlyList<NodeLabel> End) EndpointsUncached(RelType type) => type switch
    {
        RelType.Introduces => ([NodeLabel.Paper], [NodeLabel.Model, NodeLabel.Technique, NodeLabel.Benchmark]),
        RelType.Studies => ([NodeLabel.Paper], [NodeLabel.Model]),
        RelType.Mentions => ([NodeLabel.Paper], [NodeLabel.Model, NodeLabel.Technique, NodeLabel.Benchmark, NodeLabel.Organization]),
        RelType.Uses => ([NodeLabel.Paper, NodeLabel.Model], [NodeLabel.Technique]),
        RelType.EvaluatedOn => ([NodeLabel.Paper], [NodeLabel.Benchmark]),
        RelType.Achieves => ([NodeLabel.Model], [NodeLabel.Benchmark]),
        RelType.DerivedFrom or RelType.Succeeds or RelType.ComparedWith => ([NodeLabel.Model], [NodeLabel.Model]),
        RelType.VariantOf => ([NodeLabel.Technique], [NodeLabel.Technique]),
        RelType.DevelopedBy => ([NodeLabel.Model], [NodeLabel.Organization]),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown relationship type."),
    };

    /// <summary>
    /// Properties that tell two relationships of the same type and endpoints apart: two scores on one benchmark
    /// are two ACHIEVES edges, two lineage kinds are two DERIVED_FROM edges. Other properties merge.
    /// </summary>
    public static IReadOnlyList<string> KeyProperties(RelType type) =>
        (int)type >= 0 && (int)type < KeyPropertyTable.Length ? KeyPropertyTable[(int)type] : KeyPropertiesUncached(type);

    private static readonly IReadOnlyList<string>[] KeyPropertyTable = ByType(KeyPropertiesUncached);

    /// <summary>One more than the largest node label: the size of a table indexed by label.</summary>
    internal static int LabelCount { get; } = MaxLabel() + 1;

    /// <summary>One more than the largest relationship type: the size of a table indexed by type.</summary>
    internal static int TypeCount { get; } = MaxType() + 1;

    // Loops, not Enum.GetValues<T>().Max(...): LINQ's generic code over an enum is jitted at every start for one call.
    private static int MaxLabel()
    {
        var max = -1;
        foreach (var label in Enum.GetValues<NodeLabel>())
        {
            max = Math.Max(max, (int)label);
        }

        return max;
    }

    private static int MaxType()
    {
        var max = -1;
        foreach (var type in Enum.GetValues<RelType>())
        {
            max = Math.Max(max, (int)type);
        }

        return max;
    }

    /// <summary>
    /// A table of <paramref name="of"/> for every relationship type, indexed by the type's value (the values are
    /// 0, 1, 2, ...; <see cref="Enum.GetValues{TEnum}"/> lists them in that order).
    /// </summary>
    // A loop, not LINQ: Core is jitted, and LINQ's generic code over an enum (OrderBy, Select, ToArray) is compiled
    // fully optimised at every start for this one call.
    internal static T[] ByType<T>(Func<RelType, T> of)
    {
        var types = Enum.GetValues<RelType>();
        var table = new T[types.Length];
        for (var i = 0; i < types.Length; i++)
        {
            table[i] = of(types[i]);
        }

        return table;
    }

    private static IReadOnlyList<string> KeyPropertiesUncached(RelType type) => type switch
    {
        RelType.Achieves => ["value", "unit", "metric", "setting"],
        RelType.DerivedFrom => ["kind"],
        RelType.ComparedWith => ["outcome"],
        _ => [],
    };
}
