using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PaperGraph.Core;
using Polly;
using Polly.Retry;

namespace PaperGraph.Neo4j;

/// <summary>Server counters of a write (present when counters were requested).</summary>
public sealed record QueryCounters(
    long NodesCreated,
    long NodesDeleted,
    long RelationshipsCreated,
    long RelationshipsDeleted,
    long PropertiesSet,
    long LabelsAdded,
    long IndexesAdded,
    long ConstraintsAdded,
    bool ContainsUpdates)
{
    /// <summary>All zero.</summary>
    public static QueryCounters Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, false);

    /// <summary>Sums two counter sets (a load adds up its batches).</summary>
    public QueryCounters Add(QueryCounters? other) => other is null
        ? this
        : new QueryCounters(
            NodesCreated + other.NodesCreated,
            NodesDeleted + other.NodesDeleted,
            RelationshipsCreated + other.RelationshipsCreated,
            RelationshipsDeleted + other.RelationshipsDeleted,
            PropertiesSet + other.PropertiesSet,
            LabelsAdded + other.LabelsAdded,
            IndexesAdded + other.IndexesAdded,
            ConstraintsAdded + other.ConstraintsAdded,
            ContainsUpdates || other.ContainsUpdates);
}

/// <summary>A query's answer: column names and one JSON array per row, as the Query API returns them.</summary>
public sealed record QueryResult(IReadOnlyList<string> Fields, IReadOnlyList<JsonElement[]> Rows, QueryCounters? Counters);

/// <summary>Connection settings.</summary>
/// <param name="BaseUri">Server root, such as http://localhost:7474.</param>
/// <param name="User">User name.</param>
/// <param name="Password">Password (never logged).</param>
/// <param name="Database">Database name.</param>
public sealed record Neo4jConnection(Uri BaseUri, string User, string Password, string Database = "neo4j")
{
    /// <summary>Keeps the password out of logs and exception messages that print the record.</summary>
    public override string ToString() => $"Neo4jConnection {{ BaseUri = {BaseUri.GetLeftPart(UriPartial.Authority)}, User = {User}, Database = {Database} }}";
}

/// <summary>
/// Neo4j over its HTTP Query API (<c>POST /db/{db}/query/v2</c>), with the legacy <c>/db/{db}/tx/commit</c> fallback
/// for servers where the Query API is not enabled. Every answer's <c>errors[]</c> is checked whatever the HTTP status;
/// transient errors, connection failures and timeouts are retried with bounded exponential backoff and jitter.
/// Thread-safe.
/// </summary>
public sealed class Neo4jClient : IDisposable
{
    private const string TypedJsonMediaType = "application/vnd.neo4j.query";
    private readonly Neo4jConnection _connection;
    private readonly Neo4jClientOptions _options;
    private readonly HttpClient _http;
    private readonly ResiliencePipeline _retry;
    private readonly AuthenticationHeaderValue _auth;
    private readonly string _safeBase;
    private Neo4jEndpoint _endpoint;

    /// <summary>Creates a client that owns its HttpClient.</summary>
    public Neo4jClient(Neo4jConnection connection)
        : this(connection, new Neo4jClientOptions())
    {
    }

