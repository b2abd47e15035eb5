namespace PaperGraph.Core.Tests;

/// <summary>
/// A small hand-built graph with the seed corpus' key facts (texts quoted from seeds/deepseek-papers.txt), so query
/// tests do not depend on the extractor.
/// </summary>
internal static class SampleGraph
{
    public const string MathPaper = "paper:deepseekmath";
    public const string ProverV15Paper = "paper:prover-v15";
    public const string ProverV2Paper = "paper:prover-v2";
    public const string V3Paper = "paper:v3";

    public static KnowledgeGraph Build()
    {
        var builder = new GraphBuilder();
        builder.Add(Extract(
            new Paper(MathPaper, "DeepSeekMath: Pushing the Limits of Mathematical Reasoning in Open Language Models",
                "In this paper, we introduce DeepSeekMath 7B, which continues pre-training DeepSeek-Coder-Base-v1.5 7B with 120B math-related tokens. " +
                "DeepSeekMath 7B has achieved an impressive score of 51.7% on the competition-level MATH benchmark. " +
                "Second, we introduce Group Relative Policy Optimization (GRPO), a variant of Proximal Policy Optimization (PPO), that enhances mathematical reasoning.",
                2024, "https://arxiv.org/abs/2402.03300", ["Zhihong Shao"], new SourceLocation("sample", 1)),
            [
                M("DeepSeekMath 7B"), M("DeepSeek-Coder-Base-v1.5 7B"),
                T("Group Relative Policy Optimization", "GRPO"), T("Proximal Policy Optimization", "PPO"), B("MATH"),
            ],
            [
                (RelType.Introduces, P(MathPaper), R(NodeLabel.Model, "DeepSeekMath 7B"), null, "we introduce DeepSeekMath 7B"),
                (RelType.DerivedFrom, R(NodeLabel.Model, "DeepSeekMath 7B"), R(NodeLabel.Model, "DeepSeek-Coder-Base-v1.5 7B"), Props(("kind", "continued-pretraining")), "continues pre-training DeepSeek-Coder-Base-v1.5 7B"),
                (RelType.Achieves, R(NodeLabel.Model, "DeepSeekMath 7B"), R(NodeLabel.Benchmark, "MATH"), Props(("value", 51.7), ("unit", "%")), "51.7% on the competition-level MATH"),
                (RelType.Introduces, P(MathPaper), R(NodeLabel.Technique, "Group Relative Policy Optimization"), null, "we introduce Group Relative Policy Optimization"),
                (RelType.Mentions, P(MathPaper), R(NodeLabel.Technique, "Proximal Policy Optimization"), null, "Proximal Policy Optimization (PPO)"),
                (RelType.VariantOf, R(NodeLabel.Technique, "Group Relative Policy Optimization"), R(NodeLabel.Technique, "Proximal Policy Optimization"), null, "a variant of Proximal Policy Optimization"),
            ]));
        builder.Add(Extract(
            new Paper(ProverV15Paper, "DeepSeek-Prover-V1.5: Harnessing Proof Assistant Feedback for Reinforcement Learning and Monte-Carlo Tree Search",
                "We introduce DeepSeek-Prover-V1.5, an open-source language model designed for theorem proving in Lean 4, which enhances DeepSeek-Prover-V1 by optimizing both training and inference processes. " +
                "Pre-trained on DeepSeekMath-Base with specialization in formal mathematical languages, the model undergoes supervised fine-tuning. " +
                "DeepSeek-Prover-V1.5 achieves new state-of-the-art results on the test set of the high school level miniF2F benchmark (63.5%).",
                2024, null, [], new SourceLocation("sample", 2)),
            [M("DeepSeek-Prover-V1.5"), M("DeepSeek-Prover-V1"), M("DeepSeekMath-Base"), B("miniF2F"), T("Group Relative Policy Optimization", "GRPO")],
            [
                (RelType.Introduces, P(ProverV15Paper), R(NodeLabel.Model, "DeepSeek-Prover-V1.5"), null, "We introduce DeepSeek-Prover-V1.5"),
                (RelType.Succeeds, R(NodeLabel.Model, "DeepSeek-Prover-V1.5"), R(NodeLabel.Model, "DeepSeek-Prover-V1"), null, "enhances DeepSeek-Prover-V1"),
                (RelType.DerivedFrom, R(NodeLabel.Model, "DeepSeek-Prover-V1.5"), R(NodeLabel.Model, "DeepSeekMath-Base"), Props(("kind", "continued-pretraining")), "Pre-trained on DeepSeekMath-Base"),
                (RelType.Achieves, R(NodeLabel.Model, "DeepSeek-Prover-V1.5"), R(NodeLabel.Benchmark, "miniF2F"), Props(("value", 63.5), ("unit", "%")), "miniF2F benchmark (63.5%)"),
                (RelType.EvaluatedOn, P(ProverV15Paper), R(NodeLabel.Benchmark, "miniF2F"), null, "on the test set of the high school level miniF2F"),
            ]));
        builder.Add(Extract(
            new Paper(V3Paper, "DeepSeek-V3 Technical Report",
                "We present DeepSeek-V3, a strong Mixture-of-Experts (MoE) language model with 671B total parameters. " +
                "DeepSeek-V3 adopts Multi-head Latent Attention (MLA) and DeepSeekMoE architectures, which were thoroughly validated in DeepSeek-V2.",
                2024, null, [], new SourceLocation("sample", 3)),
            [M("DeepSeek-V3"), M("DeepSeek-V2"), T("Mixture-of-Experts", "MoE", "Mixture of Experts")],
            [
                (RelType.Introduces, P(V3Paper), R(NodeLabel.Model, "DeepSeek-V3"), null, "We present DeepSeek-V3"),
                (RelType.Uses, R(NodeLabel.Model, "DeepSeek-V3"), R(NodeLabel.Technique, "Mixture-of-Experts"), null, "DeepSeek-V3, a strong Mixture-of-Experts"),
                (RelType.Mentions, P(V3Paper), R(NodeLabel.Model, "DeepSeek-V2"), null, "validated in DeepSeek-V2"),
            ]));
        builder.Add(Extract(
            new Paper(ProverV2Paper, "DeepSeek-Prover-V2: Advancing Formal Mathematical Reasoning via Reinforcement Learning for Subgoal Decomposition",
                "We introduce DeepSeek-Prover-V2, an open-source large language model designed for formal theorem proving in Lean 4, with initialization data collected through a recursive theorem proving pipeline powered by DeepSeek-V3. " +
                "The resulting model, DeepSeek-Prover-V2-671B, achieves state-of-the-art performance in neural theorem proving, reaching 88.9% pass ratio on the MiniF2F-test.",
                2025, null, [], new SourceLocation("sample", 4)),
            [M("DeepSeek-Prover-V2", "DeepSeek-Prover-V2-671B"), M("DeepSeek-V3"), B("miniF2F", "MiniF2F-test"), M("DeepSeek-R1", "DeepSeek R1")],
            [
                (RelType.Introduces, P(ProverV2Paper), R(NodeLabel.Model, "DeepSeek-Prover-V2"), null, "We introduce DeepSeek-Prover-V2"),
                (RelType.DerivedFrom, R(NodeLabel.Model, "DeepSeek-Prover-V2"), R(NodeLabel.Model, "DeepSeek-V3"), Props(("kind", "data-from")), "pipeline powered by DeepSeek-V3"),
                (RelType.Achieves, R(NodeLabel.Model, "DeepSeek-Prover-V2"), R(NodeLabel.Benchmark, "miniF2F"), Props(("value", 88.9), ("unit", "%"), ("metric", "pass ratio")), "reaching 88.9% pass ratio on the MiniF2F-test"),
            ]));
        return builder.Graph;
    }

