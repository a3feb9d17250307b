using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using IPNetwork = System.Net.IPNetwork;

namespace TradingRobotPlug.Api.Hosting;

/// <summary>
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> honoured only from the reverse proxies listed in
/// <see cref="TradingApiOptions.ForwardedProxies"/> (ASP.NET Core's forwarded-headers middleware with exactly those
/// known proxies; one hop). With none listed (the default) the headers are ignored, so a client cannot choose the
/// address its per-IP rate limit is counted under by sending <c>X-Forwarded-For</c>. <c>X-Forwarded-Host</c> is never
/// honoured: host filtering and the origin check see the real <c>Host</c>.
/// </summary>
public static class ForwardedProxies
{
    /// <summary>Adds the forwarded-headers options built from <see cref="TradingApiOptions.ForwardedProxies"/>, validated at start.</summary>
    public static WebApplicationBuilder AddForwardedProxies(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IValidateOptions<TradingApiOptions>, ForwardedProxiesValidation>();
        builder.Services.AddOptions<TradingApiOptions>().ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TradingApiOptions>>((o, trading) =>
        {
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            o.ForwardLimit = 1;
            var proxies = trading.Value.ForwardedProxies;
            o.ForwardedHeaders = proxies.Length == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var entry in proxies)
            {
                if (TryParse(entry, out var network))
                {
                    o.KnownIPNetworks.Add(network);
                }
            }
        });
        return builder;
    }

    /// <summary>Parses a proxy entry: an IP address (<c>10.0.0.5</c>, <c>::1</c>) or a network in CIDR form (<c>10.0.0.0/8</c>).</summary>
    public static bool TryParse(string? entry, out IPNetwork network)
    {
        network = default;
        var text = entry?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (IPAddress.TryParse(text, out var address) && !text.Contains('/', StringComparison.Ordinal))
        {
            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        return IPNetwork.TryParse(text, out network);
    }

    private sealed class ForwardedProxiesValidation : IValidateOptions<TradingApiOptions>
    {
        public ValidateOptionsResult Validate(string? name, TradingApiOptions options)
        {
            var errors = new List<string>();
            for (int i = 0; i < options.ForwardedProxies.Length; i++)
            {
                if (!TryParse(options.ForwardedProxies[i], out _))
                {
                    errors.Add($"{TradingApiOptions.Section}:{nameof(TradingApiOptions.ForwardedProxies)}:{i} is '{options.ForwardedProxies[i]}': expected an IP address (10.0.0.5) or a CIDR network (10.0.0.0/8).");
                }
            }

            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
