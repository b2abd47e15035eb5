namespace PaperGraph.Core.Tests;

public sealed class KnowledgeGraphTests
{
    private static KnowledgeGraph GraphWithModels(params string[] names)
    {
        var graph = new KnowledgeGraph();
        foreach (var name in names)
        {
            graph.AddEntity(NodeLabel.Model, name);
        }

        return graph;
    }

    private static Evidence Ev(string paper, int start) => new(paper, 0, start, start + 5, "rule.test", 0.9);

    [Fact]
    public void Edges_without_properties_stay_empty_when_another_edge_gets_properties()
    {
        var graph = GraphWithModels("Veltra-V2", "Veltra-V1", "Orvix-V3");
        var plain = graph.AddRelationship(RelType.Succeeds, "model:veltra-v2", "model:veltra-v1");
        var derived = graph.AddRelationship(RelType.DerivedFrom, "model:orvix-v3", "model:veltra-v2",
            [new("kind", "distilled")]);

        Assert.Empty(plain.Properties);
        Assert.Equal("distilled", derived.Properties["kind"]);
    }

    [Fact]
    public void Edges_merge_by_type_endpoints_and_key_properties()
    {
        var graph = GraphWithModels("Veltra-V2", "Veltra-V1");
        var a = graph.AddRelationship(RelType.DerivedFrom, "model:veltra-v2", "model:veltra-v1", [new("kind", "fine-tuned")], Ev("p1", 0));
        var b = graph.AddRelationship(RelType.DerivedFrom, "model:veltra-v2", "model:veltra-v1", [new("kind", "fine-tuned")], Ev("p2", 0));
        var c = graph.AddRelationship(RelType.DerivedFrom, "model:veltra-v2", "model:veltra-v1", [new("kind", "distilled")], Ev("p3", 0));

        Assert.Same(a, b);
        Assert.NotSame(a, c);
        Assert.Equal(2, graph.EdgeCount);
        Assert.Equal(["p1", "p2"], a.Evidence.Select(e => e.Paper));
    }

    [Fact]
    public void Repeated_evidence_of_the_newest_paper_is_not_added_to_an_edge_seen_in_many_papers()
    {
        var graph = GraphWithModels("Veltra-V2", "Veltra-V1");
        GraphEdge? edge = null;
        for (var p = 0; p < 200; p++)
        {
            edge = graph.AddRelationship(RelType.Succeeds, "model:veltra-v2", "model:veltra-v1", null, Ev($"p{p}", 3));
        }

        graph.AddRelationship(RelType.Succeeds, "model:veltra-v2", "model:veltra-v1", null, Ev("p199", 3));
        graph.AddRelationship(RelType.Succeeds, "model:veltra-v2", "model:veltra-v1", null, Ev("p199", 40));

        Assert.Equal(201, edge!.Evidence.Count);
        Assert.Equal(40, edge.Evidence[^1].Start);
    }

    [Fact]
    public void Evidence_is_counted_over_every_relationship_inline_and_spilled()
    {
        var graph = GraphWithModels("Veltra-V2", "Veltra-V1", "Orvix-V3");
        Assert.Equal(0, graph.CountEvidence());
        graph.AddRelationship(RelType.Succeeds, "model:veltra-v2", "model:veltra-v1", null, Ev("p1", 3));
        graph.AddRelationship(RelType.Succeeds, "model:veltra-v2", "model:veltra-v1", null, Ev("p2", 3));
        graph.AddRelationship(RelType.Succeeds, "model:veltra-v2", "model:veltra-v1", null, Ev("p3", 70_000));
        graph.AddRelationship(RelType.DerivedFrom, "model:orvix-v3", "model:veltra-v2", [new("kind", "distilled")], Ev("p4", 9));
        graph.AddRelationship(RelType.Succeeds, "model:orvix-v3", "model:veltra-v1");

        Assert.Equal(4, graph.CountEvidence());
        Assert.Equal(graph.Edges.Sum(e => e.Evidence.Count), graph.CountEvidence());
    }

    [Fact]
    public void Edge_id_is_the_hash_of_type_endpoints_and_key_properties()
    {
        var graph = GraphWithModels("Veltra-V2", "Veltra-V1");
        var edge = graph.AddRelationship(RelType.DerivedFrom, "model:veltra-v2", "model:veltra-v1", [new("kind", "fine-tuned")]);

        var expected = "rel:" + KnowledgeGraph.ShortHash("DERIVED_FROM|model:veltra-v2|model:veltra-v1|kind=fine-tuned", 16);
        Assert.Equal(expected, edge.Id);
        Assert.Same(edge, graph.FindEdge(expected));
    }

