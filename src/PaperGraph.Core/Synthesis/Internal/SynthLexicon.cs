using System.Text.Json;

namespace PaperGraph.Core;

/// <summary>A domain the generator writes about: its model variant word, task and typical benchmarks.</summary>
internal sealed record SynthDomain(string Name, string Variant, string Task, string Tokens, IReadOnlyList<string> Benchmarks);

/// <summary>A background technique with its acronym ("" when it has none) and category.</summary>
internal sealed record SynthTechnique(string Name, string Acronym, string Category);

/// <summary>The generator's word pools, read once from the embedded <c>synth-lexicon.json</c>.</summary>
internal sealed record SynthLexicon(
    IReadOnlyList<string> ModelOnsets,
    IReadOnlyList<string> ModelVowels,
    IReadOnlyList<string> ModelMiddles,
    IReadOnlyList<string> ModelEndings,
    IReadOnlyList<string> BenchmarkOnsets,
    IReadOnlyList<string> BenchmarkVowels,
    IReadOnlyList<string> BenchmarkEndings,
    IReadOnlyList<string> BenchmarkSuffixes,
    IReadOnlyList<string> OrganizationSuffixes,
    IReadOnlyList<string> Sizes,
    IReadOnlyList<string> SmallSizes,
    IReadOnlyList<IReadOnlyList<string>> MoeSizes,
    IReadOnlyList<SynthDomain> Domains,
    IReadOnlyList<string> GeneralBenchmarks,
    IReadOnlyList<string> KnownModels,
    IReadOnlyList<SynthTechnique> Techniques,
    IReadOnlyList<string> ArchitectureTechniques,
    IReadOnlyList<IReadOnlyList<string>> TrainingPairs,
    IReadOnlyList<string> VariantParents,
    IReadOnlyList<string> TechniqueModifiers,
    IReadOnlyList<string> TechniqueNouns,
    IReadOnlyList<string> TechniqueHeads,
    IReadOnlyList<string> BlockedAcronyms,
    IReadOnlyList<string> Organizations,
    IReadOnlyList<string> TitlePhrases,
    IReadOnlyList<string> StudyPhrases,
    IReadOnlyList<string> Openings,
    IReadOnlyList<string> Middles,
    IReadOnlyList<string> Closings,
    IReadOnlyList<string> Purposes)
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };
    private static readonly Lazy<SynthLexicon> BuiltIn = new(Load);

    /// <summary>The lexicon shipped in the assembly.</summary>
    public static SynthLexicon Default => BuiltIn.Value;

    /// <summary>Looks up a background technique by canonical name.</summary>
    public SynthTechnique Technique(string name) =>
        Techniques.FirstOrDefault(t => t.Name == name)
        ?? throw new InvalidOperationException($"synth-lexicon.json: technique '{name}' is referenced but not defined.");

    private static SynthLexicon Load()
    {
        const string resource = "PaperGraph.Core.Synthesis.synth-lexicon.json";
        using var stream = typeof(SynthLexicon).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} is missing from the assembly.");
        return JsonSerializer.Deserialize<SynthLexicon>(stream, JsonOptions)
            ?? throw new InvalidOperationException($"{resource} is empty.");
    }
}
