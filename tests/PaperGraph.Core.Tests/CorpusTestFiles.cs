namespace PaperGraph.Core.Tests;

/// <summary>Finds repository files (seeds, fixtures) from the test's output folder.</summary>
internal static class CorpusTestFiles
{
    private static readonly Lazy<string> Root = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PaperGraph.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("PaperGraph.sln not found above " + AppContext.BaseDirectory);
    });

    public static string RepoRoot => Root.Value;

    public static string SeedFile => Path.Combine(RepoRoot, "seeds", "deepseek-papers.txt");

    public static string CorpusFixture(string name) => Path.Combine(RepoRoot, "tests", "fixtures", "corpus", name);
}