    [Fact]
    public void Find_edge_sees_edges_added_after_an_earlier_lookup()
    {
        var graph = GraphWithModels("Veltra-V2", "Veltra-V1", "Orvix-V3");
        var first = graph.AddRelationship(RelType.Succeeds, "model:veltra-v2", "model:veltra-v1");
        Assert.Same(first, graph.FindEdge(first.Id));

        var second = graph.AddRelationship(RelType.Succeeds, "model:orvix-v3", "model:veltra-v2");
        Assert.Same(second, graph.FindEdge(second.Id));
        Assert.Null(graph.FindEdge("rel:0000000000000000"));
    }

    [Fact]
    public void An_entity_seen_again_under_another_spelling_of_its_id_gains_that_name_as_an_alias()
    {
        var graph = new KnowledgeGraph();
        var first = graph.AddEntity(NodeLabel.Model, "Veltra-V2", ["Veltra V2"]);
        graph.FindByName("veltra-v2");
        var again = graph.AddEntity(NodeLabel.Model, "Veltra-V2");
        var respelled = graph.AddEntity(NodeLabel.Model, "veltra-v2");

        Assert.Same(first, again);
        Assert.Same(first, respelled);
        Assert.Equal(["Veltra V2", "Veltra-V2", "veltra-v2"], first.Aliases);
        Assert.Same(first, Assert.Single(graph.FindByName("veltra-v2")));
    }

    [Fact]
    public void The_same_evidence_twice_is_kept_once_and_other_evidence_is_appended()
    {
        var graph = GraphWithModels("Veltra-V2", "Veltra-V1");
        var edge = graph.AddRelationship(RelType.Succeeds, "model:veltra-v2", "model:veltra-v1", evidence: Ev("p1", 0));
        graph.AddRelationship(RelType.Succeeds, "model:veltra-v2", "model:veltra-v1", evidence: Ev("p1", 0));
        graph.AddRelationship(RelType.Succeeds, "model:veltra-v2", "model:veltra-v1", evidence: Ev("p1", 7));

        Assert.Equal([0, 7], edge.Evidence.Select(e => e.Start));
    }

    [Fact]
    public void Names_shared_by_two_nodes_find_both_and_a_label_filter_picks_one()
    {
        var graph = new KnowledgeGraph();
        graph.AddEntity(NodeLabel.Benchmark, "MATH");
        graph.AddEntity(NodeLabel.Technique, "Math");

        Assert.Equal(2, graph.FindByName("math").Count);
        Assert.Equal(NodeLabel.Benchmark, Assert.Single(graph.FindByName("MATH", NodeLabel.Benchmark)).Label);
        Assert.Equal(2, graph.AliasIndex.Single(kv => kv.Key == "math").Value.Count);
    }

    [Fact]
    public void Evidence_too_large_to_pack_into_the_edge_keeps_its_values_and_order()
    {
        var graph = GraphWithModels("Veltra-V2", "Veltra-V1", "Orvix-V3");
        Evidence[] pieces =
        [
            new("p1", 1 << 28, 100_000, 100_900, "rule.long", 0.5),
            new("p2", 7, 3, 8, "rule.test", 0.9),
            new("p3", 8, 20_000, 20_001, "rule.test", 0.25),
        ];
        var far = pieces.Aggregate((GraphEdge?)null, (_, e) => graph.AddRelationship(RelType.Succeeds, "model:veltra-v2", "model:veltra-v1", null, e))!;
        var near = pieces.Reverse().Aggregate((GraphEdge?)null, (_, e) => graph.AddRelationship(RelType.Succeeds, "model:orvix-v3", "model:veltra-v2", null, e))!;

        Assert.Equal(pieces, far.Evidence);
        Assert.Equal(pieces.Reverse(), near.Evidence);
    }

