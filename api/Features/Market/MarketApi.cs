using TradingRobotPlug.Api.Security;
using System.Collections.Immutable;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TradingRobotPlug.Api.Features.Common;
using TradingRobotPlug.Api.Hosting;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.Grains.Hosting;
using TradingRobotPlug.Grains.Indicators;
using Orleans;
using Orleans.Runtime;

namespace TradingRobotPlug.Api.Features.Market;

/// <summary>The market-data endpoints of docs/api.md under <c>/api/v1/instruments</c>.</summary>
public static class MarketApi
{
    /// <summary>How far in the future a tick's time may be.</summary>
    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromMinutes(5);

    /// <summary>Attempts of a tick publish that carries a sequence (so is safe to repeat) before a transient failure is the request's error.</summary>
    private const int TickPublishAttempts = 3;

    private const int MaxBarLimit = 10_000;

    /// <summary>At most this many indicators in one <c>set</c> of <c>GET /instruments/{symbol}/indicators</c>.</summary>
    public const int MaxIndicatorsPerRequest = 16;

    /// <summary>At most this value for any number in a <c>set</c> (periods, multipliers) of an indicator request.</summary>
    public const int MaxIndicatorParameter = 10_000;

    /// <summary>Maps the instrument endpoints on <paramref name="v1"/> (the <c>/api/v1</c> group).</summary>
    public static RouteGroupBuilder MapMarketApi(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var g = v1.MapGroup("/instruments").WithTags("Market data");
        g.MapGet("/", List).WithName("ListInstruments").WithSummary("Every instrument that has published data, with last price and counts.")
            .Produces<IReadOnlyList<InstrumentSummary>>();
        g.MapGet("/{symbol}", Get).WithName("GetInstrument").WithSummary("One instrument; 404 if it never published data.")
            .Produces<InstrumentSummary>().ProducesProblem(StatusCodes.Status404NotFound);
        g.MapGet("/{symbol}/bars", GetBars).WithName("GetBars").WithSummary("Bars of a timeframe whose open time is in [from, to), the latest `limit`.")
            .Produces<IReadOnlyList<Bar>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        g.MapGet("/{symbol}/indicators", GetIndicators).WithName("GetIndicators")
            .WithSummary("Indicator series (set as the headless --indicators, e.g. sma:20,rsi:14,bbands:20:2) over the instrument's bars.")
            .Produces<IndicatorSeries>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        g.MapPost("/{symbol}/ticks", PostTicks).WithName("PostTicks").RequireAuthorization(TradingPolicies.Operate)
            .WithSummary("Publishes a batch of ticks (validated as a whole first; nothing is applied when any tick is bad).")
            .Produces<TicksAccepted>(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return v1;
    }

    private static async Task<IResult> List(IClusterClient client)
    {
        var symbols = await client.GetGrain<IInstrumentDirectoryGrain>(IInstrumentDirectoryGrain.Key).List();
        var snapshots = await Task.WhenAll(symbols.Select(s => client.GetGrain<IInstrumentGrain>(s.Symbol).GetSnapshot()));
        return TypedResults.Ok(snapshots.Select(Summary).ToList());
    }

    private static async Task<IResult> Get(string symbol, IClusterClient client)
        => await Find(client, symbol) is { } found ? TypedResults.Ok(Summary(found.Snapshot)) : NotFound(symbol);

    private static async Task<IResult> GetBars(string symbol, IClusterClient client, string? timeframe, DateTimeOffset? from, DateTimeOffset? to, int? limit)
    {
        var errors = CheckRange(timeframe, from, to, limit, out var tf);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        if (await Find(client, symbol) is not { } found)
        {
            return NotFound(symbol);
        }

        return TypedResults.Ok(await found.Grain.GetBars(tf, from, to, limit ?? 1000));
    }

    private static async Task<IResult> GetIndicators(string symbol, IClusterClient client, string? set, string? timeframe, DateTimeOffset? from, DateTimeOffset? to, int? limit)
    {
        var errors = CheckRange(timeframe, from, to, limit, out var tf);
        IndicatorSet? indicators = null;
        if (string.IsNullOrWhiteSpace(set))
        {
            errors.Add("set", "is required, e.g. sma:20,rsi:14,bbands:20:2.");
        }
        else if (IndicatorRequestError(set) is { } tooMuch)
        {
            errors.Add("set", tooMuch);
        }
        else
        {
            try
            {
                indicators = IndicatorSet.Parse(set);
            }
            catch (ArgumentException ex)
            {
                errors.Add("set", ex.Message.Replace(" (Parameter 'spec')", string.Empty, StringComparison.Ordinal));
            }
        }

        if (!errors.IsEmpty || indicators is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        if (await Find(client, symbol) is not { } found)
        {
            return NotFound(symbol);
        }

        // Indicators need their warm-up, so every bar before 'to' is fed; rows are the bars in [from, to), the latest
        // 'limit' of them, and only those rows are built (memory is O(limit × columns), not O(history × columns)).
        var bars = await found.Grain.GetBars(tf, null, to, int.MaxValue);
        int take = limit ?? 1000;
        int firstInRange = from is null ? 0 : bars.Length;
        for (int i = 0; i < bars.Length && from is not null; i++)
        {
            if (bars[i].OpenTime >= from)
            {
                firstInRange = i;
                break;
            }
        }

        int firstRow = Math.Max(firstInRange, bars.Length - take);
        var rows = new List<IndicatorRow>(Math.Max(0, bars.Length - firstRow));
        for (int i = 0; i < bars.Length; i++)
        {
            indicators.Update(bars[i]);
            if (i >= firstRow)
            {
                rows.Add(new IndicatorRow(bars[i].OpenTime, indicators.GetValues()));
            }
        }

        return TypedResults.Ok(new IndicatorSeries(indicators.ColumnNames, rows));
    }

    private static async Task<IResult> PostTicks(string symbol, TickBatch batch, IClusterClient client, IOptions<TradingApiOptions> options, TimeProvider time)
    {
        var errors = new FieldErrors();
        if (!InstrumentId.TryParse(symbol, out var instrument))
        {
            errors.Add("symbol", $"'{symbol}' is not a valid symbol (1-32 of A-Z, 0-9, '.', '-', '_', '^').");
        }

        var ticks = batch.Ticks ?? [];
        int max = options.Value.MaxTickBatch;
        if (ticks.Length > max)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Too many ticks in one batch.",
                detail: $"The batch has {ticks.Length} ticks; at most {max} are accepted (Trading:MaxTickBatch).");
        }

        var timeframe = Timeframe.OneMinute;
        if (batch.Timeframe is not null && !TimeframeExtensions.TryParse(batch.Timeframe, out timeframe))
        {
            errors.Add("timeframe", $"'{batch.Timeframe}' is not one of 1m, 5m, 15m, 1h, 1d.");
        }

        if (batch.Ticks is null)
        {
            errors.Add("ticks", "is required.");
        }

        if (batch.Sequence is < 0)
        {
            errors.Add("sequence", $"must not be negative (was {batch.Sequence}).");
        }

        var latest = time.GetUtcNow() + MaxFutureSkew;
        var built = ImmutableArray.CreateBuilder<Tick>(ticks.Length);
        DateTimeOffset? previous = null;
        for (int i = 0; i < ticks.Length; i++)
        {
            var t = ticks[i];
            var field = $"ticks[{i}]";
            if (t is null)
            {
                errors.Add(field, "is null.");
                continue;
            }

            bool ok = true;
            if (t.Time is not { } at)
            {
                errors.Add($"{field}.time", "is required.");
                ok = false;
            }
            else if (at > latest)
            {
                errors.Add($"{field}.time", $"{at:O} is more than {MaxFutureSkew.TotalMinutes} minutes in the future.");
                ok = false;
            }
            else if (previous is { } p && at < p)
            {
                errors.Add($"{field}.time", $"{at:O} is before the previous tick's {p:O}.");
                ok = false;
            }

            if (t.Price is not > 0)
            {
                errors.Add($"{field}.price", t.Price is null ? "is required." : $"must be positive (was {t.Price}).");
                ok = false;
            }

            if (t.Size is < 0)
            {
                errors.Add($"{field}.size", $"must not be negative (was {t.Size}).");
                ok = false;
            }

            if (t.Bid is <= 0)
            {
                errors.Add($"{field}.bid", $"must be positive (was {t.Bid}).");
                ok = false;
            }

            if (t.Ask is <= 0)
            {
                errors.Add($"{field}.ask", $"must be positive (was {t.Ask}).");
                ok = false;
            }
            else if (t.Bid > t.Ask)
            {
                errors.Add($"{field}.bid", $"{t.Bid} is above ask {t.Ask}.");
                ok = false;
            }

            if (t.Time is { } valid)
            {
                previous = valid;
            }

            if (ok && errors.IsEmpty)
            {
                built.Add(new Tick(instrument, t.Time!.Value.ToUniversalTime(), t.Price!.Value, t.Size ?? 0m, t.Bid, t.Ask));
            }
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The tick batch is invalid; nothing was applied.");
        }

        var grain = client.GetGrain<IInstrumentGrain>(instrument.Symbol);
        var publish = built.ToImmutable();
        if (batch.Sequence is { } sequence)
        {
            // Safe to repeat (the instrument acknowledges ticks it already accepted): retried here after a transient
            // cluster failure, as the replay retries its bar publishes.
            await ClusterRetry.RunAsync(() => grain.PublishTicks(publish, timeframe, sequence), TickPublishAttempts, CancellationToken.None);
        }
        else
        {
            await grain.PublishTicks(publish, timeframe);
        }

        return TypedResults.Accepted((string?)null, new TicksAccepted(built.Count));
    }

