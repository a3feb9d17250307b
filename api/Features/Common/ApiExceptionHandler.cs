using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace TradingRobotPlug.Api.Features.Common;

/// <summary>
/// Turns exceptions that reach the pipeline into RFC 9457 ProblemDetails: JSON that cannot be read (malformed, or a value
/// of the wrong type) → 400 naming the JSON path (<c>errors["ticks[3].price"]</c>); other request binding failures → their
/// status (400, 413, 415); <see cref="ArgumentException"/> (invalid input caught by a grain or service) → 400 naming its
/// parameter; <see cref="InvalidOperationException"/> (wrong state, conflicting create, replay conflict) → 409; a failure
/// of the durable storage (<see cref="StorageUnavailable"/>, PostgreSQL down) or a stored-state version conflict
/// (<see cref="StorageUnavailable.IsStateConflict"/>) → 503 with <c>Retry-After</c>.
/// Anything else is left to the default handler (500).
/// </summary>
public sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    /// <inheritdoc/>
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(exception);
        ProblemDetails? problem = exception switch
        {
            _ when StorageUnavailable.Is(exception) => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The storage is unavailable.",
                Detail = "The durable storage (PostgreSQL) did not answer; nothing of this request was stored. Retry later.",
            },
            _ when StorageUnavailable.IsStateConflict(exception) => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The stored state changed under the request.",
                Detail = "A write met a newer stored version (e.g. one stored during a storage outage); the state is reloaded and the same request can be retried.",
            },
            BadHttpRequestException { InnerException: JsonException json } => JsonProblem(json),
            BadHttpRequestException bad => BindingProblem(bad),
            ArgumentException argument => ArgumentProblem(argument),
            InvalidOperationException conflict => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "The request conflicts with the current state.", Detail = conflict.Message },
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        LogInformationRequestRejected(logger, problem.Status ?? 0, httpContext.Request.Method, httpContext.Request.Path, exception.Message);
        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = StorageUnavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static ValidationProblemDetails JsonProblem(JsonException json)
    {
        var field = JsonPaths.ToFieldPath(json.Path);
        var message = json.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut];
        }

        return new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = ["has the wrong JSON type or is not valid JSON."] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request body is not valid JSON for this endpoint.",
            Detail = $"{field}: {message}",
        };
    }

    private static ProblemDetails BindingProblem(BadHttpRequestException bad)
    {
        // Route and query binding failures read 'Failed to bind parameter "Nullable<int> page" from "abc".'
        var match = BoundParameter().Match(bad.Message);
        if (bad.StatusCode == StatusCodes.Status400BadRequest && match.Success)
        {
            var name = match.Groups["name"].Value;
            return new ValidationProblemDetails(new Dictionary<string, string[]> { [name] = [$"'{match.Groups["value"].Value}' is not a valid value."] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more validation errors occurred.",
                Detail = bad.Message,
            };
        }

        return new ProblemDetails { Status = bad.StatusCode, Title = "The request could not be read.", Detail = bad.Message };
    }

    [GeneratedRegex(@"^Failed to bind parameter ""(?:[^""]* )?(?<name>[A-Za-z_][A-Za-z0-9_]*)"" from ""(?<value>.*)""\.$", RegexOptions.CultureInvariant)]
    private static partial Regex BoundParameter();

    /// <summary>
    /// The argument's field and message without the " (Parameter 'x')" suffix. An exception thrown in a grain arrives
    /// through Orleans with its message but without <see cref="ArgumentException.ParamName"/>, so the name is then taken
    /// from the message's suffix.
    /// </summary>
    private static ValidationProblemDetails ArgumentProblem(ArgumentException argument)
    {
        var message = argument.Message;
        var name = argument.ParamName;
        if (string.IsNullOrEmpty(name) && ParameterSuffix().Match(message) is { Success: true } m)
        {
            name = m.Groups["name"].Value;
        }

        var field = string.IsNullOrEmpty(name) ? "request" : name;
        var suffix = $" (Parameter '{name}')";
        if (name is not null && message.EndsWith(suffix, StringComparison.Ordinal))
        {
            message = message[..^suffix.Length];
        }

        return new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more validation errors occurred.",
            Detail = message,
        };
    }

    [GeneratedRegex(@" \(Parameter '(?<name>[^']+)'\)", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterSuffix();

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected {Method} {Path} with {Status}: {Reason}")]
    private static partial void LogInformationRequestRejected(ILogger logger, int status, string method, string path, string reason);
}
