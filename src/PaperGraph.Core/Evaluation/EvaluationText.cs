using System.Globalization;
using System.Text;

namespace PaperGraph.Core;

/// <summary>Plain-text rendering of an <see cref="EvaluationReport"/> (tests and logs; the CLI draws a table).</summary>
public static class EvaluationText
{
    /// <summary>Formats the report; <paramref name="verbose"/> adds every miss, extra and wrong role.</summary>
    public static string Format(EvaluationReport report, bool verbose)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"papers matched: {report.PapersMatched}/{report.PapersInGold}");
        sb.AppendLine("row               | lenient P   R     F1    (tp/fp/fn) | strict P    R     F1    (tp/fp/fn)");
        foreach (var row in report.Rows.Append(report.Entities).Append(report.Relations))
        {
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"{row.Name,-17} | {Cells(row.Lenient)} | {Cells(row.Strict)}");
        }

        if (verbose)
        {
            foreach (var f in report.Findings)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"{f.Kind,-10} {f.Row,-13} {f.Item}    <- {Excerpt(f.Paper)}");
            }
        }

        return sb.ToString();
    }

    /// <summary>"0.93 0.88 0.90 (45/3/6)".</summary>
    public static string Cells(Score score)
    {
        ArgumentNullException.ThrowIfNull(score);
        return string.Create(CultureInfo.InvariantCulture,
            $"{score.Precision,5:0.00} {score.Recall,5:0.00} {score.F1,5:0.00} ({score.TruePositives}/{score.FalsePositives}/{score.FalseNegatives})");
    }

    private static string Excerpt(string title) => title.Length <= 50 ? title : title[..47] + "...";
}
