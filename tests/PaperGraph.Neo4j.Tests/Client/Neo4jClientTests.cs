using System.Text;
using System.Text.Json.Nodes;

namespace PaperGraph.Neo4j.Tests;

public sealed class Neo4jClientTests : IDisposable
{
    private readonly StubNeo4jServer _server = new();

    public void Dispose() => _server.Dispose();

    private static Dictionary<string, object?> RowsOf(params (string Id, string Name)[] rows) => new()
    {
        ["rows"] = rows.Select(r => new Dictionary<string, object?> { ["id"] = r.Id, ["props"] = new Dictionary<string, object?> { ["name"] = r.Name } }).ToList(),
    };

    [Fact]
    public async Task Success_with_counters_is_parsed_from_the_recorded_answer()
    {
        _server.Enqueue(StubResponse.Recorded("04-unwind-merge-counters"));
        using var client = _server.Client(StubNeo4jServer.FastOptions());
        var result = await client.RunAsync("UNWIND $rows AS row MERGE (m:Model {id: row.id}) SET m += row.props RETURN count(m) AS merged",
            RowsOf(("model:deepseek-v3", "DeepSeek-V3"), ("model:deepseek-v2", "DeepSeek-V2")), CancellationToken.None);

        Assert.Equal(["merged"], result.Fields);
        Assert.Equal(2, result.Rows.Single()[0].GetInt64());
        Assert.NotNull(result.Counters);
        Assert.Equal(2, result.Counters.NodesCreated);
        Assert.Equal(6, result.Counters.PropertiesSet);
        Assert.Equal(2, result.Counters.LabelsAdded);
        Assert.True(result.Counters.ContainsUpdates);
    }

