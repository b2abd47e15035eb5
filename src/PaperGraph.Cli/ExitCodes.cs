namespace PaperGraph.Cli;

/// <summary>Process exit codes of every command.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>Input errors (bad records, unreadable files, failed load).</summary>
    public const int InputError = 1;

    /// <summary>Usage errors (unknown option, bad argument).</summary>
    public const int Usage = 2;
}