    private static FieldErrors CheckRange(string? timeframe, DateTimeOffset? from, DateTimeOffset? to, int? limit, out Timeframe parsed)
    {
        var errors = new FieldErrors();
        parsed = Timeframe.OneDay;
        if (timeframe is not null && !TimeframeExtensions.TryParse(timeframe, out parsed))
        {
            errors.Add("timeframe", $"'{timeframe}' is not one of 1m, 5m, 15m, 1h, 1d.");
        }

        if (from >= to)
        {
            errors.Add("from", "must be before 'to'.");
        }

        if (limit is < 1 or > MaxBarLimit)
        {
            errors.Add("limit", $"must be in [1, {MaxBarLimit}] (was {limit}).");
        }

        return errors;
    }

    private static async Task<(IInstrumentGrain Grain, InstrumentSnapshot Snapshot)?> Find(IClusterClient client, string symbol)
    {
        if (!InstrumentId.TryParse(symbol, out var instrument))
        {
            return null;
        }

        var grain = client.GetGrain<IInstrumentGrain>(instrument.Symbol);
        var snapshot = await grain.GetSnapshot();
        return snapshot.Bars == 0 && snapshot.Ticks == 0 ? null : (grain, snapshot);
    }

    private static InstrumentSummary Summary(InstrumentSnapshot s) => new(s.Instrument.Symbol, s.LastPrice, s.LastTime, s.Bars, s.Ticks);

    private static ProblemHttpResult NotFound(string symbol)
        => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown instrument.", detail: $"Instrument '{symbol}' has never published data.");

    /// <summary>
    /// The bound on one indicator request (issue 12, amplification): at most <see cref="MaxIndicatorsPerRequest"/>
    /// indicators and no number above <see cref="MaxIndicatorParameter"/>, so that a request costs at most
    /// 16 × O(bars) updates and 16 rolling windows of 10,000 values; null when within it.
    /// </summary>
    internal static string? IndicatorRequestError(string set)
    {
        var specs = set.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (specs.Length > MaxIndicatorsPerRequest)
        {
            return $"at most {MaxIndicatorsPerRequest} indicators per request (was {specs.Length}).";
        }

        foreach (var spec in specs)
        {
            foreach (var part in spec.Split(':').Skip(1))
            {
                if (double.TryParse(part, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > MaxIndicatorParameter)
                {
                    return $"'{spec}': {part} is above {MaxIndicatorParameter}, the largest period or parameter an indicator request may use.";
                }
            }
        }

        return null;
    }
}
