using PaperGraph.Api;

var app = PaperGraphApp.Create(args);
await app.RunAsync().ConfigureAwait(false);

/// <summary>Entry point, public for WebApplicationFactory.</summary>
public partial class Program;
