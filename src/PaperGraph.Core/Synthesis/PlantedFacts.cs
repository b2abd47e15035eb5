namespace PaperGraph.Core;

/// <summary>An entity planted in a synthetic paper, with its role (introduced, studied, used, evaluated, mentioned).</summary>
/// <param name="Name">The canonical name as the gold file spells it.</param>
/// <param name="Role">Role per the spec; null for organisations, which have none.</param>
/// <param name="Optional">Doubtful: counts neither as a miss when absent nor as a false find when present.</param>
public sealed record PlantedEntity(string Name, string? Role, bool Optional = false);

/// <summary>A planted DERIVED_FROM fact.</summary>
public sealed record PlantedLineage(string Model, string Parent, string Kind);

/// <summary>A planted SUCCEEDS fact (<paramref name="Model"/> is the newer version).</summary>
public sealed record PlantedSuccession(string Model, string Predecessor);

/// <summary>A planted ACHIEVES fact.</summary>
public sealed record PlantedResult(string Model, string Benchmark, double Value, string Unit, string? Setting);

/// <summary>A planted model-level USES fact.</summary>
public sealed record PlantedUse(string Model, string Technique);

/// <summary>A planted VARIANT_OF fact.</summary>
public sealed record PlantedVariant(string Technique, string Parent);

/// <summary>
/// Everything the generator planted in one paper, in the spec's gold-file shape, so <c>papergraph eval</c> can score
/// extraction on the synthetic corpus.
/// </summary>
public sealed record PlantedFacts(
    IReadOnlyList<PlantedEntity> Models,
    IReadOnlyList<PlantedEntity> Techniques,
    IReadOnlyList<PlantedEntity> Benchmarks,
    IReadOnlyList<PlantedEntity> Organizations,
    IReadOnlyList<PlantedLineage> Lineage,
    IReadOnlyList<PlantedSuccession> Successors,
    IReadOnlyList<PlantedResult> Results,
    IReadOnlyList<PlantedUse> Uses,
    IReadOnlyList<PlantedVariant> Variants);

/// <summary>One generated paper and the facts planted in it.</summary>
/// <param name="Id">Stable id (<c>synth-0000042</c>).</param>
/// <param name="Title">The title (unique within a corpus).</param>
/// <param name="Abstract">The abstract.</param>
/// <param name="Year">Publication year.</param>
/// <param name="Facts">The planted facts.</param>
public sealed record SyntheticPaper(string Id, string Title, string Abstract, int Year, PlantedFacts Facts);

/// <summary>What to generate.</summary>
/// <param name="Papers">Number of papers (at least 1).</param>
/// <param name="Seed">The seed; the same seed and size always give the same corpus.</param>
public sealed record SynthesisOptions(long Papers, ulong Seed = 42);
