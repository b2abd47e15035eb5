namespace PaperGraph.Core.Tests;

public sealed class InMemoryGraphQueriesTests
{
    private static readonly InMemoryGraphQueries Queries = new(SampleGraph.Build());
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Lineage_of_DeepSeekMath_contains_its_base_with_kind_and_evidence()
    {
        var lookup = await Queries.LineageAsync("DeepSeekMath 7B", LineageDirection.Ancestors, 3, Ct);

        Assert.Equal(LookupStatus.Found, lookup.Status);
        var result = lookup.Value!;
        Assert.Contains(result.Nodes, n => n.Node.Name == "DeepSeek-Coder-Base-v1.5 7B" && n.Depth == 1);
        var edge = Assert.Single(result.Edges);
        Assert.Equal("DERIVED_FROM", edge.Type);
        Assert.Equal("continued-pretraining", edge.Properties["kind"]);
        Assert.Contains("continues pre-training", Assert.Single(edge.Evidence).Sentence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lineage_ancestors_follow_both_derivation_and_succession()
    {
        var result = (await Queries.LineageAsync("deepseek prover v1.5", LineageDirection.Ancestors, 2, Ct)).Value!;

        var names = result.Nodes.Select(n => n.Node.Name).ToList();
        Assert.Contains("DeepSeekMath-Base", names);
        Assert.Contains("DeepSeek-Prover-V1", names);
        Assert.Equal(["DERIVED_FROM", "SUCCEEDS"], result.Edges.Select(e => e.Type).Order().ToArray());
    }

    [Fact]
    public async Task Lineage_descendants_walk_the_edges_backwards_and_depth_limits_the_walk()
    {
        var both = (await Queries.LineageAsync("DeepSeek-V3", LineageDirection.Descendants, 1, Ct)).Value!;
        Assert.Contains(both.Nodes, n => n.Node.Name == "DeepSeek-Prover-V2" && n.Depth == 1);

        var ancestorsOnly = (await Queries.LineageAsync("DeepSeek-V3", LineageDirection.Ancestors, 1, Ct)).Value!;
        Assert.Equal(["DeepSeek-V3"], ancestorsOnly.Nodes.Select(n => n.Node.Name));
    }

    [Fact]
    public async Task Unknown_model_gets_suggestions()
    {
        var lookup = await Queries.LineageAsync("DeepSeek-Prover-V3", LineageDirection.Both, 2, Ct);

        Assert.Equal(LookupStatus.NotFound, lookup.Status);
        Assert.Contains(lookup.Candidates, c => c.Name.StartsWith("DeepSeek-Prover", StringComparison.Ordinal));
        Assert.All(lookup.Candidates, c => Assert.Equal("Model", c.Label));
    }

    [Fact]
    public async Task Technique_papers_list_the_introducing_paper_first_with_evidence_and_variants()
    {
        var result = (await Queries.TechniquePapersAsync("grpo", new PageRequest(), Ct)).Value!;

        var first = result.Papers[0];
        Assert.Equal(SampleGraph.MathPaper, first.Paper.Id);
        Assert.Equal("introduces", first.Role);
        Assert.Contains("Group Relative Policy Optimization", first.Evidence[0].Sentence, StringComparison.Ordinal);
        Assert.Equal(["Proximal Policy Optimization"], result.VariantOf.Select(v => v.Name));

        var ppo = (await Queries.TechniquePapersAsync("PPO", new PageRequest(), Ct)).Value!;
        Assert.Equal(["Group Relative Policy Optimization"], ppo.Variants.Select(v => v.Name));
        Assert.Equal("mentions", Assert.Single(ppo.Papers).Role);
    }

    [Fact]
    public async Task Technique_lists_models_that_use_it()
    {
        var result = (await Queries.TechniquePapersAsync("Mixture of Experts", new PageRequest(), Ct)).Value!;

        Assert.Equal(["DeepSeek-V3"], result.Models.Select(m => m.Model.Name));
    }

    [Fact]
    public async Task Benchmark_results_come_best_first_and_page()
    {
        var result = (await Queries.BenchmarkResultsAsync("MiniF2F", new PageRequest(), Ct)).Value!;

        Assert.Equal([88.9, 63.5], result.Results.Select(r => r.Value!.Value));
        Assert.Equal("DeepSeek-Prover-V2", result.Results[0].Model.Name);
        Assert.Equal(SampleGraph.ProverV2Paper, result.Results[0].Paper!.Id);
        Assert.Equal("pass ratio", result.Results[0].Metric);

        var second = (await Queries.BenchmarkResultsAsync("miniF2F", new PageRequest(1, 1), Ct)).Value!;
        Assert.Equal(2, second.Total);
        Assert.Equal(63.5, Assert.Single(second.Results).Value);
    }

    [Fact]
    public async Task Paper_details_carry_every_fact_with_evidence_from_that_paper()
    {
        var result = (await Queries.PaperAsync(SampleGraph.MathPaper, Ct)).Value!;

        Assert.Equal(2024, result.Year);
        Assert.Contains(result.Facts, f => f.Type == "DERIVED_FROM" && f.Source.Name == "DeepSeekMath 7B");
        Assert.Contains(result.Facts, f => f.Type == "VARIANT_OF");
        Assert.All(result.Facts, f => Assert.All(f.Evidence, e => Assert.Equal(SampleGraph.MathPaper, e.PaperId)));
    }

    [Fact]
    public async Task Paper_resolves_by_title_too()
    {
        var lookup = await Queries.PaperAsync("DeepSeek-V3 Technical Report", Ct);

        Assert.Equal(SampleGraph.V3Paper, lookup.Value!.Paper.Id);
    }

    [Theory]
    [InlineData("deepseek r1", "DeepSeek-R1")]
    [InlineData("mixture of experts", "Mixture-of-Experts")]
    [InlineData("grpo", "Group Relative Policy Optimization")]
    [InlineData("deepsek prover v2", "DeepSeek-Prover-V2")]
    [InlineData("gpro", "Group Relative Policy Optimization")]
    [InlineData("minif2", "miniF2F")]
    public async Task Search_finds_names_aliases_and_typos(string query, string expected)
    {
        var hits = await Queries.SearchAsync(query, null, 5, Ct);

        Assert.Equal(expected, hits[0].Node.Name);
    }

    [Fact]
    public async Task Typo_search_is_not_misled_by_dirty_arrays_left_in_the_shared_pool()
    {
        var queries = new InMemoryGraphQueries(SampleGraph.Build());
        // Other users of ArrayPool<int>.Shared may return arrays that are not zeroed (the pool allows it); on this
        // thread, the next Rent of each size gets exactly these.
        for (var size = 16; size <= 1 << 16; size *= 2)
        {
            var dirty = System.Buffers.ArrayPool<int>.Shared.Rent(size);
            Array.Fill(dirty, 1);
            System.Buffers.ArrayPool<int>.Shared.Return(dirty);
        }

        var hits = await queries.SearchAsync("deepsek r1", null, 3, Ct); // completes synchronously, on this thread

        Assert.Equal("DeepSeek-R1", hits[0].Node.Name);
    }

    [Fact]
    public async Task Search_filters_by_label_and_limit()
    {
        var hits = await Queries.SearchAsync("deepseek", NodeLabel.Paper, 2, Ct);

        Assert.Equal(2, hits.Count);
        Assert.All(hits, h => Assert.Equal("Paper", h.Node.Label));
    }

    [Fact]
    public async Task Shortest_path_runs_against_edge_direction_when_needed()
    {
        var result = (await Queries.ShortestPathAsync("DeepSeek-Prover-V2", "DeepSeek-V2", 6, Ct)).Value!;

        Assert.True(result.Found);
        Assert.Equal("DeepSeek-Prover-V2", result.Nodes[0].Name);
        Assert.Equal("DeepSeek-V2", result.Nodes[^1].Name);
        Assert.Equal(result.Nodes.Count - 1, result.Length);
        Assert.Equal(3, result.Length);
    }

    [Fact]
    public async Task Shortest_path_longer_than_the_limit_is_not_found()
    {
        var result = (await Queries.ShortestPathAsync("DeepSeek-Prover-V2", "DeepSeek-V2", 2, Ct)).Value!;

        Assert.False(result.Found);
    }

    [Fact]
    public async Task Neighbors_respect_depth_types_and_paging()
    {
        var all = (await Queries.NeighborsAsync("model:deepseek-v3", 1, null, new PageRequest(), Ct)).Value!;
        Assert.Contains(all.Nodes, n => n.Node.Id == SampleGraph.V3Paper);
        Assert.All(all.Nodes, n => Assert.Equal(1, n.Depth));

        var lineageOnly = (await Queries.NeighborsAsync("DeepSeek-V3", 2, [RelType.DerivedFrom], new PageRequest(), Ct)).Value!;
        Assert.Equal(["DeepSeek-Prover-V2"], lineageOnly.Nodes.Select(n => n.Node.Name));

        var paged = (await Queries.NeighborsAsync("DeepSeek-V3", 2, null, new PageRequest(0, 1), Ct)).Value!;
        Assert.Single(paged.Nodes);
        Assert.True(paged.Total > 1);
    }

    [Fact]
    public async Task Family_collects_models_by_name_prefix_with_their_lineage()
    {
        var result = (await Queries.FamilyAsync("DeepSeek-Prover", Ct)).Value!;

        Assert.Equal(["DeepSeek-Prover-V1", "DeepSeek-Prover-V1.5", "DeepSeek-Prover-V2"], result.Models.Select(m => m.Name));
        Assert.Contains(result.Edges, e => e.Type == "SUCCEEDS");
    }

    [Fact]
    public async Task Stats_count_every_label_and_type()
    {
        var stats = await Queries.StatsAsync(Ct);

        Assert.Equal(4, stats.NodesByLabel["Paper"]);
        Assert.Equal(3, stats.RelationshipsByType["DERIVED_FROM"]);
        Assert.Equal(stats.Nodes, stats.NodesByLabel.Values.Sum());
    }
}
