namespace PaperGraph.Core.Tests;

/// <summary>
/// The generalisation rules of <c>RelationRules</c> (results without a unit, "respectively" pairings, lineage cues,
/// lower-case family names), each on sentences written in the style of several model families, not copied from the
/// held-out fixtures.
/// </summary>
public sealed class RelationRulesTests
{
    private static PaperExtraction X(string title, string abstractText) => ExtractionTestKit.Extract(title, abstractText);

    [Theory]
    [InlineData("Our flagship, Gemma-2-27B, reaches 75.2 on MMLU and 51.8 on HumanEval.", "Gemma-2-27B", "MMLU", 75.2)]
    [InlineData("Our flagship, Gemma-2-27B, reaches 75.2 on MMLU and 51.8 on HumanEval.", "Gemma-2-27B", "HumanEval", 51.8)]
    [InlineData("The chat model, Llama-3-70B-Instruct, attains 8.63 on MT-Bench.", "Llama-3-70B-Instruct", "MT-Bench", 8.63)]
    [InlineData("OLMo-2-13B obtains 67.5 on the MMLU benchmark.", "OLMo-2-13B", "MMLU", 67.5)]
    public void A_number_followed_by_on_and_a_benchmark_is_a_unitless_score(string sentence, string model, string benchmark, double value)
    {
        var rel = X("Evaluation", sentence).Find(RelType.Achieves, model, benchmark);
        Assert.NotNull(rel);
        Assert.Equal(value, (double)rel.Properties["value"]!, 3);
        Assert.Equal("score", rel.Properties["unit"]);
    }

    [Theory]
    [InlineData("Qwen2-7B was trained on 7 trillion tokens and evaluated on MMLU.")]
    [InlineData("Mistral-7B was released in 2023 on GitHub and tested on GSM8K.")]
    [InlineData("We train Llama-3-8B for 3 epochs on GSM8K.")]
    public void A_number_not_directly_before_on_and_a_benchmark_is_not_a_score(string sentence) =>
        Assert.DoesNotContain(X("Evaluation", sentence).Relations, r => r.Type == RelType.Achieves);

    [Theory]
    [InlineData("StarCoder2-15B scores 46.3% and 57.1% on HumanEval and MBPP, respectively.", "StarCoder2-15B", "HumanEval", 46.3, "MBPP", 57.1)]
    [InlineData("Gemma-7B obtains 64.3 and 46.4 on MMLU and GSM8K, respectively.", "Gemma-7B", "MMLU", 64.3, "GSM8K", 46.4)]
    public void Respectively_pairs_scores_with_benchmarks_in_order(string sentence, string model, string b1, double v1, string b2, double v2)
    {
        var x = X("Evaluation", sentence);
        Assert.Equal(v1, (double)x.Find(RelType.Achieves, model, b1)!.Properties["value"]!, 3);
        Assert.Equal(v2, (double)x.Find(RelType.Achieves, model, b2)!.Properties["value"]!, 3);
        Assert.Equal(2, x.Relations.Count(r => r.Type == RelType.Achieves));
    }

    [Theory]
    [InlineData("We also train Qwen2-7B and Qwen2-72B, which reach respectively 70.3% and 84.2% on MMLU.", "Qwen2-7B", 70.3, "Qwen2-72B", 84.2)]
    [InlineData("The larger models, Llama-2-13B and Llama-2-70B, are stronger (e.g., 6.6 and 6.9 on MT-Bench, respectively).", "Llama-2-13B", 6.6, "Llama-2-70B", 6.9)]
    public void Respectively_pairs_scores_with_the_last_list_of_models(string sentence, string m1, double v1, string m2, double v2)
    {
        var x = X("Evaluation", sentence);
        var a = x.Relations.Single(r => r.Type == RelType.Achieves && NameKey.Of(r.From.Name) == NameKey.Of(m1));
        var b = x.Relations.Single(r => r.Type == RelType.Achieves && NameKey.Of(r.From.Name) == NameKey.Of(m2));
        Assert.Equal(v1, (double)a.Properties["value"]!, 3);
        Assert.Equal(v2, (double)b.Properties["value"]!, 3);
        Assert.Equal("result.respectively", a.Rule);
    }