    [Fact]
    public void Many_edges_merge_and_keep_insertion_order_as_the_edge_index_grows()
    {
        var graph = new KnowledgeGraph();
        var names = Enumerable.Range(0, 300).Select(i => $"Veltra-V{i}").ToArray();
        foreach (var name in names)
        {
            graph.AddEntity(NodeLabel.Model, name);
        }

        var added = new List<GraphEdge>();
        for (var round = 0; round < 2; round++)
        {
            for (var i = 1; i < names.Length; i++)
            {
                var edge = graph.AddRelationship(RelType.DerivedFrom, $"model:veltra-v{i}", $"model:veltra-v{i - 1}",
                    [new("kind", i % 2 == 0 ? "fine-tuned" : "distilled")], Ev($"p{round}", i));
                if (round == 0)
                {
                    added.Add(edge);
                }
                else
                {
                    Assert.Same(added[i - 1], edge);
                }
            }
        }

        Assert.Equal(added, graph.Edges);
        Assert.All(added, e => Assert.Equal(2, e.Evidence.Count));
        Assert.Equal(added.Count, graph.Graph.EdgeCount);
    }

    [Fact]
    public void A_relationship_differing_only_in_a_key_property_value_is_a_new_edge_and_equal_values_merge()
    {
        var graph = new KnowledgeGraph();
        graph.AddEntity(NodeLabel.Model, "Veltra-V2");
        graph.AddEntity(NodeLabel.Benchmark, "MATH");
        var a = graph.AddRelationship(RelType.Achieves, "model:veltra-v2", "benchmark:math", [new("value", 63.5), new("unit", "%")]);
        var b = graph.AddRelationship(RelType.Achieves, "model:veltra-v2", "benchmark:math", [new("unit", "%"), new("value", 63.5)]);
        var c = graph.AddRelationship(RelType.Achieves, "model:veltra-v2", "benchmark:math", [new("value", 63.6), new("unit", "%")]);
        var d = graph.AddRelationship(RelType.Achieves, "model:veltra-v2", "benchmark:math", [new("value", 0.0), new("unit", "%")]);
        var e = graph.AddRelationship(RelType.Achieves, "model:veltra-v2", "benchmark:math", [new("value", -0.0), new("unit", "%")]);

        Assert.Same(a, b);
        Assert.NotSame(a, c);
        Assert.NotSame(d, e);
        Assert.Equal("-0", Convert.ToString(e.Properties["value"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(4, graph.EdgeCount);
    }

    [Fact]
    public void Sentences_stored_read_back_the_same()
    {
        var store = new SentenceStore();
        var a = store.Add("");
        var b = store.Add("Déjà vu 😀.");
        var c = store.Add("Plain.");

        Assert.Equal(["", "Déjà vu 😀.", "Plain."], new[] { a, b, c }.Select(store.Get));
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount("Déjà vu 😀.Plain."), store.Bytes);
    }

    [Fact]
    public void Edges_in_id_order_are_every_edge_in_ordinal_order_of_id_and_merging_works_afterwards()
    {
        var names = Enumerable.Range(0, 300).Select(i => $"Model-{i}").ToArray();
        var graph = GraphWithModels(names);
        for (var i = 1; i < names.Length; i++)
        {
            graph.AddRelationship(RelType.Succeeds, KnowledgeGraph.EntityId(NodeLabel.Model, names[i]),
                KnowledgeGraph.EntityId(NodeLabel.Model, names[i - 1]), null, Ev("p1", i));
            graph.AddRelationship(RelType.ComparedWith, KnowledgeGraph.EntityId(NodeLabel.Model, names[i - 1]),
                KnowledgeGraph.EntityId(NodeLabel.Model, names[i]), null, Ev("p1", i));
        }

        var order = graph.EdgesInIdOrder();
        var ids = Enumerable.Range(0, order.Length).Select(i => order[i].Id).ToList();

        Assert.Equal(graph.EdgeCount, order.Length);
        Assert.Equal(graph.Edges.Select(e => e.Id).Order(StringComparer.Ordinal), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());

        // The sort used the merge index's memory: merging builds a new index and still finds every edge.
        var again = graph.AddRelationship(RelType.Succeeds, "model:model-7", "model:model-6", null, Ev("p2", 7));
        Assert.Equal(graph.EdgeCount, order.Length);
        Assert.Equal(["p1", "p2"], again.Evidence.Select(e => e.Paper));
        Assert.Same(again, graph.FindEdge(again.Id));
    }

    [Fact]
    public void Evidence_keeps_its_paper_sentence_offsets_and_confidence_in_the_order_papers_cite_it()
    {
        var graph = GraphWithModels("Veltra-V2", "Veltra-V1", "Orvix-V3");
        var ofP1 = graph.Sentences.Add("Veltra-V2 succeeds Veltra-V1.");
        var ofNone = graph.Sentences.Add("Orvix-V3 succeeds Veltra-V2.");

        // Cited by p1 (packs inline), then by p2 and by p3 with no such sentence id.
        var edge = graph.AddRelationship(RelType.Succeeds, "model:veltra-v2", "model:veltra-v1", null, new Evidence("p1", ofP1, 0, 9, "r", 0.9));
        graph.AddRelationship(RelType.Succeeds, "model:veltra-v2", "model:veltra-v1", null, new Evidence("p2", ofP1, 0, 9, "r", 0.9));
        graph.AddRelationship(RelType.Succeeds, "model:veltra-v2", "model:veltra-v1", null, new Evidence("p3", 99, 0, 9, "r", 0.8));
        var other = graph.AddRelationship(RelType.Succeeds, "model:orvix-v3", "model:veltra-v2", null, new Evidence("p4", ofNone, 2, 7, "r", 0.7));

        Assert.Equal([("p1", ofP1, 0.9), ("p2", ofP1, 0.9), ("p3", 99, 0.8)], edge.Evidence.Select(e => (e.Paper, e.SentenceId, e.Confidence)));
        Assert.Equal([("p4", ofNone, 2, 7)], other.Evidence.Select(e => (e.Paper, e.SentenceId, e.Start, e.End)));
        Assert.Equal("model:orvix-v3", other.Source);
        Assert.Equal("model:veltra-v2", other.Target);
    }

    [Fact]
    public void Edges_merge_after_the_exports_sorted_them_and_dropped_the_merge_index()
    {
        var graph = GraphWithModels("Veltra-V2", "Veltra-V1", "Orvix-V3");
        var first = graph.AddRelationship(RelType.Succeeds, "model:veltra-v2", "model:veltra-v1", null, Ev("p1", 0));
        Assert.Equal(1, graph.EdgesInIdOrder().Length);

        var again = graph.AddRelationship(RelType.Succeeds, "model:veltra-v2", "model:veltra-v1", null, Ev("p2", 0));
        var other = graph.AddRelationship(RelType.Succeeds, "model:orvix-v3", "model:veltra-v2", null, Ev("p2", 9));
        Assert.Equal(2, graph.EdgesInIdOrder().Length);
        var third = graph.AddRelationship(RelType.Succeeds, "model:orvix-v3", "model:veltra-v2", null, Ev("p3", 9));

        Assert.Same(first, again);
        Assert.Same(other, third);
        Assert.Equal(2, graph.EdgeCount);
        Assert.Equal(["p1", "p2"], first.Evidence.Select(e => e.Paper));
    }

    [Theory]
    [InlineData("DeepSeek-Coder-V2 Lite")]
    [InlineData("Qwen2.5-72B-Instruct")]
    [InlineData("  --GPT 4.0.--  ")]
    [InlineData("v.1.2..3")]
    [InlineData("a..b")]
    [InlineData("RoBERTa (large), 355M")]
    [InlineData("x_y/z\\w")]
    [InlineData("...")]
    [InlineData("-- ! --")]
    [InlineData("Llama 3 \u00e9t\u00e9 8B")]
    [InlineData("\uff21\uff22\uff23 \u2160")]
    [InlineData("\u65e5\u672c\u8a9e")]
    public void Entity_ids_are_the_label_and_the_slug_of_the_name_or_a_hash_when_the_slug_is_empty(string name)
    {
        var slug = NameKey.Slug(name);
        var expected = "model:" + (slug.Length > 0 ? slug : KnowledgeGraph.ShortHash(name));

        Assert.Equal(expected, KnowledgeGraph.EntityId(NodeLabel.Model, name));
    }

    [Fact]
    public void Entity_ids_of_long_names_keep_the_slug_limit()
    {
        var name = string.Join(' ', Enumerable.Range(0, 40).Select(i => "Word" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal("technique:" + NameKey.Slug(name), KnowledgeGraph.EntityId(NodeLabel.Technique, name));
        Assert.True(KnowledgeGraph.EntityId(NodeLabel.Technique, name).Length <= "technique:".Length + 80);
    }

    [Fact]
    public void Edge_id_hashes_are_the_first_bytes_of_the_sha256_of_type_endpoints_and_key_properties()
    {
        var props = new Dictionary<string, object?>
        {
            ["value"] = 71.25,
            ["unit"] = "%",
            ["metric"] = "accuracy \u00e9",
            ["setting"] = null,
            ["ignored"] = "not a key property",
        };
        var text = "ACHIEVES|model:a-b|benchmark:mm\u00e9lu|value=71.25|unit=%|metric=accuracy \u00e9|setting=";
        var expected = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(
            System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

        Assert.Equal(expected, KnowledgeGraph.EdgeIdHash(RelType.Achieves, "model:a-b", "benchmark:mm\u00e9lu", props));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(-0.5)]
    [InlineData(1e21)]
    [InlineData(0.1)]
    public void Edge_id_hashes_format_numbers_as_invariant_strings(double value)
    {
        var boxed = new object?[] { value, (int)value, (long)value, (decimal)value, (float)value };
        foreach (var v in boxed)
        {
            var props = new Dictionary<string, object?> { ["value"] = v, ["unit"] = 7, ["metric"] = true, ["setting"] = "s" };
            var text = "ACHIEVES|model:m|benchmark:b|value=" + Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)
                + "|unit=7|metric=True|setting=s";
            var expected = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(
                System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

            Assert.Equal(expected, KnowledgeGraph.EdgeIdHash(RelType.Achieves, "model:m", "benchmark:b", props));
        }
    }

    [Fact]
    public void Edge_id_hashes_of_very_long_endpoints_are_computed_like_short_ones()
    {
        var start = "paper:" + new string('x', 5000);
        var end = "technique:" + new string('\u00e9', 3000);
        var expected = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(
            System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("USES|" + start + "|" + end)));

        Assert.Equal(expected, KnowledgeGraph.EdgeIdHash(RelType.Uses, start, end, new Dictionary<string, object?>()));
    }

    [Fact]
    public void Edges_know_the_labels_of_their_endpoints()
    {
        var graph = new KnowledgeGraph();
        graph.AddPaper(new Paper("paper:p1", "A paper", "Text.", null, null, [], new SourceLocation("test", 1)));
        var model = graph.AddEntity(NodeLabel.Model, "Veltra-V2");
        var technique = graph.AddEntity(NodeLabel.Technique, "GRPO");
        var organization = graph.AddEntity(NodeLabel.Organization, "Acme Labs");

        var fromPaper = graph.AddRelationship(RelType.Uses, "paper:p1", technique.Id);
        var fromModel = graph.AddRelationship(RelType.Uses, model.Id, technique.Id);
        var mention = graph.AddRelationship(RelType.Mentions, "paper:p1", organization.Id);
        fromModel.AddEvidence(new EvidenceData("paper:p1", 3, 10, 20, "rule.x", 0.5));

        Assert.True(fromPaper.TryGetEndpointLabels(out var s1, out var e1));
        Assert.Equal((NodeLabel.Paper, NodeLabel.Technique), (s1, e1));
        Assert.True(fromModel.TryGetEndpointLabels(out var s2, out var e2));
        Assert.Equal((NodeLabel.Model, NodeLabel.Technique), (s2, e2));
        Assert.Equal(RelType.Uses, fromModel.Type);
        Assert.True(mention.TryGetEndpointLabels(out var s3, out var e3));
        Assert.Equal((NodeLabel.Paper, NodeLabel.Organization), (s3, e3));
    }

    [Fact]
    public void Edge_id_hashes_of_encoded_ids_and_sorted_properties_match_those_of_strings_and_maps()
    {
        Dictionary<string, object?>[] sets =
        [
            new() { ["value"] = 61.5, ["unit"] = "%", ["metric"] = "accuracy", ["setting"] = "5-shot" },
            new() { ["value"] = -0.0, ["unit"] = null, ["metric"] = "F1 \u00e9", ["extra"] = "x" },
            new() { ["setting"] = "zero-shot", ["value"] = 7 },
            new() { ["value"] = 12L, ["kind"] = "distilled", ["outcome"] = "better" },
            new(),
        ];
        foreach (var type in new[] { RelType.Achieves, RelType.DerivedFrom, RelType.ComparedWith, RelType.Uses })
        {
            foreach (var props in sets)
            {
                var expected = KnowledgeGraph.EdgeIdHash(type, "model:m\u00fc", "benchmark:b", props);
                var hash = KnowledgeGraph.EdgeIdHash(type, "model:m\u00fc"u8, "benchmark:b"u8, PreparedPaper.SortedProperties(props));

                Assert.Equal(expected, hash);
            }
        }
    }

    [Fact]
    public void Prepared_relation_properties_are_sorted_by_key_without_null_values()
    {
        var props = new Dictionary<string, object?> { ["value"] = 1.5, ["unit"] = "%", ["metric"] = null, ["setting"] = "zero-shot", ["a"] = 2 };

        var sorted = PreparedPaper.SortedProperties(props);

        Assert.Equal(["a", "setting", "unit", "value"], sorted.Select(p => p.Key));
        Assert.Equal([2, "zero-shot", "%", 1.5], sorted.Select(p => p.Value));
        Assert.Empty(PreparedPaper.SortedProperties(new Dictionary<string, object?> { ["x"] = null }));
        Assert.Equal(["b", "c"], PreparedPaper.SortedProperties(new SortedList<string, object?> { ["c"] = 1, ["b"] = 2 }).Select(p => p.Key));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(40)]
    public void Prepared_papers_number_each_evidence_sentence_once_in_order_of_first_use(int sentenceCount)
    {
        var text = string.Concat(Enumerable.Range(0, sentenceCount).Select(i => $"Sentence {i:00} uses GRPO. "));
        var paper = new Paper("paper:p1", "T", text, null, null, [], new SourceLocation("test", 1));
        var offset = paper.Text.Length - text.Length;
        var technique = new ExtractedEntity(NodeLabel.Technique, "GRPO", ["GRPO"], new Dictionary<string, object?>());
        var relations = new List<ExtractedRelation>();
        for (var round = 0; round < 2; round++)
        {
            for (var i = sentenceCount - 1; i >= 0; i--)
            {
                var start = offset + (i * 23);
                relations.Add(new ExtractedRelation(RelType.Uses, new EntityRef(NodeLabel.Paper, "paper:p1"), new EntityRef(NodeLabel.Technique, "GRPO"),
                    new Dictionary<string, object?>(), start, start + 22, start, start + 5, "rule.test", 0.5));
            }
        }

        var prepared = PreparedPaper.Prepare(new PaperExtraction(paper, [technique], relations, []));

        Assert.Equal(sentenceCount, prepared.SentenceCount);
        for (var i = 0; i < relations.Count; i++)
        {
            var expected = i % sentenceCount;
            Assert.Equal(expected, prepared.Relations[i].Sentence);
            Assert.Equal(PreparedPaper.ThePaper, prepared.Relations[i].Start);
            Assert.Equal(0, prepared.Relations[i].End);
        }

        Assert.Equal($"Sentence {sentenceCount - 1:00} uses GRPO.", prepared.Sentence(0).ToString());
    }

    [Fact]
    public void An_entity_id_asked_again_is_the_same_string_and_other_labels_or_names_get_their_own()
    {
        var first = KnowledgeGraph.EntityId(NodeLabel.Model, new string("Veltra-2.5-14B".AsSpan()));
        var again = KnowledgeGraph.EntityId(NodeLabel.Model, new string("Veltra-2.5-14B".AsSpan()));

        Assert.Equal("model:veltra-2.5-14b", first);
        Assert.Same(first, again);
        Assert.Equal("technique:veltra-2.5-14b", KnowledgeGraph.EntityId(NodeLabel.Technique, "Veltra-2.5-14B"));
        Assert.Equal("model:veltra-2.5-7b", KnowledgeGraph.EntityId(NodeLabel.Model, "Veltra-2.5-7B"));
        Assert.Equal("model:veltra-2.5-14b", KnowledgeGraph.EntityId(NodeLabel.Model, "Veltra-2.5-14B"));
    }

    [Fact]
    public void A_new_entity_given_a_dictionary_gets_the_properties_adding_them_one_by_one_gives()
    {
        // Keys whose ordinal order is not their insertion or culture order, and values that are null.
        var map = new Dictionary<string, object?>
        {
            ["year"] = 2024,
            ["Zeta"] = "z",
            ["acronym"] = null,
            ["_x"] = 1.5,
            ["\u00e4"] = "umlaut",
            ["Alpha"] = "a",
            ["parameters"] = null,
        };
        var graph = new KnowledgeGraph();
        var fromMap = graph.AddEntity(NodeLabel.Model, "Veltra-V2", null, map);
        var oneByOne = graph.AddEntity(NodeLabel.Model, "Veltra-V3", null, map.ToList());

        Assert.Equal(["Alpha", "Zeta", "_x", "year", "\u00e4"], fromMap.Properties.Keys);
        Assert.Equal(oneByOne.Properties, fromMap.Properties);

        // Seen again: missing properties are added and the first value of a key stays.
        graph.AddEntity(NodeLabel.Model, "Veltra-V2", null, new Dictionary<string, object?> { ["acronym"] = "VV2", ["year"] = 2025 });
        Assert.Equal(["Alpha", "Zeta", "_x", "acronym", "year", "\u00e4"], fromMap.Properties.Keys);
        Assert.Equal(2024, fromMap.Properties["year"]);
        Assert.Equal("VV2", fromMap.Properties["acronym"]);

        // Only null values: no properties at all, as before.
        var none = graph.AddEntity(NodeLabel.Technique, "Sparse attention", null, new Dictionary<string, object?> { ["acronym"] = null });
        Assert.Empty(none.Properties);
        Assert.True(graph.GetNode(none.Id).AddProperty("acronym", "SA"));
        Assert.Equal("SA", none.Properties["acronym"]);
    }

    [Fact]
    public void A_new_entity_given_a_read_only_map_gets_the_properties_adding_them_one_by_one_gives()
    {
        // A read-only map that is not a Dictionary (as the extractor's are), with null values and unsorted keys.
        IReadOnlyDictionary<string, object?> map = new System.Collections.ObjectModel.ReadOnlyDictionary<string, object?>(
            new Dictionary<string, object?>
            {
                ["version"] = "2",
                ["family"] = "Veltra",
                ["acronym"] = null,
                ["Parameters"] = 7.5,
                ["\u00e4"] = "umlaut",
            });
        var graph = new KnowledgeGraph();
        var fromMap = graph.AddEntity(NodeLabel.Model, "Veltra-2", null, map);
        var oneByOne = graph.AddEntity(NodeLabel.Model, "Veltra-3", null, map.ToList());

        Assert.Equal(["Parameters", "family", "version", "\u00e4"], fromMap.Properties.Keys);
        Assert.Equal(oneByOne.Properties, fromMap.Properties);

        // Seen again: missing properties are added, the first value of a key stays.
        graph.AddEntity(NodeLabel.Model, "Veltra-2", null,
            new System.Collections.ObjectModel.ReadOnlyDictionary<string, object?>(new Dictionary<string, object?> { ["variant"] = "chat", ["version"] = "9" }));
        Assert.Equal(["Parameters", "family", "variant", "version", "\u00e4"], fromMap.Properties.Keys);
        Assert.Equal("2", fromMap.Properties["version"]);

        // Only null values: no properties.
        var none = graph.AddEntity(NodeLabel.Technique, "Sparse attention", null,
            new System.Collections.ObjectModel.ReadOnlyDictionary<string, object?>(new Dictionary<string, object?> { ["acronym"] = null }));
        Assert.Empty(none.Properties);
    }

    [Fact]
    public void A_node_id_taken_by_another_label_is_refused_and_the_graph_keeps_the_first_node()
    {
        var graph = new KnowledgeGraph();
        var paper = graph.AddPaper(new Paper("model:veltra-v2", "Veltra-V2", "An abstract.", 2024, null, [], new SourceLocation("test", 1)));

        var ex = Assert.Throws<InvalidOperationException>(() => graph.AddEntity(NodeLabel.Model, "Veltra-V2"));
        Assert.Equal("Node id 'model:veltra-v2' is a Paper, not a Model.", ex.Message);
        Assert.Equal(1, graph.NodeCount);
        Assert.Same(paper, graph.GetNode("model:veltra-v2"));

        // A new id after the refusal is added as usual, and the same id again is the same node.
        var model = graph.AddEntity(NodeLabel.Model, "Veltra-V3");
        Assert.Same(model, graph.AddEntity(NodeLabel.Model, "Veltra-V3"));
        Assert.Equal(2, graph.NodeCount);
    }
}
