using Microsoft.Playwright;

namespace TradingRobotPlug.Dashboard.Tests.Infrastructure;

/// <summary>A browser context and page on the dashboard that records console errors and failed requests, and saves screenshots.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];

    private BrowserSession(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                lock (_errors)
                {
                    _errors.Add($"console: {m.Text}");
                }
            }
        };
        page.PageError += (_, e) =>
        {
            lock (_errors)
            {
                _errors.Add($"page error: {e}");
            }
        };
    }

    /// <summary>The page.</summary>
    public IPage Page { get; }

    /// <summary>Console errors and uncaught page errors so far.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>Opens a context with the given viewport on the server.</summary>
    public static async Task<BrowserSession> OpenAsync(DashboardServer server, int width = 1280, int height = 800)
    {
        var context = await server.Browser.NewContextAsync(new()
        {
            BaseURL = server.BaseAddress.ToString(),
            ViewportSize = new() { Width = width, Height = height },
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        return new BrowserSession(context, page);
    }

    /// <summary>Resizes the viewport and saves a full-page screenshot as <c>{name}-{width}x{height}.png</c>.</summary>
    /// <returns>The file path.</returns>
    public async Task<string> ScreenshotAsync(string name, int width, int height)
    {
        await Page.SetViewportSizeAsync(width, height);
        // Let the charts pick up the new size (ResizeObserver → next animation frame) before capturing.
        await Page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
        var path = Path.Combine(DashboardServer.ScreenshotDirectory, $"{name}-{width}x{height}.png");
        await Page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