    [Fact]
    public void A_score_inside_a_parenthesis_goes_to_the_model_named_inside_it()
    {
        var x = X("Report", "Gemma-2-9B rivals models such as Llama-3-70B (e.g., Gemma-2-9B achieves 71% on MMLU).");
        Assert.True(x.Has(RelType.Achieves, "Gemma-2-9B", "MMLU"));
        Assert.False(x.Has(RelType.Achieves, "Llama-3-70B", "MMLU"));
    }

    [Fact]
    public void A_metric_before_the_value_applies_to_every_score_in_the_list()
    {
        var x = X("Report", "StarCoder2-7B attains pass@1 accuracy 35.4% on HumanEval and 54.4% on MBPP.");
        Assert.Equal("pass@1", x.Find(RelType.Achieves, "StarCoder2-7B", "HumanEval")!.Properties["metric"]);
        Assert.True(x.Has(RelType.Achieves, "StarCoder2-7B", "MBPP"));
    }

    [Fact]
    public void A_model_trained_with_the_same_pipeline_as_another_keeps_its_own_score()
    {
        var x = X("Report", "We also train Qwen2-0.5B, a smaller model trained with the same pipeline as Qwen2-7B that still achieves 45% on MMLU.");
        Assert.True(x.Has(RelType.Achieves, "Qwen2-0.5B", "MMLU"));
        Assert.False(x.Has(RelType.Achieves, "Qwen2-7B", "MMLU"));
    }

    [Theory]
    [InlineData("We release Vikhr-7B, a family of chat models based on Mistral-7B for Russian.", "Vikhr-7B", "Mistral-7B", "fine-tuned")]
    [InlineData("Our model, Tulu-3-8B, is built upon Llama-3.1-8B and continues pretrained on a curated corpus.", "Tulu-3-8B", "Llama-3.1-8B", "continued-pretraining")]
    [InlineData("We present Qwen2-Math-7B, which continues pretrained from Qwen2-7B on math data.", "Qwen2-Math-7B", "Qwen2-7B", "continued-pretraining")]
    [InlineData("We introduce Orca-2-7B, trained on synthetically generated explanations with GPT-4.", "Orca-2-7B", "GPT-4", "data-from")]
    public void General_lineage_cues_give_parent_and_kind(string sentence, string child, string parent, string kind)
    {
        var rel = X("A model", sentence).Find(RelType.DerivedFrom, child, parent);
        Assert.NotNull(rel);
        Assert.Equal(kind, rel.Properties["kind"]);
    }

    [Theory]
    [InlineData("The base model, Yi-34B, is strong. The instruction-tuned variant, Yi-34B-Chat, follows instructions well.", "Yi-34B-Chat", "Yi-34B")]
    [InlineData("We release Gemma-2-9B. Its chat version, Gemma-2-9B-it, is aligned with RLHF.", "Gemma-2-9B-it", "Gemma-2-9B")]
    public void A_tuned_variant_named_after_its_base_is_derived_from_it(string abstractText, string child, string parent)
    {
        var x = X("A report", abstractText);
        Assert.True(x.Has(RelType.DerivedFrom, child, parent));
        Assert.False(x.Has(RelType.DerivedFrom, parent, child));
    }

    [Fact]
    public void A_model_is_never_derived_from_its_own_chat_variant()
    {
        var x = X("A report", "We develop OLMo-2, a collection of pretrained and fine-tuned models. We describe our approach to fine-tuning OLMo-2-Instruct.");
        Assert.False(x.Has(RelType.DerivedFrom, "OLMo-2", "OLMo-2-Instruct"));
    }