    /// <summary>Creates a client with options; <paramref name="handler"/> replaces the socket handler (tests, proxies).</summary>
    public Neo4jClient(Neo4jConnection connection, Neo4jClientOptions options, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        if (!connection.BaseUri.IsAbsoluteUri || connection.BaseUri.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException("The Neo4j URL must be an absolute http:// or https:// URL (the HTTP port, 7474 by default).", nameof(connection));
        }

        if (!string.IsNullOrEmpty(connection.BaseUri.UserInfo))
        {
            // Credentials in the URL would end up in logs and messages; they belong in User/Password.
            throw new ArgumentException("The Neo4j URL must not contain credentials; pass the user and password separately.", nameof(connection));
        }

        _connection = connection;
        _options = options;
        _endpoint = options.Endpoint;
        _safeBase = connection.BaseUri.GetLeftPart(UriPartial.Authority);
        _http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, disposeHandler: true)
        {
            BaseAddress = new Uri(connection.BaseUri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _auth = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{connection.User}:{connection.Password}")));
        _retry = BuildRetry(options);
    }

    /// <summary>The endpoint in use once resolved (<see cref="Neo4jEndpoint.Auto"/> before the first statement).</summary>
    public Neo4jEndpoint Endpoint => _endpoint;

    /// <summary>Reads the discovery document (<c>GET /</c>): version, edition and endpoint list.</summary>
    public async Task<Neo4jServerInfo> GetServerInfoAsync(CancellationToken cancellationToken)
    {
        return await _retry.ExecuteAsync(async token =>
        {
            var (status, body) = await SendAsync(HttpMethod.Get, "", null, "application/json", token).ConfigureAwait(false);
            using var doc = Parse(status, body, "GET /");
            ThrowOnErrors(doc.RootElement, status, "GET /");
            if (status != HttpStatusCode.OK || doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new Neo4jProtocolException("PaperGraph.Protocol", $"GET / at {_safeBase} answered HTTP {(int)status} without a discovery document.", (int)status);
            }

            var endpoints = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.String)
                {
                    endpoints[p.Name] = p.Value.GetString()!;
                }
            }

            if (!endpoints.TryGetValue("neo4j_version", out var version))
            {
                throw new Neo4jProtocolException("PaperGraph.Protocol", $"GET / at {_safeBase} is not a Neo4j discovery document (no neo4j_version).", (int)status);
            }

            return new Neo4jServerInfo(version, endpoints.GetValueOrDefault("neo4j_edition"), endpoints);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs one auto-commit statement with parameters; user text travels only as parameters.</summary>
    public async Task<QueryResult> RunAsync(string statement, IReadOnlyDictionary<string, object?>? parameters, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(statement);
        if (_endpoint == Neo4jEndpoint.Auto)
        {
            var info = await GetServerInfoAsync(cancellationToken).ConfigureAwait(false);
            _endpoint = info.HasQueryApi ? Neo4jEndpoint.QueryApi : Neo4jEndpoint.TxCommit;
        }

        return await _retry.ExecuteAsync(async token =>
        {
            if (_endpoint == Neo4jEndpoint.QueryApi)
            {
                try
                {
                    return await RunQueryApiAsync(statement, parameters, token).ConfigureAwait(false);
                }
                catch (QueryApiMissingException)
                {
                    // A 404 without Neo4j's errors[] means the Query API is switched off (5.0-5.24 default).
                    _endpoint = Neo4jEndpoint.TxCommit;
                }
            }

            return await RunTxCommitAsync(statement, parameters, token).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();

    private static ResiliencePipeline BuildRetry(Neo4jClientOptions options)
    {
        var builder = new ResiliencePipelineBuilder();
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Neo4jException>(e => e.IsRetriable),
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = options.RetryJitter,
                OnRetry = args =>
                {
                    options.OnRetry?.Invoke(new Neo4jRetry(args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception?.Message ?? "unknown"));
                    return default;
                },
            });
        }

        return builder.Build();
    }

    private async Task<QueryResult> RunQueryApiAsync(string statement, IReadOnlyDictionary<string, object?>? parameters, CancellationToken token)
    {
        var path = $"db/{Uri.EscapeDataString(_connection.Database)}/query/v2";
        var body = WriteBody(w =>
        {
            w.WriteString("statement", statement);
            WriteParameters(w, parameters);
            w.WriteBoolean("includeCounters", true);
        });
        var accept = _options.TypedJson ? TypedJsonMediaType : "application/json";
        var (status, response) = await SendAsync(HttpMethod.Post, path, body, accept, token).ConfigureAwait(false);
        var where = "POST /" + path;
        if (status == HttpStatusCode.NotFound && !HasNeo4jErrors(response))
        {
            throw new QueryApiMissingException();
        }

        using var doc = Parse(status, response, where);
        var root = doc.RootElement;
        ThrowOnErrors(root, status, where);

        ThrowOnStatus(status, where);
        if (!root.TryGetProperty("data", out var data) || !data.TryGetProperty("fields", out var fields) || !data.TryGetProperty("values", out var values))
        {
            throw new Neo4jProtocolException("PaperGraph.Protocol", $"{where} answered HTTP {(int)status} without data.fields/data.values.", (int)status);
        }

        var rows = values.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.Clone()).ToArray()).ToList();
        var counters = root.TryGetProperty("counters", out var c) ? ReadCounters(c, camel: true) : null;
        return new QueryResult(fields.EnumerateArray().Select(f => f.GetString() ?? "").ToList(), rows, counters);
    }

