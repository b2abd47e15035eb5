using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PaperGraph.Core;

namespace PaperGraph.Api;

/// <summary>Turns query answers and validation errors into typed results with ProblemDetails.</summary>
internal static class Respond
{
    /// <summary>The answer, a 404 with suggestions, or a 409 with the candidates (application/problem+json).</summary>
    public static Results<Ok<T>, ValidationProblem, ProblemHttpResult> From<T>(Lookup<T> lookup, string what)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(lookup);
        switch (lookup.Status)
        {
            case LookupStatus.Found:
                return TypedResults.Ok(lookup.Value!);
            case LookupStatus.Ambiguous:
                var ambiguous = new ProblemDetails
                {
                    Status = StatusCodes.Status409Conflict,
                    Title = $"Ambiguous {what} name",
                    Detail = $"'{lookup.Name}' names {lookup.Candidates.Count} nodes; ask again with one of the candidate ids.",
                };
                ambiguous.Extensions["candidates"] = lookup.Candidates;
                return TypedResults.Problem(ambiguous);
            default:
                var suggestions = lookup.Candidates;
                var notFound = new ProblemDetails
                {
                    Status = StatusCodes.Status404NotFound,
                    Title = $"Unknown {what}",
                    Detail = suggestions.Count > 0
                        ? $"No {what} is named '{lookup.Name}'. Did you mean: {string.Join(", ", suggestions.Select(s => s.Name))}?"
                        : $"No {what} is named '{lookup.Name}'.",
                };
                notFound.Extensions["suggestions"] = suggestions;
                return TypedResults.Problem(notFound);
        }
    }

    /// <summary>A 400 listing every bad parameter.</summary>
    public static ValidationProblem Invalid(ApiLimits.Errors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return TypedResults.ValidationProblem(errors.All, title: "Invalid request parameters");
    }
}