    [Theory]
    [InlineData("We introduce phi-3-mini, a small model.", "phi-3-mini")]
    [InlineData("We compare with llama-2-7b and other open models.", "llama-2-7b")]
    [InlineData("We introduce phi-1, a new model for code.", "phi-1")]
    public void A_lower_case_known_family_with_a_hyphenated_version_is_a_model(string sentence, string model) =>
        Assert.NotNull(X("A report", sentence).Entity(NodeLabel.Model, model));

    [Fact]
    public void A_lower_case_family_word_without_a_version_is_not_a_model()
    {
        var x = X("A report", "The phi value and the llama population were measured.");
        Assert.DoesNotContain(x.Entities, e => e.Label == NodeLabel.Model);
    }

    [Theory]
    [InlineData("We propose Sparsity-aware Weight Pruning (SWP), a simple approach for post-training pruning.", "Sparsity-aware Weight Pruning", "pruning")]
    [InlineData("We introduce Outlier Smoothing Scaling (OSS), an efficient method for one-shot weight quantization.", "Outlier Smoothing Scaling", "quantization")]
    public void An_appositive_approach_for_a_known_technique_is_a_variant_of_it(string sentence, string child, string parent) =>
        Assert.True(X("A method", sentence).Has(RelType.VariantOf, child, parent));

    [Theory]
    [InlineData("Gemma Scope: Open Sparse Autoencoders", "We release Gemma Scope, a suite of tools. Gemma Scope covers every layer.", "Gemma Scope")]
    [InlineData("Llama Guard: A Safeguard Model", "We introduce Llama Guard, a safety classifier. Llama Guard is released openly.", "Llama Guard")]
    [InlineData("Code Llama: Models for Code", "We release Code Llama. Code Llama reaches 53% on HumanEval.", "Code Llama")]
    public void A_title_name_made_of_a_word_and_a_family_is_one_model(string title, string abstractText, string model)
    {
        var x = X(title, abstractText);
        Assert.NotNull(x.Entity(NodeLabel.Model, model));
        Assert.DoesNotContain(x.Entities, e => e.Label == NodeLabel.Model && e.Name is "Llama" or "LLaMA" or "Gemma");
    }

    [Theory]
    [InlineData("We also provide Mistral 7B -- Instruct, a chat model.", "Mistral 7B -- Instruct")]
    [InlineData("It surpasses the Llama 2 70B - chat model.", "Llama 2 70B - chat")]
    [InlineData("We release Qwen2-7B - Instruct for chat.", "Qwen2-7B - Instruct")]
    public void A_release_word_after_a_spaced_dash_is_part_of_the_name(string sentence, string model) =>
        Assert.Equal(model, X("A report", sentence).Entity(NodeLabel.Model, model)?.Name);

    [Theory]
    [InlineData("Our best model family, which we name Falcon-40B-Chat, beats every open model.", "Falcon-40B-Chat")]
    [InlineData("The final result, Starling-7B, sets a new state of the art.", "Starling-7B")]
    [InlineData("This paper presents a new set of open models, called OLMo-2.", "OLMo-2")]
    [InlineData("We also train two larger models, called Qwen2-57B and Qwen2-72B, on more tokens.", "Qwen2-72B")]
    public void Naming_cues_introduce_the_named_model(string sentence, string model) =>
        Assert.Equal(RelType.Introduces, X("A report", "Large language models are useful. " + sentence).RoleOf(NodeLabel.Model, model));

    [Fact]
    public void Called_in_a_background_sentence_does_not_introduce()
    {
        var x = X("A study", "Large language models are useful. Prior work released a chat model called Vicuna-13B.");
        Assert.NotEqual(RelType.Introduces, x.RoleOf(NodeLabel.Model, "Vicuna-13B"));
    }

