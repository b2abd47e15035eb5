using System.Text;
using System.Text.Json;

namespace PaperGraph.Core.Tests;

public sealed class CypherValuesTests
{
    [Theory]
    [InlineData("plain", "'plain'")]
    [InlineData("O'Brien", "'O\\'Brien'")]
    [InlineData("back\\slash", "'back\\\\slash'")]
    [InlineData("a\nb\r\tc", "'a\\nb\\r\\tc'")]
    [InlineData("bell\u0007", "'bell\\u0007'")]
    [InlineData("quote \" and `tick` }", "'quote \" and `tick` }'")]
    [InlineData("Déjà 模型 😀", "'Déjà 模型 😀'")]
    public void String_literals_escape_quotes_backslashes_and_control_characters(string value, string expected) =>
        Assert.Equal(expected, CypherValues.ToLiteral(value));

    [Fact]
    public void Lone_surrogate_becomes_replacement_character() =>
        Assert.Equal("'a\uFFFDb'", CypherValues.ToLiteral("a\uD800b"));

    [Theory]
    [InlineData(60.0, "60.0")]
    [InlineData(51.7, "51.7")]
    [InlineData(1e21, "1E21")]
    [InlineData(-0.5, "-0.5")]
    public void Floats_stay_floats_in_literals_and_json(double value, string expected)
    {
        Assert.Equal(expected, CypherValues.ToLiteral(value));
        Assert.Equal(expected, CypherValues.ToJson(value));
    }

    [Fact]
    public void Integers_lists_and_maps_are_written_as_cypher_literals()
    {
        var map = new Dictionary<string, object?> { ["b"] = new[] { 1, 2 }, ["a key"] = true, ["`x"] = null, ["c"] = 7L };
        Assert.Equal("{`a key`: true, b: [1, 2], c: 7}", CypherValues.ToLiteral(map));
    }

    [Fact]
    public void Mixed_lists_become_string_lists_because_neo4j_lists_are_homogeneous() =>
        Assert.Equal("['1', 'two', '3.5']", CypherValues.ToLiteral(new object[] { 1, "two", 3.5 }));

    [Fact]
    public void Maps_stay_maps_as_parameters_but_become_json_strings_as_properties()
    {
        var map = new Dictionary<string, object?> { ["k"] = "v" };
        Assert.Equal("[{k: 'v'}]", CypherValues.ToLiteral(new[] { map }));
        Assert.Equal("{\"k\":\"v\"}", CypherValues.NormalizeProperty(map));
        Assert.Equal(new List<object?> { "{\"k\":\"v\"}" }, CypherValues.NormalizeProperty(new[] { map }));
    }

    [Fact]
    public void Non_finite_numbers_are_dropped_since_json_cannot_carry_them()
    {
        Assert.Null(CypherValues.Normalize(double.NaN));
        Assert.Equal("[1.5]", CypherValues.ToJson(new[] { double.PositiveInfinity, 1.5 }));
    }

    [Fact]
    public void Json_round_trips_nasty_strings()
    {
        foreach (var name in ExportFixtures.NastyNames)
        {
            var json = CypherValues.ToJson(new Dictionary<string, object?> { ["name"] = name });
            using var doc = JsonDocument.Parse(Encoding.UTF8.GetBytes(json));
            Assert.Equal(name, doc.RootElement.GetProperty("name").GetString());
        }
    }

    [Theory]
    [InlineData("name", "name")]
    [InlineData("_x1", "_x1")]
    [InlineData("1st", "`1st`")]
    [InlineData("we`ird key", "`we``ird key`")]
    public void Keys_are_backticked_unless_plain_identifiers(string key, string expected)
    {
        var sb = new StringBuilder();
        CypherValues.AppendKey(sb, key);
        Assert.Equal(expected, sb.ToString());
    }
}
