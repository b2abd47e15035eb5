namespace PaperGraph.Core.Tests;

/// <summary>The per-type and per-label tables made once at start-up (Schema, KnowledgeGraph) against the schema itself.</summary>
public sealed class SchemaTablesTests
{
    [Fact]
    public void ByType_holds_the_value_of_every_type_at_the_type_s_number()
    {
        var table = Schema.ByType(t => (t, Schema.TypeName(t)));

        Assert.Equal(Enum.GetValues<RelType>().Length, table.Length);
        foreach (var type in Enum.GetValues<RelType>())
        {
            Assert.Equal((type, Schema.TypeName(type)), table[(int)type]);
        }
    }

    [Fact]
    public void Label_and_type_counts_are_one_more_than_the_largest_value()
    {
        Assert.Equal(Enum.GetValues<NodeLabel>().Max(l => (int)l) + 1, Schema.LabelCount);
        Assert.Equal(Enum.GetValues<RelType>().Max(t => (int)t) + 1, Schema.TypeCount);
        Assert.Equal((int)NodeLabel.Organization + 1, Schema.LabelCount);
        Assert.Equal((int)RelType.DevelopedBy + 1, Schema.TypeCount);
    }

    [Fact]
    public void Endpoint_codes_name_every_allowed_pair_of_every_type()
    {
        foreach (var type in Enum.GetValues<RelType>())
        {
            var (starts, ends) = Schema.Endpoints(type);
            foreach (var start in starts)
            {
                foreach (var end in ends)
                {
                    var code = EndpointCodes.Of(type, start, end);
                    Assert.True(EndpointCodes.TryGet(type, code, out var s, out var e));
                    Assert.Equal((start, end), (s, e));
                }
            }
        }

        Assert.Equal(0, EndpointCodes.Of(RelType.Studies, NodeLabel.Model, NodeLabel.Paper));
    }

    [Fact]
    public void Endpoints_and_key_properties_are_the_same_for_every_type_from_the_table()
    {
        // The tables are read by type number; these are the schema's own answers for the types listed by name.
        Assert.Equal([NodeLabel.Paper], Schema.Endpoints(RelType.Studies).Start);
        Assert.Equal([NodeLabel.Model], Schema.Endpoints(RelType.Studies).End);
        Assert.Equal([NodeLabel.Paper, NodeLabel.Model], Schema.Endpoints(RelType.Uses).Start);
        Assert.Equal([NodeLabel.Organization], Schema.Endpoints(RelType.DevelopedBy).End);
        Assert.Equal(["value", "unit", "metric", "setting"], Schema.KeyProperties(RelType.Achieves));
        Assert.Equal(["kind"], Schema.KeyProperties(RelType.DerivedFrom));
        Assert.Equal(["outcome"], Schema.KeyProperties(RelType.ComparedWith));
        Assert.Empty(Schema.KeyProperties(RelType.Mentions));
    }

    [Fact]
    public void A_relationship_is_accepted_exactly_between_the_labels_its_type_allows()
    {
        var graph = new KnowledgeGraph();
        var ids = new Dictionary<NodeLabel, string>();
        foreach (var label in Enum.GetValues<NodeLabel>())
        {
            ids[label] = label == NodeLabel.Paper
                ? graph.AddPaper(new Paper("paper:p1", "A paper", "Text.", null, null, [], new SourceLocation("test", 1))).Id
                : graph.AddEntity(label, "Node " + label).Id;
        }

        foreach (var type in Enum.GetValues<RelType>())
        {
            var (starts, ends) = Schema.Endpoints(type);
            foreach (var start in Enum.GetValues<NodeLabel>())
            {
                foreach (var end in Enum.GetValues<NodeLabel>())
                {
                    var props = type switch
                    {
                        RelType.Achieves => new Dictionary<string, object?> { ["value"] = 1.0, ["unit"] = "%", ["metric"] = "accuracy" },
                        RelType.DerivedFrom => new Dictionary<string, object?> { ["kind"] = "distilled" },
                        RelType.ComparedWith => new Dictionary<string, object?> { ["outcome"] = "outperforms" },
                        _ => null,
                    };
                    var add = () => graph.AddRelationship(type, ids[start], ids[end], props);
                    if (starts.Contains(start) && ends.Contains(end))
                    {
                        Assert.Equal(type, add().Type);
                    }
                    else
                    {
                        Assert.Throws<ArgumentException>(add);
                    }
                }
            }
        }
    }

    [Fact]
    public void Entity_ids_start_with_the_lower_case_label()
    {
        foreach (var label in Enum.GetValues<NodeLabel>())
        {
            Assert.StartsWith(label.ToString().ToLowerInvariant() + ":", KnowledgeGraph.EntityId(label, "Veltra-2"));
        }
    }

    [Fact]
    public void Boxed_years_are_shared_and_hold_their_year()
    {
        Assert.Same(KnowledgeGraph.BoxedYear(2024), KnowledgeGraph.BoxedYear(2024));
        Assert.Equal(2024, KnowledgeGraph.BoxedYear(2024));
        Assert.Equal(0, KnowledgeGraph.BoxedYear(0));
        Assert.Equal(KnowledgeGraph.BoxedYears - 1, KnowledgeGraph.BoxedYear(KnowledgeGraph.BoxedYears - 1));
    }
}
