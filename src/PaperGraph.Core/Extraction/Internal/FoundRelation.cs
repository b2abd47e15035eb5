namespace PaperGraph.Core;

/// <summary>
/// A relation's endpoint while its paper is extracted: what an <see cref="EntityRef"/> holds, as a value, so a
/// relation's endpoints are no objects of their own (they compare by value, as the records do).
/// </summary>
/// <param name="Label">The entity's label (<see cref="NodeLabel.Paper"/> for the paper itself).</param>
/// <param name="Name">Its name when the relation was found (the paper's id for the paper).</param>
internal readonly record struct RelationEnd(NodeLabel Label, string Name);

/// <summary>
/// A relation found in a paper, held by value in the paper's context (a list recycled from paper to paper): the
/// content of an <see cref="ExtractedRelation"/>, which is made from it only when the public
/// <see cref="Extractor.Extract"/> asks. The build's own path (<see cref="PreparedPaper"/>) reads these directly, and
/// fifteen-odd relation records a paper, their references and lists are not made. Compares by value, as the record
/// does (the properties by reference).
/// </summary>
internal readonly record struct FoundRelation(
    RelType Type,
    RelationEnd From,
    RelationEnd To,
    IReadOnlyDictionary<string, object?> Properties,
    int SentenceStart,
    int SentenceEnd,
    int Start,
    int End,
    string Rule,
    double Confidence);
