namespace PaperGraph.Core;

/// <summary>
/// A reference to an entity by label and canonical name. For <see cref="NodeLabel.Paper"/> the name is the paper id.
/// </summary>
public sealed record EntityRef(NodeLabel Label, string Name);

/// <summary>An entity found in one paper.</summary>
/// <param name="Label">Its label (never Paper).</param>
/// <param name="Name">Canonical name.</param>
/// <param name="Aliases">Surface forms seen in this paper (the canonical name may be among them).</param>
/// <param name="Properties">Parsed properties (parameters, version, variant, acronym, category...).</param>
public sealed record ExtractedEntity(
    NodeLabel Label,
    string Name,
    IReadOnlyList<string> Aliases,
    IReadOnlyDictionary<string, object?> Properties);

/// <summary>A relationship found in one paper, with its evidence.</summary>
/// <param name="Type">Relationship type.</param>
/// <param name="From">Start entity (a Paper ref uses the paper id as name).</param>
/// <param name="To">End entity.</param>
/// <param name="Properties">Relationship properties (kind, value, unit, metric, setting, outcome...).</param>
/// <param name="SentenceStart">Start offset of the evidence sentence in <see cref="Paper.Text"/>.</param>
/// <param name="SentenceEnd">End offset (exclusive) of the sentence.</param>
/// <param name="Start">Start offset of the evidence span (the cue through both mentions) in <see cref="Paper.Text"/>.</param>
/// <param name="End">End offset (exclusive) of the evidence span.</param>
/// <param name="Rule">Id of the rule that produced it.</param>
/// <param name="Confidence">0..1.</param>
public sealed record ExtractedRelation(
    RelType Type,
    EntityRef From,
    EntityRef To,
    IReadOnlyDictionary<string, object?> Properties,
    int SentenceStart,
    int SentenceEnd,
    int Start,
    int End,
    string Rule,
    double Confidence);

/// <summary>A mention the extractor saw but could not resolve to one entity; reported, never guessed.</summary>
/// <param name="Surface">The text as written.</param>
/// <param name="Start">Offset in <see cref="Paper.Text"/>.</param>
/// <param name="Reason">Why it was not resolved (ambiguous, unknown elliptic reference...).</param>
/// <param name="Candidates">Canonical names it could have meant, if any.</param>
public sealed record UnresolvedMention(string Surface, int Start, string Reason, IReadOnlyList<string> Candidates);

/// <summary>Everything extracted from one paper.</summary>
public sealed record PaperExtraction(
    Paper Paper,
    IReadOnlyList<ExtractedEntity> Entities,
    IReadOnlyList<ExtractedRelation> Relations,
    IReadOnlyList<UnresolvedMention> Unresolved);
