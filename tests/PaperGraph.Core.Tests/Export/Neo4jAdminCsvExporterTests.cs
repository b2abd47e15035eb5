namespace PaperGraph.Core.Tests;

public sealed class Neo4jAdminCsvExporterTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "pg-csv-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Export_writes_one_file_per_label_and_type_with_import_headers()
    {
        var export = await Neo4jAdminCsvExporter.ExportAsync(ExportFixtures.Nasty(), _dir, CancellationToken.None, '¦');
        Assert.Equal(Schema.Labels.Count, export.NodeFiles.Count);
        Assert.Equal(Schema.Types.Count, export.RelationshipFiles.Count);
        var models = await File.ReadAllLinesAsync(Path.Combine(_dir, "nodes_Model.csv"));
        Assert.Equal("id:ID,:LABEL,name,aliases:string[],aliasText,parameters,size:long,weird key`:double", models[0]);
        var rels = await File.ReadAllLinesAsync(Path.Combine(_dir, "rels_ACHIEVES.csv"));
        Assert.Equal(":START_ID,:END_ID,:TYPE,id,papers:string[],evidence:string[],evidenceKeys:string[],unit,value:double", rels[0]);
        Assert.Contains("--nodes=nodes_Model.csv", export.ImportCommand, StringComparison.Ordinal);
        Assert.Contains("--relationships=rels_DERIVED_FROM.csv", export.ImportCommand, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_dir, Neo4jAdminCsvExporter.CommandFileName)));
    }

    [Fact]
    public async Task Cells_with_quotes_commas_and_newlines_are_quoted_per_rfc_4180()
    {
        await Neo4jAdminCsvExporter.ExportAsync(ExportFixtures.Nasty(), _dir, CancellationToken.None, '¦');
        var text = await File.ReadAllTextAsync(Path.Combine(_dir, "nodes_Model.csv"));
        Assert.Contains("\"O'Brien \"\"Quoted\"\" Model\"", text, StringComparison.Ordinal);
        Assert.Contains("\"Line\nbreak\r\nand\ttab\"", text, StringComparison.Ordinal);
        Assert.Contains("\"semi;colon, comma\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_alias_containing_the_array_delimiter_is_reported_with_its_node()
    {
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() =>
            Neo4jAdminCsvExporter.ExportAsync(ExportFixtures.Nasty(), _dir, CancellationToken.None));
        Assert.Contains("aliases:string[]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("array-delimiter", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evidence_json_escapes_the_array_delimiter_instead_of_splitting()
    {
        var graph = new KnowledgeGraph();
        graph.AddPaper(new Paper("paper:p", "P", "A", null, null, [], new SourceLocation("f", 1)));
        var m = graph.AddEntity(NodeLabel.Model, "M");
        graph.AddRelationship(RelType.Introduces, "paper:p", m.Id, null, new Evidence("paper:p", graph.Sentences.Add("a; b"), 0, 1, "r", 1.0));
        await Neo4jAdminCsvExporter.ExportAsync(graph, _dir, CancellationToken.None);
        var line = (await File.ReadAllLinesAsync(Path.Combine(_dir, "rels_INTRODUCES.csv")))[1];
        Assert.Contains("a\\u003b b", line, StringComparison.Ordinal);
        Assert.DoesNotContain("a; b", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_is_byte_identical_for_the_same_graph()
    {
        await Neo4jAdminCsvExporter.ExportAsync(ExportFixtures.Nasty(), _dir, CancellationToken.None, '¦');
        var first = await File.ReadAllTextAsync(Path.Combine(_dir, "rels_DERIVED_FROM.csv"));
        await Neo4jAdminCsvExporter.ExportAsync(ExportFixtures.Nasty(), _dir, CancellationToken.None, '¦');
        Assert.Equal(first, await File.ReadAllTextAsync(Path.Combine(_dir, "rels_DERIVED_FROM.csv")));
    }
}