    [Fact]
    public async Task Request_follows_the_query_api_shape_with_basic_auth()
    {
        _server.Enqueue(StubResponse.Recorded("04-unwind-merge-counters"));
        using var client = _server.Client(StubNeo4jServer.FastOptions());
        await client.RunAsync("RETURN $rows", RowsOf(("model:a", "A")), CancellationToken.None);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/db/neo4j/query/v2", request.Path);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("neo4j:s3cret-pw")), request.Authorization);
        Assert.Equal("application/json", request.Accept);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        var json = request.Json;
        Assert.Equal("RETURN $rows", json.GetProperty("statement").GetString());
        Assert.True(json.GetProperty("includeCounters").GetBoolean());
        Assert.Equal("model:a", json.GetProperty("parameters").GetProperty("rows")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Repeated_merge_reports_nothing_created_as_recorded()
    {
        _server.Enqueue(StubResponse.Recorded("05-unwind-merge-again"));
        using var client = _server.Client(StubNeo4jServer.FastOptions());
        var result = await client.RunAsync("RETURN 1", null, CancellationToken.None);
        Assert.Equal(0, result.Counters!.NodesCreated);
        Assert.Equal(4, result.Counters.PropertiesSet);
    }

    [Theory]
    [InlineData("09-unauthorized", "Invalid credential.")]
    [InlineData("15-no-auth-header", "No authentication header supplied.")]
    public async Task Unauthorized_is_an_authentication_error_that_is_not_retried_and_hides_the_password(string recording, string message)
    {
        _server.Enqueue(StubResponse.Recorded(recording));
        using var client = _server.Client(StubNeo4jServer.FastOptions());
        var ex = await Assert.ThrowsAsync<Neo4jAuthenticationException>(() => client.RunAsync("RETURN 1", null, CancellationToken.None));

        Assert.Equal("Neo.ClientError.Security.Unauthorized", ex.Code);
        Assert.Equal(401, ex.HttpStatus);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes("neo4j:s3cret-pw")), ex.ToString(), StringComparison.Ordinal);
        Assert.False(ex.IsRetriable);
        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData("10-syntax-error", typeof(Neo4jSyntaxException), "Neo.ClientError.Statement.SyntaxError")]
    [InlineData("11-semantic-error", typeof(Neo4jSyntaxException), "Neo.ClientError.Statement.SyntaxError")]
    [InlineData("12-missing-parameter", typeof(Neo4jClientException), "Neo.ClientError.Statement.ParameterMissing")]
    [InlineData("13-constraint-violation", typeof(Neo4jConstraintException), "Neo.ClientError.Schema.ConstraintValidationFailed")]
    [InlineData("14-unknown-database", typeof(Neo4jDatabaseNotFoundException), "Neo.ClientError.Database.DatabaseNotFound")]
    [InlineData("16-malformed-body", typeof(Neo4jClientException), "Neo.ClientError.Request.Invalid")]
    [InlineData("19-read-access-mode-write", typeof(Neo4jClientException), "Neo.ClientError.Statement.AccessMode")]
    public async Task Recorded_client_errors_map_to_the_exception_tree_without_retry(string recording, Type expected, string code)
    {
        _server.Enqueue(StubResponse.Recorded(recording));
        using var client = _server.Client(StubNeo4jServer.FastOptions());
        var ex = await Assert.ThrowsAnyAsync<Neo4jClientException>(() => client.RunAsync("RETURN 1", null, CancellationToken.None));

        Assert.IsType(expected, ex);
        Assert.Equal(code, ex.Code);
        Assert.False(ex.IsRetriable);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Errors_in_a_202_answer_are_still_errors()
    {
        _server.Enqueue(StubResponse.RecordedWithStatus("10-syntax-error", 202));
        using var client = _server.Client(StubNeo4jServer.FastOptions());
        var ex = await Assert.ThrowsAsync<Neo4jSyntaxException>(() => client.RunAsync("MATCH (n:Model RETURN n", null, CancellationToken.None));
        Assert.Equal(202, ex.HttpStatus);
        Assert.Contains("Invalid input 'RETURN'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transient_error_is_retried_then_succeeds()
    {
        var retries = new List<Neo4jRetry>();
        _server.Enqueue(
            StubResponse.RecordedErrorWithCode("Neo.TransientError.Transaction.DeadlockDetected", "ForsetiClient[1] can't acquire ExclusiveLock"),
            StubResponse.Recorded("04-unwind-merge-counters"));
        using var client = _server.Client(StubNeo4jServer.FastOptions() with { OnRetry = retries.Add });
        var result = await client.RunAsync("RETURN 1", null, CancellationToken.None);

        Assert.Equal(2, result.Counters!.NodesCreated);
        Assert.Equal(2, _server.Requests.Count);
        var retry = Assert.Single(retries);
        Assert.Equal(1, retry.Attempt);
        Assert.Contains("DeadlockDetected", retry.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transient_errors_stop_after_the_configured_attempts()
    {
        _server.Handler = _ => StubResponse.RecordedErrorWithCode("Neo.TransientError.General.DatabaseUnavailable", "Database is unavailable", 503);
        using var client = _server.Client(StubNeo4jServer.FastOptions(retries: 2));
        var ex = await Assert.ThrowsAsync<Neo4jTransientException>(() => client.RunAsync("RETURN 1", null, CancellationToken.None));

        Assert.True(ex.IsRetriable);
        Assert.Equal("Neo.TransientError.General.DatabaseUnavailable", ex.Code);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_in_time_gives_a_timeout_error()
    {
        _server.Enqueue(StubResponse.Recorded("02-return-scalar") with { Delay = TimeSpan.FromSeconds(10) });
        using var client = _server.Client(StubNeo4jServer.FastOptions(retries: 0) with { RequestTimeout = TimeSpan.FromMilliseconds(200) });
        var ex = await Assert.ThrowsAsync<Neo4jTransientException>(() => client.RunAsync("RETURN 1", null, CancellationToken.None));
        Assert.Equal("PaperGraph.Timeout", ex.Code);
        Assert.Contains("did not answer", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_timed_out_attempt_is_retried()
    {
        _server.Enqueue(
            StubResponse.Recorded("02-return-scalar") with { Delay = TimeSpan.FromSeconds(10) },
            StubResponse.Recorded("02-return-scalar"));
        using var client = _server.Client(StubNeo4jServer.FastOptions(retries: 1) with { RequestTimeout = TimeSpan.FromMilliseconds(300) });
        var result = await client.RunAsync("RETURN 1", null, CancellationToken.None);
        Assert.Equal(["x", "s", "f", "n", "l", "m"], result.Fields);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_turned_into_a_timeout()
    {
        _server.Enqueue(StubResponse.Recorded("02-return-scalar") with { Delay = TimeSpan.FromSeconds(10) });
        using var client = _server.Client(StubNeo4jServer.FastOptions());
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.RunAsync("RETURN 1", null, cts.Token));
    }

    [Fact]
    public async Task Malformed_json_gives_a_clear_protocol_error()
    {
        _server.Enqueue(new StubResponse(202, "{\"data\": {\"fields\": [\"x\"], \"values\": [[1"));
        using var client = _server.Client(StubNeo4jServer.FastOptions());
        var ex = await Assert.ThrowsAsync<Neo4jProtocolException>(() => client.RunAsync("RETURN 1 AS x", null, CancellationToken.None));
        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 202", ex.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Html_error_page_without_errors_is_a_protocol_error_naming_the_status()
    {
        _server.Enqueue(new StubResponse(500, "<html>oops</html>", "text/html"));
        using var client = _server.Client(StubNeo4jServer.FastOptions());
        var ex = await Assert.ThrowsAsync<Neo4jProtocolException>(() => client.RunAsync("RETURN 1", null, CancellationToken.None));
        Assert.Contains("HTTP 500", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connection_failure_is_retried_then_reported_without_credentials()
    {
        var retries = new List<Neo4jRetry>();
        var closed = new Uri(_server.BaseUri.GetLeftPart(UriPartial.Authority));
        _server.Dispose();
        using var client = new Neo4jClient(new Neo4jConnection(closed, "neo4j", "s3cret-pw"), StubNeo4jServer.FastOptions(retries: 2) with { OnRetry = retries.Add });
        var ex = await Assert.ThrowsAsync<Neo4jTransientException>(() => client.RunAsync("RETURN 1", null, CancellationToken.None));
        Assert.Equal("PaperGraph.Connection", ex.Code);
        Assert.Equal(2, retries.Count);
        Assert.DoesNotContain("s3cret-pw", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discovery_document_gives_version_and_endpoints()
    {
        _server.Enqueue(StubResponse.Recorded("01-discovery"));
        using var client = _server.Client(StubNeo4jServer.FastOptions());
        var info = await client.GetServerInfoAsync(CancellationToken.None);
        Assert.Equal("5.26.0", info.Version);
        Assert.Equal("community", info.Edition);
        Assert.True(info.HasQueryApi);
        Assert.Equal("GET", _server.Requests.Single().Method);
        Assert.Equal("/", _server.Requests.Single().Path);
    }

    [Fact]
    public async Task Auto_endpoint_uses_the_query_api_when_discovery_lists_it()
    {
        _server.Enqueue(StubResponse.Recorded("01-discovery"), StubResponse.Recorded("02-return-scalar"));
        using var client = _server.Client(StubNeo4jServer.FastOptions() with { Endpoint = Neo4jEndpoint.Auto });
        await client.RunAsync("RETURN 1", null, CancellationToken.None);
        Assert.Equal(Neo4jEndpoint.QueryApi, client.Endpoint);
        Assert.Equal(["/", "/db/neo4j/query/v2"], _server.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task Without_the_query_api_the_client_falls_back_to_tx_commit()
    {
        var discovery = StubResponse.Recording("01-discovery")["response"]!["body"]!.AsObject();
        discovery.Remove("query");
        discovery["neo4j_version"] = "5.20.0";
        _server.Enqueue(new StubResponse(200, discovery.ToJsonString()), StubResponse.Recorded("17-legacy-tx-commit"));
        using var client = _server.Client(StubNeo4jServer.FastOptions() with { Endpoint = Neo4jEndpoint.Auto });
        var result = await client.RunAsync("MATCH (m:Model {id: $id}) RETURN m.name AS name", new Dictionary<string, object?> { ["id"] = "model:deepseek-v3" }, CancellationToken.None);

        Assert.Equal(Neo4jEndpoint.TxCommit, client.Endpoint);
        Assert.Equal(["name"], result.Fields);
        Assert.Equal("DeepSeek-V3", result.Rows.Single()[0].GetString());
        var request = _server.Requests.Last();
        Assert.Equal("/db/neo4j/tx/commit", request.Path);
        var statement = request.Json.GetProperty("statements")[0];
        Assert.Equal("MATCH (m:Model {id: $id}) RETURN m.name AS name", statement.GetProperty("statement").GetString());
        Assert.Equal("model:deepseek-v3", statement.GetProperty("parameters").GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_404_without_neo4j_errors_on_query_v2_switches_to_tx_commit()
    {
        _server.Enqueue(new StubResponse(404, "", "text/plain"), StubResponse.Recorded("17-legacy-tx-commit"));
        using var client = _server.Client(StubNeo4jServer.FastOptions());
        var result = await client.RunAsync("RETURN 1", null, CancellationToken.None);
        Assert.Equal("DeepSeek-V3", result.Rows.Single()[0].GetString());
        Assert.Equal(["/db/neo4j/query/v2", "/db/neo4j/tx/commit"], _server.Requests.Select(r => r.Path));
        Assert.Equal(Neo4jEndpoint.TxCommit, client.Endpoint);
    }

    [Fact]
    public async Task Tx_commit_errors_in_a_200_answer_are_errors()
    {
        _server.Enqueue(StubResponse.Recorded("18-legacy-tx-commit-error"));
        using var client = _server.Client(StubNeo4jServer.FastOptions() with { Endpoint = Neo4jEndpoint.TxCommit });
        var ex = await Assert.ThrowsAsync<Neo4jSyntaxException>(() => client.RunAsync("MATCH (n:Model RETURN n", null, CancellationToken.None));
        Assert.Equal(200, ex.HttpStatus);
    }

    [Fact]
    public async Task Tx_commit_stats_become_counters()
    {
        var body = JsonNode.Parse(StubResponse.Recorded("17-legacy-tx-commit").Body)!;
        body["results"]![0]!["stats"] = JsonNode.Parse("{\"contains_updates\":true,\"nodes_created\":3,\"nodes_deleted\":0,\"properties_set\":9,\"relationships_created\":1,\"relationship_deleted\":0,\"labels_added\":3,\"labels_removed\":0,\"indexes_added\":0,\"indexes_removed\":0,\"constraints_added\":0,\"constraints_removed\":0}");
        _server.Enqueue(new StubResponse(200, body.ToJsonString()));
        using var client = _server.Client(StubNeo4jServer.FastOptions() with { Endpoint = Neo4jEndpoint.TxCommit });
        var result = await client.RunAsync("RETURN 1", null, CancellationToken.None);
        Assert.Equal(3, result.Counters!.NodesCreated);
        Assert.Equal(1, result.Counters.RelationshipsCreated);
        Assert.Equal(9, result.Counters.PropertiesSet);
        Assert.True(_server.Requests.Single().Json.GetProperty("statements")[0].GetProperty("includeStats").GetBoolean());
    }

    [Fact]
    public async Task Typed_json_is_requested_and_decoded()
    {
        _server.Enqueue(StubResponse.Recorded("08-typed-json"));
        using var client = _server.Client(StubNeo4jServer.FastOptions() with { TypedJson = true });
        var result = await client.RunAsync("MATCH p = (a:Model {id: $id})-[r:SUCCEEDS]->(b) RETURN a, r, p, 42 AS i, 1.5 AS f",
            new Dictionary<string, object?> { ["id"] = "model:deepseek-v3" }, CancellationToken.None);

        Assert.Equal("application/vnd.neo4j.query", _server.Requests.Single().Accept);
        var row = result.Rows.Single();
        Assert.Equal(42L, Neo4jTypedJson.ToPlain(row[3]));
        Assert.Equal(1.5, Neo4jTypedJson.ToPlain(row[4]));
        var node = Assert.IsType<Dictionary<string, object?>>(Neo4jTypedJson.ToPlain(row[0]));
        var props = Assert.IsType<Dictionary<string, object?>>(node["properties"]);
        Assert.Equal("DeepSeek-V3", props["name"]);
        Assert.Equal(["DeepSeek V3"], Assert.IsType<List<object?>>(props["aliases"]));
        var rel = Assert.IsType<Dictionary<string, object?>>(Neo4jTypedJson.ToPlain(row[1]));
        Assert.Equal("SUCCEEDS", rel["type"]);
        Assert.Equal(3, Assert.IsType<List<object?>>(Neo4jTypedJson.ToPlain(row[2])).Count);
    }

    [Fact]
    public async Task Plain_json_node_relationship_and_path_shapes_are_kept_as_recorded()
    {
        _server.Enqueue(StubResponse.Recorded("07-node-rel-path"));
        using var client = _server.Client(StubNeo4jServer.FastOptions());
        var result = await client.RunAsync("MATCH p = (a:Model {id: $id})-[r:SUCCEEDS]->(b) RETURN a, r, b, p",
            new Dictionary<string, object?> { ["id"] = "model:deepseek-v3" }, CancellationToken.None);
        var row = result.Rows.Single();
        Assert.Equal("model:deepseek-v3", row[0].GetProperty("properties").GetProperty("id").GetString());
        Assert.Equal("SUCCEEDS", row[1].GetProperty("type").GetString());
        Assert.Equal(3, row[3].GetArrayLength());
        Assert.Null(result.Counters);
    }

    [Fact]
    public async Task Nasty_names_travel_only_as_parameter_data()
    {
        string[] names = ["O'Brien \"Q\"", "Back`tick`} MATCH (n) DETACH DELETE n //", "Line\nbreak\r\n", "RETURN", "Déjà 模型 😀", "back\\slash"];
        _server.Enqueue(StubResponse.Recorded("04-unwind-merge-counters"));
        using var client = _server.Client(StubNeo4jServer.FastOptions());
        const string statement = "UNWIND $rows AS row MERGE (m:Model {id: row.id}) SET m += row.props RETURN count(m) AS merged";
        await client.RunAsync(statement, RowsOf(names.Select((n, i) => ($"model:{i}", n)).ToArray()), CancellationToken.None);

        var json = _server.Requests.Single().Json;
        Assert.Equal(statement, json.GetProperty("statement").GetString());
        var rows = json.GetProperty("parameters").GetProperty("rows");
        Assert.Equal(names, rows.EnumerateArray().Select(r => r.GetProperty("props").GetProperty("name").GetString()));
    }

    [Fact]
    public void Credentials_in_the_url_are_refused_without_echoing_them()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Neo4jClient(new Neo4jConnection(new Uri("http://neo4j:pw123@localhost:7474"), "neo4j", "x")));
        Assert.DoesNotContain("pw123", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Connection_record_does_not_print_the_password() =>
        Assert.DoesNotContain("s3cret-pw", new Neo4jConnection(new Uri("http://localhost:7474"), "neo4j", "s3cret-pw").ToString(), StringComparison.Ordinal);

    [Fact]
    public async Task Database_name_is_escaped_into_the_path()
    {
        _server.Enqueue(StubResponse.Recorded("14-unknown-database"));
        using var client = new Neo4jClient(new Neo4jConnection(_server.BaseUri, "neo4j", "pw", "nosuchdb"), StubNeo4jServer.FastOptions());
        await Assert.ThrowsAsync<Neo4jDatabaseNotFoundException>(() => client.RunAsync("RETURN 1", null, CancellationToken.None));
        Assert.Equal("/db/nosuchdb/query/v2", _server.Requests.Single().Path);
    }
}