    private static PaperExtraction Extract(Paper paper, ExtractedEntity[] entities,
        (RelType Type, EntityRef From, EntityRef To, Dictionary<string, object?>? Props, string Cue)[] relations)
    {
        var text = paper.Text;
        var rels = relations.Select(r =>
        {
            var start = text.IndexOf(r.Cue, StringComparison.Ordinal);
            if (start < 0)
            {
                throw new InvalidOperationException($"cue '{r.Cue}' not in {paper.Id}");
            }

            var sentenceStart = Math.Max(text.LastIndexOf(". ", start, StringComparison.Ordinal) + 2, paper.AbstractOffset);
            var sentenceEnd = text.IndexOf(". ", start, StringComparison.Ordinal);
            sentenceEnd = sentenceEnd < 0 ? text.Length : sentenceEnd + 1;
            return new ExtractedRelation(r.Type, r.From, r.To, r.Props ?? [], sentenceStart, sentenceEnd, start, start + r.Cue.Length, "sample-rule", 0.9);
        }).ToList();
        return new PaperExtraction(paper, entities, rels, []);
    }

    private static ExtractedEntity M(string name, params string[] aliases) => new(NodeLabel.Model, name, [name, .. aliases], new Dictionary<string, object?>());

    private static ExtractedEntity T(string name, params string[] aliases) => new(NodeLabel.Technique, name, [name, .. aliases], new Dictionary<string, object?>());

    private static ExtractedEntity B(string name, params string[] aliases) => new(NodeLabel.Benchmark, name, [name, .. aliases], new Dictionary<string, object?>());

    private static EntityRef R(NodeLabel label, string name) => new(label, name);

    private static EntityRef P(string id) => new(NodeLabel.Paper, id);

    private static Dictionary<string, object?> Props(params (string Key, object? Value)[] props) => props.ToDictionary(p => p.Key, p => p.Value);
}
