using PaperGraph.Core;

namespace PaperGraph.Api;

/// <summary>Caps on what one request may ask for, and the checks that turn a breach into a 400.</summary>
internal static class ApiLimits
{
    public const int MaxNameLength = 200;
    public const int MaxLineageDepth = 10;
    public const int MaxNeighborDepth = 3;
    public const int MaxPathDepth = 8;
    public const int MaxSearchLimit = 50;
    public const int MaxPageLimit = 200;
    public const int MaxOffset = 100_000;
    public const int DefaultPageLimit = 50;

    /// <summary>Collects validation errors per parameter.</summary>
    internal sealed class Errors
    {
        private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

        public bool Any => _errors.Count > 0;

        public IDictionary<string, string[]> All => _errors;

        public void Add(string parameter, string message) => _errors[parameter] = [message];

        /// <summary>A name or id: not blank, not longer than the cap.</summary>
        public string Name(string parameter, string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Add(parameter, $"{parameter} must not be empty.");
                return "";
            }

            if (value.Length > MaxNameLength)
            {
                Add(parameter, $"{parameter} is {value.Length} characters long; at most {MaxNameLength} are allowed.");
                return "";
            }

            return value.Trim();
        }

        /// <summary>An integer in [min, max], with a default when absent.</summary>
        public int Range(string parameter, int? value, int min, int max, int fallback)
        {
            var v = value ?? fallback;
            if (v < min || v > max)
            {
                Add(parameter, $"{parameter} must be between {min} and {max}; got {v}.");
            }

            return v;
        }

        /// <summary>Offset and limit of a page.</summary>
        public PageRequest Page(int? offset, int? limit) =>
            new(Range("offset", offset, 0, MaxOffset, 0), Range("limit", limit, 1, MaxPageLimit, DefaultPageLimit));

        /// <summary>A label of the schema, or null when absent.</summary>
        public NodeLabel? Label(string parameter, string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return null;
            }

            if (Schema.TryParseLabel(value, out var label))
            {
                return label;
            }

            Add(parameter, $"Unknown label '{Clip(value)}'; expected one of {string.Join(", ", Schema.Labels)}.");
            return null;
        }

        /// <summary>A comma-separated list of relationship types of the schema.</summary>
        public List<RelType> Types(string parameter, string? value)
        {
            var types = new List<RelType>();
            if (string.IsNullOrEmpty(value))
            {
                return types;
            }

            if (value.Length > MaxNameLength)
            {
                Add(parameter, $"{parameter} is too long; at most {MaxNameLength} characters are allowed.");
                return types;
            }

            foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Schema.TryParseType(part, out var type))
                {
                    Add(parameter, $"Unknown relationship type '{Clip(part)}'; expected some of {string.Join(", ", Schema.Types.Select(Schema.TypeName))}.");
                    return types;
                }

                types.Add(type);
            }

            return types;
        }

        /// <summary>A lineage direction.</summary>
        public LineageDirection Direction(string parameter, string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return LineageDirection.Both;
            }

            if (Enum.TryParse<LineageDirection>(value, ignoreCase: true, out var direction) && Enum.IsDefined(direction) && !int.TryParse(value, out _))
            {
                return direction;
            }

            Add(parameter, $"Unknown direction '{Clip(value)}'; expected ancestors, descendants or both.");
            return LineageDirection.Both;
        }

        // Echoing a 10 kB parameter back would make the error the payload.
        private static string Clip(string value) => value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "...");
    }
}