    private async Task<QueryResult> RunTxCommitAsync(string statement, IReadOnlyDictionary<string, object?>? parameters, CancellationToken token)
    {
        var path = $"db/{Uri.EscapeDataString(_connection.Database)}/tx/commit";
        var body = WriteBody(w =>
        {
            w.WriteStartArray("statements");
            w.WriteStartObject();
            w.WriteString("statement", statement);
            WriteParameters(w, parameters);
            w.WriteBoolean("includeStats", true);
            w.WriteEndObject();
            w.WriteEndArray();
        });
        var (status, response) = await SendAsync(HttpMethod.Post, path, body, "application/json", token).ConfigureAwait(false);
        var where = "POST /" + path;
        using var doc = Parse(status, response, where);
        var root = doc.RootElement;
        // The legacy endpoint answers 200 even on error: errors[] is the only signal.
        ThrowOnErrors(root, status, where);
        ThrowOnStatus(status, where);
        if (!root.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array || results.GetArrayLength() == 0)
        {
            throw new Neo4jProtocolException("PaperGraph.Protocol", $"{where} answered HTTP {(int)status} without results.", (int)status);
        }

        var result = results[0];
        var fields = result.TryGetProperty("columns", out var cols) ? cols.EnumerateArray().Select(f => f.GetString() ?? "").ToList() : [];
        var rows = result.TryGetProperty("data", out var data)
            ? data.EnumerateArray().Select(d => d.GetProperty("row").EnumerateArray().Select(v => v.Clone()).ToArray()).ToList()
            : [];
        var counters = result.TryGetProperty("stats", out var stats) ? ReadCounters(stats, camel: false) : null;
        return new QueryResult(fields, rows, counters);
    }

    private async Task<(HttpStatusCode Status, byte[] Body)> SendAsync(HttpMethod method, string path, byte[]? body, string accept, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = _auth;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            return (response.StatusCode, bytes);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new Neo4jTransientException("PaperGraph.Timeout",
                $"Neo4j at {_safeBase} did not answer {method} /{path} within {_options.RequestTimeout.TotalSeconds:0.###} s.", null, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new Neo4jTransientException("PaperGraph.Connection", $"Cannot reach Neo4j at {_safeBase}: {ex.Message}", null, ex);
        }
    }

    private static byte[] WriteBody(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static void WriteParameters(Utf8JsonWriter writer, IReadOnlyDictionary<string, object?>? parameters)
    {
        if (parameters is null || parameters.Count == 0)
        {
            return;
        }

        writer.WriteStartObject("parameters");
        foreach (var (key, value) in parameters)
        {
            writer.WritePropertyName(key);
            if (value is JsonElement element)
            {
                element.WriteTo(writer);
            }
            else
            {
                CypherValues.WriteJson(writer, value);
            }
        }

        writer.WriteEndObject();
    }

    private JsonDocument Parse(HttpStatusCode status, byte[] body, string where)
    {
        if (body.Length == 0)
        {
            if ((int)status is >= 200 and < 300)
            {
                throw new Neo4jProtocolException("PaperGraph.Protocol", $"{where} at {_safeBase} answered HTTP {(int)status} with an empty body.", (int)status);
            }

            ThrowOnStatus(status, where);
        }

        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            var preview = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 120)).ReplaceLineEndings(" ");
            var error = new Neo4jProtocolException("PaperGraph.Protocol",
                $"{where} at {_safeBase} answered HTTP {(int)status} with a body that is not valid JSON ({ex.Message}); it starts with: {preview}", (int)status, ex);
            if ((int)status is 502 or 503 or 504)
            {
                throw new Neo4jTransientException("PaperGraph.Unavailable", error.Message, (int)status, ex);
            }