    [Theory]
    [InlineData("We present ShieldGemma-2B, a Gemma-2-2B model that is instruction-tuned on safety data.", "ShieldGemma-2B", "Gemma-2-2B")]
    [InlineData("We release Meditron-70B, a Llama-2-70B model fine-tuned on medical text.", "Meditron-70B", "Llama-2-70B")]
    public void An_appositive_base_model_that_is_tuned_is_the_parent(string sentence, string child, string parent) =>
        Assert.True(X("A model", sentence).Has(RelType.DerivedFrom, child, parent));

    [Theory]
    [InlineData("The hosted offerings include two mixture-of-experts (MoE) variants: Qwen3-Max and Qwen3-Plus.", "Qwen3-Plus", "mixture-of-experts")]
    [InlineData("We also release two MoE variants: OLMoE-1B and OLMoE-7B, both open.", "OLMoE-1B", "MoE")]
    public void Models_listed_as_variants_of_a_technique_use_it(string sentence, string model, string technique) =>
        Assert.True(X("A report", sentence).Has(RelType.Uses, model, technique));

    [Theory]
    [InlineData("Phi-3-mini is developed by Vertano Labs and released under an open license.", "Vertano Labs")]
    [InlineData("OLMo-2-7B was trained by researchers at Kestrel Research on public data.", "Kestrel Research")]
    [InlineData("Qwen2-7B is developed by Halvern AI.", "Halvern AI")]
    [InlineData("This work was done at Stanford University with Mistral-7B as the base model.", "Stanford University")]
    [InlineData("Gemma-2-9B is evaluated by a team from Carnegie Mellon University.", "Carnegie Mellon University")]
    public void A_capitalised_name_before_an_organisation_suffix_is_an_organisation(string sentence, string org) =>
        Assert.NotNull(X("A model", sentence).Entity(NodeLabel.Organization, org));

    [Theory]
    [InlineData("Generative AI is reshaping software development with models such as Llama-3-8B.", "Generative AI")]
    [InlineData("Constitutional AI trains Phi-3-mini to be harmless.", "Constitutional AI")]
    [InlineData("We study Mistral-7B for Clinical Research tasks.", "Clinical Research")]
    [InlineData("Advances in Responsible AI are discussed by Gemma-2-9B users.", "Responsible AI")]
    [InlineData("Open Research on Qwen2-7B is encouraged by Generative AI labs.", "Generative AI")]
    public void A_topic_before_an_organisation_suffix_is_not_an_organisation(string sentence, string phrase) =>
        Assert.Null(X("A model", sentence).Entity(NodeLabel.Organization, phrase));

    [Theory]
    [InlineData("We distill Qwen2-72B into Qwen2-1.5B, which keeps most of its accuracy.", "Qwen2-1.5B", "Qwen2-72B", "distilled")]
    [InlineData("We further distilled Llama-3-70B into Llama-3-8B with a logit loss.", "Llama-3-8B", "Llama-3-70B", "distilled")]
    [InlineData("Starting from Mistral-7B, Zephyr-7B is trained with direct preference optimization.", "Zephyr-7B", "Mistral-7B", "fine-tuned")]
    [InlineData("Starting from OLMo-2-13B, OLMo-2-13B-RL is trained with reinforcement learning on verifiable rewards.", "OLMo-2-13B-RL", "OLMo-2-13B", "rl-trained")]
    [InlineData("Gemma-2-2B is obtained by distilling Gemma-2-27B on a large corpus.", "Gemma-2-2B", "Gemma-2-27B", "distilled")]
    [InlineData("Phi-3-small is trained from Phi-3-mini with a longer context window.", "Phi-3-small", "Phi-3-mini", "fine-tuned")]
    [InlineData("Qwen2-Math-7B is built on top of Qwen2-7B and further trained with GRPO.", "Qwen2-Math-7B", "Qwen2-7B", "rl-trained")]
    public void Starting_from_trained_from_and_distill_into_cues_give_lineage(string sentence, string child, string parent, string kind)
    {
        var rel = X("A model", sentence).Find(RelType.DerivedFrom, child, parent);
        Assert.NotNull(rel);
        Assert.Equal(kind, rel.Properties["kind"]);
    }

