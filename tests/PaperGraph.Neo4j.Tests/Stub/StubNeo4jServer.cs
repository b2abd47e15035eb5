using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PaperGraph.Neo4j.Tests;

/// <summary>A request the stub received.</summary>
internal sealed record StubRequest(string Method, string Path, string? Authorization, string? Accept, string? ContentType, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>An answer the stub gives; <see cref="Delay"/> holds it back (timeouts).</summary>
internal sealed record StubResponse(int Status, string Body, string ContentType = "application/json", TimeSpan Delay = default)
{
    /// <summary>The recorded response of <c>Recordings/{name}.json</c>, byte for byte as the real server sent it.</summary>
    public static StubResponse Recorded(string name)
    {
        var recording = Recording(name);
        var response = recording["response"]!;
        var body = response["body"];
        var text = body is null ? "" : body.GetValueKind() == JsonValueKind.String ? body.GetValue<string>() : body.ToJsonString();
        var contentType = response["headers"]?["Content-Type"]?.GetValue<string>() ?? "application/json";
        return new StubResponse(response["status"]!.GetValue<int>(), text, contentType);
    }

    /// <summary>A recording's response with another status (a server answering 202 with errors[]).</summary>
    public static StubResponse RecordedWithStatus(string name, int status) => Recorded(name) with { Status = status };

    /// <summary>
    /// The recorded error shape (<c>{"errors":[{"code","message"}]}</c>, from 10-syntax-error) with another code: transient
    /// errors cannot be provoked on demand, so none is recorded.
    /// </summary>
    public static StubResponse RecordedErrorWithCode(string code, string message, int status = 400)
    {
        var body = JsonNode.Parse(Recorded("10-syntax-error").Body)!;
        body["errors"]![0]!["code"] = code;
        body["errors"]![0]!["message"] = message;
        return new StubResponse(status, body.ToJsonString());
    }

    public static JsonNode Recording(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Recordings", name + ".json")))!;
}

/// <summary>
/// An HTTP server on loopback that answers like Neo4j: by default each request gets the next queued response;
/// <see cref="Handler"/> can route instead. Every request is kept for assertions.
/// </summary>
internal sealed class StubNeo4jServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<StubResponse> _queue = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public StubNeo4jServer()
    {
        var port = FreePort();
        BaseUri = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseUri.ToString());
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri BaseUri { get; }

    public ConcurrentQueue<StubRequest> Requests { get; } = new();

    public Func<StubRequest, StubResponse>? Handler { get; set; }

    public StubNeo4jServer Enqueue(params StubResponse[] responses)
    {
        foreach (var r in responses)
        {
            _queue.Enqueue(r);
        }

        return this;
    }

    public Neo4jClient Client(Neo4jClientOptions? options = null, string password = "s3cret-pw") =>
        new(new Neo4jConnection(BaseUri, "neo4j", password),
            options ?? new Neo4jClientOptions { Endpoint = Neo4jEndpoint.QueryApi, MaxRetryAttempts = 3, RetryBaseDelay = TimeSpan.FromMilliseconds(1), RetryMaxDelay = TimeSpan.FromMilliseconds(5) });

    public static Neo4jClientOptions FastOptions(int retries = 3) => new()
    {
        Endpoint = Neo4jEndpoint.QueryApi,
        MaxRetryAttempts = retries,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        RetryMaxDelay = TimeSpan.FromMilliseconds(5),
        RequestTimeout = TimeSpan.FromSeconds(20),
    };

    public void Dispose()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        _stop.Cancel();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                body = await reader.ReadToEndAsync();
            }

            var request = new StubRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"],
                context.Request.Headers["Accept"], context.Request.ContentType, body);
            Requests.Enqueue(request);
            var response = Handler?.Invoke(request)
                ?? (_queue.TryDequeue(out var next) ? next : new StubResponse(599, "{\"stub\":\"no response queued\"}"));
            if (response.Delay > TimeSpan.Zero)
            {
                await Task.Delay(response.Delay, _stop.Token);
            }

            var bytes = Encoding.UTF8.GetBytes(response.Body);
            context.Response.StatusCode = response.Status;
            context.Response.ContentType = response.ContentType;
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
        catch (HttpListenerException)
        {
            // The client gave up (timeout test) before the answer was written.
        }
    }
}