            throw error;
        }
    }

    private static bool HasNeo4jErrors(byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Array;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void ThrowOnErrors(JsonElement root, HttpStatusCode status, string where)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array || errors.GetArrayLength() == 0)
        {
            return;
        }

        var first = errors[0];
        var code = first.TryGetProperty("code", out var c) ? c.GetString() ?? "" : "";
        var messages = string.Join("; ", errors.EnumerateArray().Select(e =>
            (e.TryGetProperty("code", out var ec) ? ec.GetString() : "?") + ": " + (e.TryGetProperty("message", out var m) ? m.GetString() : "")));
        throw Map(code, $"{where} failed (HTTP {(int)status}): {messages}", (int)status);
    }

    /// <summary>Maps a Neo4j status code to the exception tree.</summary>
    internal static Neo4jException Map(string code, string message, int? status)
    {
        if (code.StartsWith("Neo.TransientError.", StringComparison.Ordinal))
        {
            return new Neo4jTransientException(code, message, status);
        }

        if (code.StartsWith("Neo.DatabaseError.", StringComparison.Ordinal))
        {
            return new Neo4jDatabaseException(code, message, status);
        }

        if (code.StartsWith("Neo.ClientError.Security.", StringComparison.Ordinal) || status is 401)
        {
            return new Neo4jAuthenticationException(code, message, status);
        }

        if (code == "Neo.ClientError.Database.DatabaseNotFound")
        {
            return new Neo4jDatabaseNotFoundException(code, message, status);
        }

        if (code is "Neo.ClientError.Statement.SyntaxError" or "Neo.ClientError.Statement.SemanticError")
        {
            return new Neo4jSyntaxException(code, message, status);
        }

        if (code.StartsWith("Neo.ClientError.Schema.", StringComparison.Ordinal))
        {
            return new Neo4jConstraintException(code, message, status);
        }

        return new Neo4jClientException(code, message, status);
    }

    private void ThrowOnStatus(HttpStatusCode status, string where)
    {
        var code = (int)status;
        if (code is >= 200 and < 300)
        {
            return;
        }

        var message = $"{where} at {_safeBase} answered HTTP {code} without Neo4j errors.";
        throw code switch
        {
            401 or 403 => new Neo4jAuthenticationException("PaperGraph.Http" + code, message + " Check the user and password.", code),
            408 or 429 or 502 or 503 or 504 => new Neo4jTransientException("PaperGraph.Http" + code, message, code),
            _ => new Neo4jProtocolException("PaperGraph.Http" + code, message, code),
        };
    }

    private static QueryCounters ReadCounters(JsonElement c, bool camel)
    {
        long Get(string camelName, string snakeName, string? altSnake = null)
        {
            if (c.TryGetProperty(camel ? camelName : snakeName, out var v) && v.ValueKind == JsonValueKind.Number)
            {
                return v.GetInt64();
            }

            return altSnake is not null && c.TryGetProperty(altSnake, out var a) && a.ValueKind == JsonValueKind.Number ? a.GetInt64() : 0;
        }

        var updates = c.TryGetProperty(camel ? "containsUpdates" : "contains_updates", out var u) && u.ValueKind == JsonValueKind.True;
        return new QueryCounters(
            Get("nodesCreated", "nodes_created"),
            Get("nodesDeleted", "nodes_deleted"),
            Get("relationshipsCreated", "relationships_created"),
            Get("relationshipsDeleted", "relationship_deleted", "relationships_deleted"),
            Get("propertiesSet", "properties_set"),
            Get("labelsAdded", "labels_added"),
            Get("indexesAdded", "indexes_added"),
            Get("constraintsAdded", "constraints_added"),
            updates);
    }

    private sealed class QueryApiMissingException : Exception
    {
    }
}