    [Theory]
    [InlineData("We translate Llama-3-8B outputs into French before scoring them with Qwen2-7B.")]
    [InlineData("Based on our evaluation, Mistral-7B answered correctly more often whereas Gemma-2-9B refused.")]
    [InlineData("Starting from 2023, Llama-2-70B and Qwen2-72B were widely deployed.")]
    [InlineData("Phi-3-mini is trained from scratch, unlike Gemma-2-2B.")]
    public void Into_without_distill_and_a_leading_clause_without_a_cue_give_no_lineage(string sentence) =>
        Assert.DoesNotContain(X("A study", sentence).Relations, r => r.Type == RelType.DerivedFrom);

    [Theory]
    [InlineData("In this paper, we introduce Trixel 72B, a language model trained on 6 trillion tokens.", "Trixel 72B")]
    [InlineData("Marlow 7B outperforms Llama-2-13B on all benchmarks.", "Marlow 7B")]
    [InlineData("We compare against Falcor 180B and Gemma-2-27B.", "Falcor 180B")]
    public void An_unknown_capitalised_stem_with_a_spaced_size_is_a_model(string sentence, string model) =>
        Assert.NotNull(X("A model", sentence).Entity(NodeLabel.Model, model));

    [Theory]
    [InlineData("Over 7B tokens of code were collected for Llama-3-8B.", "Over 7B")]
    [InlineData("Experiments run on Ascend 910B accelerators with Qwen2-7B.", "Ascend 910B")]
    [InlineData("The resulting Mixtral uses Sparse 47B parameters per expert group.", "Sparse 47B")]
    [InlineData("Models were trained on Huawei 910B chips, including Qwen2-7B.", "Huawei 910B")]
    public void A_spaced_size_that_measures_something_or_follows_a_listed_word_is_not_a_model(string sentence, string phrase) =>
        Assert.Null(X("A study", sentence).Entity(NodeLabel.Model, phrase));

    [Theory]
    [InlineData("As the foundation, Llama-3-8B models have been used in training specialized models such as Meditron-8B and CodeFalcon-8B.", "CodeFalcon-8B", "Llama-3-8B")]
    [InlineData("Gemma-2-9B serves as a foundation for domain models such as MedGemma-9B.", "MedGemma-9B", "Gemma-2-9B")]
    public void Models_listed_after_a_foundation_model_derive_from_it(string sentence, string child, string parent) =>
        Assert.True(X("A model", sentence).Has(RelType.DerivedFrom, child, parent));

    [Fact]
    public void A_foundation_sentence_without_a_list_gives_no_lineage() =>
        Assert.DoesNotContain(X("A study", "This provides a strong foundation for Qwen2-7B and Mistral-7B.").Relations, r => r.Type == RelType.DerivedFrom);

    [Theory]
    [InlineData("Qwen2-7B achieves 37.8% on Joung-Eval.", "Qwen2-7B", "Joung-Eval")]
    [InlineData("Gemma-2-9B reaches 51.2% on CRUXEval, ahead of Llama-3-8B.", "Gemma-2-9B", "CRUXEval")]
    [InlineData("OLMo-2-7B scores 40.1% on MarbleEval.", "OLMo-2-7B", "MarbleEval")]
    public void A_name_ending_in_Eval_is_a_benchmark_that_takes_scores(string sentence, string model, string benchmark) =>
        Assert.True(X("Evaluation", sentence).Has(RelType.Achieves, model, benchmark));

    [Theory]
    [InlineData("We release the Eval harness used for Mistral-7B.", "Eval")]
    [InlineData("An evaluation with the LLM-as-judge-Eval protocol covers Phi-3-mini.", "judge-Eval")]
    public void Eval_alone_or_after_a_lower_case_word_is_not_a_benchmark(string sentence, string phrase) =>
        Assert.Null(X("A study", sentence).Entity(NodeLabel.Benchmark, phrase));

