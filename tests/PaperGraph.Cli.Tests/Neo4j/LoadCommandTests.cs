using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace PaperGraph.Cli.Tests;

public sealed class LoadCommandTests : IDisposable
{
    private const string PasswordVariable = "PAPERGRAPH_TEST_NEO4J_PASSWORD";
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<string> _statements = new();
    private readonly string _url;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "pg-load-" + Guid.NewGuid().ToString("N"));

    public LoadCommandTests()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(_url);
        _listener.Start();
        _ = Task.Run(ServeAsync);
        Environment.SetEnvironmentVariable(PasswordVariable, "pw");
    }

    /// <summary>When set, a statement containing this text gets a syntax error (shape of the recorded 400).</summary>
    private volatile string? _failOn;

    public void Dispose()
    {
        _listener.Close();
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static string Corpus
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var path = Path.Combine(dir.FullName, "tests", "fixtures", "corpus", "papers.jsonl");
                if (File.Exists(path))
                {
                    return path;
                }
            }

            throw new FileNotFoundException("tests/fixtures/corpus/papers.jsonl");
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            string body;
            using (var reader = new StreamReader(context.Request.InputStream))
            {
                body = await reader.ReadToEndAsync();
            }

            string answer;
            var status = 202;
            if (context.Request.HttpMethod == "GET")
            {
                status = 200;
                answer = "{\"query\":\"" + _url + "db/{databaseName}/query/v2\",\"neo4j_version\":\"5.26.0\",\"neo4j_edition\":\"community\"}";
            }
            else
            {
                using var doc = JsonDocument.Parse(body);
                var statement = doc.RootElement.GetProperty("statement").GetString()!;
                _statements.Enqueue(statement);
                var rows = doc.RootElement.TryGetProperty("parameters", out var p) ? p.GetProperty("rows").GetArrayLength() : 0;
                var created = statement.Contains("]->", StringComparison.Ordinal) ? "\"relationshipsCreated\":" + rows : "\"nodesCreated\":" + rows;
                answer = _failOn is { } fail && statement.Contains(fail, StringComparison.Ordinal)
                    ? "{\"errors\":[{\"code\":\"Neo.ClientError.Statement.SyntaxError\",\"message\":\"Invalid input\"}]}"
                    : "{\"data\":{\"fields\":[\"merged\"],\"values\":[[" + rows + "]]},\"counters\":{\"containsUpdates\":true," + created + ",\"propertiesSet\":1}}";
                if (answer.StartsWith("{\"errors", StringComparison.Ordinal))
                {
                    status = 400;
                }
            }

            var bytes = Encoding.UTF8.GetBytes(answer);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static Task<int> Invoke(params string[] args) => LoadCommand.Create().Parse(args).InvokeAsync();

    [Fact]
    public async Task Load_sends_schema_nodes_and_relationships_and_exits_ok()
    {
        var code = await Invoke(Corpus, "--neo4j", _url, "--password-env", PasswordVariable, "--batch-size", "7");
        Assert.Equal(ExitCodes.Ok, code);
        var statements = _statements.ToList();
        Assert.StartsWith("CREATE CONSTRAINT paper_id", statements[0], StringComparison.Ordinal);
        Assert.Contains(statements, s => s.Contains("MERGE (n:Model {id: row.id})", StringComparison.Ordinal));
        Assert.Contains(statements, s => s.Contains("]->(b)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failing_batch_stops_the_load_with_exit_1()
    {
        _failOn = "MERGE (n:Technique";
        var code = await Invoke(Corpus, "--neo4j", _url, "--password-env", PasswordVariable, "--retries", "0");
        Assert.Equal(ExitCodes.InputError, code);
        Assert.DoesNotContain(_statements, s => s.Contains("]->(b)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Missing_password_variable_is_a_usage_error()
    {
        var code = await Invoke(Corpus, "--neo4j", _url, "--password-env", "PAPERGRAPH_TEST_NO_SUCH_VARIABLE");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(_statements);
    }

    [Fact]
    public async Task Bolt_url_is_refused_with_a_usage_error()
    {
        var code = await Invoke(Corpus, "--neo4j", "bolt://localhost:7687", "--password-env", PasswordVariable);
        Assert.Equal(ExitCodes.Usage, code);
    }
}
