using System.Text;

namespace PaperGraph.Core;

/// <summary>The schema's matching key: lower-case, letters and digits only ("DeepSeek R1" and "DeepSeek-R1" share one).</summary>
public static class NameKey
{
    /// <summary>Returns the matching key of a name.</summary>
    public static string Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var sb = new StringBuilder(name.Length);
        foreach (var ch in name.Normalize(NormalizationForm.FormKD))
        {
            if (char.IsLetterOrDigit(ch))
            {
                sb.Append(char.ToLowerInvariant(ch));
            }
        }

        return sb.ToString();
    }

    /// <summary>A readable, URL-safe slug ("DeepSeek-Coder-V2 Lite" -> "deepseek-coder-v2-lite").</summary>
    public static string Slug(string name, int maxLength = 80)
    {
        ArgumentNullException.ThrowIfNull(name);
        var sb = new StringBuilder(name.Length);
        var dash = false;
        foreach (var ch in name.Normalize(NormalizationForm.FormKD))
        {
            if (char.IsAsciiLetterOrDigit(ch) || (ch == '.' && sb.Length > 0 && char.IsAsciiDigit(sb[^1])))
            {
                sb.Append(char.ToLowerInvariant(ch));
                dash = false;
            }
            else if (char.IsLetterOrDigit(ch) && ch > 127)
            {
                // Non-ASCII letters are kept out of ids; the name keeps them.
                continue;
            }
            else if (!dash && sb.Length > 0)
            {
                sb.Append('-');
                dash = true;
            }

            if (sb.Length >= maxLength)
            {
                break;
            }
        }

        return sb.ToString().Trim('-', '.');
    }
}
