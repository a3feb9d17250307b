namespace TradingRobotPlug.Api.Features.Common;

/// <summary>Writes a refusal from middleware (no endpoint result to return) as an RFC 9457 problem+json answer.</summary>
public static class ProblemResponses
{
    /// <summary>Sets the response status to <paramref name="status"/> and writes a problem body with it, <paramref name="title"/> and <paramref name="detail"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is null.</exception>
    public static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