    [Fact]
    public void Sentence_token_bounds_are_the_binary_searches_of_each_sentence_start_and_end()
    {
        var random = new Random(7);
        for (var round = 0; round < 300; round++)
        {
            // Tokens in text order (possibly none); sentences mostly in order, sometimes going back or past the text.
            var tokens = new List<Token>();
            for (var at = random.Next(3); at < 200 && tokens.Count < random.Next(1, 40); at += random.Next(1, 9))
            {
                var end = at + random.Next(1, 6);
                tokens.Add(new Token(at, end, "w"));
                at = end;
            }

            var sentences = new List<(int Start, int End)>();
            var start = 0;
            for (var s = random.Next(0, 8); s > 0; s--)
            {
                start = random.Next(10) == 0 ? random.Next(0, 220) : start + random.Next(0, 30);
                var end = start + random.Next(0, 40);
                sentences.Add((start, end));
                start = end + random.Next(0, 3);
            }

            var bounds = new int[2 * sentences.Count];
            RelationRules.FillSentenceTokens(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(tokens), System.Runtime.InteropServices.CollectionsMarshal.AsSpan(sentences), bounds);
            var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(tokens);
            for (var s = 0; s < sentences.Count; s++)
            {
                Assert.Equal(PaperContext.FirstTokenAtOrAfter(span, sentences[s].Start), bounds[2 * s]);
                Assert.Equal(PaperContext.FirstTokenAtOrAfter(span, sentences[s].End), bounds[(2 * s) + 1]);
            }
        }
    }

    [Fact]
    public void A_series_merged_into_its_one_introduced_size_is_gone_for_the_later_rules()
    {
        // "Mistral" becomes "Mistral 7B" while the introductions are read (the entity is removed from the paper's
        // table); the rules after it walk the paper's entities and must not see it, nor its organisation edge twice.
        var x = X("Mistral 7B", "We introduce Mistral 7B, a 7-billion-parameter language model. Mistral outperforms Llama 2 13B on all evaluated benchmarks. Mistral uses grouped-query attention.");
        Assert.DoesNotContain(x.Entities, e => e.Name == "Mistral");
        Assert.DoesNotContain(x.Relations, r => r.From.Name == "Mistral" || r.To.Name == "Mistral");
        Assert.True(x.Has(RelType.Introduces, "test:1", "Mistral 7B"));
        Assert.True(x.Has(RelType.ComparedWith, "Mistral 7B", "Llama 2 13B"));
        Assert.True(x.Has(RelType.Uses, "Mistral 7B", "Grouped-Query Attention"));
        Assert.Single(x.Relations, r => r.Type == RelType.DevelopedBy && r.From.Name == "Mistral 7B");
        Assert.Equal(3, x.Relations.Count(r => r.From.Label == NodeLabel.Paper));
    }

    [Theory]
    [InlineData("Mixture-of-Experts")]
    [InlineData("grouped-query attention")]
    [InlineData("GRPO")]
    [InlineData("Ä-Über ΣΑΣ İstanbul")]
    [InlineData("")]
    public void A_pooled_lower_cased_name_is_the_invariant_lower_case_and_shared(string name)
    {
        var lower = RelationRules.LowerPooled(name);
        Assert.Equal(name.ToLowerInvariant(), lower);
        Assert.Same(lower, RelationRules.LowerPooled(name));

        // Another copy of the name: the pooled string when lower-casing changes it, else that copy itself.
        var copy = new string(name.AsSpan());
        Assert.Same(string.Equals(lower, name, StringComparison.Ordinal) ? copy : lower, RelationRules.LowerPooled(copy));
    }

    [Fact]
    public void A_long_name_is_lower_cased_without_the_pool()
    {
        var name = new string('A', 200);
        Assert.Equal(new string('a', 200), RelationRules.LowerPooled(name));
    }
}
