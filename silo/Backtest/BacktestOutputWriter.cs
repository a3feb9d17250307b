using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Metrics;

namespace TradingRobotPlug.Silo.Backtest;

/// <summary>Writes summary.json, trades.csv, equity.csv and buckets.csv, and the console summary table.</summary>
internal static class BacktestOutputWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The strategy column's value for the portfolio's rows.</summary>
    public const string PortfolioRow = "portfolio";

    public static void Write(string directory, InstrumentId instrument, IReadOnlyList<BacktestResult> results, PortfolioBacktestResult? portfolio)
    {
        WriteSummary(Path.Combine(directory, "summary.json"), results, portfolio);
        var trades = new StringBuilder("strategy,symbol,side,entry_time,entry_price,exit_time,exit_price,quantity,pnl,return,fees\n");
        var equity = new StringBuilder("strategy,time,equity,benchmark_equity\n");
        var buckets = new StringBuilder("strategy,level,period_start,closed,trades,wins,losses,realized_pnl,net_pnl,fees,start_equity,end_equity,max_drawdown,total_return,volatility,sharpe,sortino,var_95,cvar_95,"
            + "benchmark,benchmark_return,excess_return,alpha,beta,correlation,tracking_error,information_ratio,up_capture,down_capture\n");
        foreach (var r in results)
        {
            var s = Csv(r.Spec);
            foreach (var t in r.Trades)
            {
                trades.Append(Inv, $"{s},{instrument.Symbol},{t.Side.ToString().ToLowerInvariant()},{t.EntryTime:O},{t.EntryPrice},{(t.ExitTime is { } x ? x.ToString("O", Inv) : "")},{t.ExitPrice?.ToString(Inv)},{t.Quantity},{t.Pnl},{t.Return.ToString("R", Inv)},{t.Fees}\n");
            }

            foreach (var p in r.Equity)
            {
                equity.Append(Inv, $"{s},{p.Time:O},{p.Equity},{p.BenchmarkEquity}\n");
            }

            AppendBuckets(buckets, s, BacktestSummaryRow.BenchmarkName(r), r.Buckets);
        }

        if (portfolio is not null)
        {
            AppendBuckets(buckets, PortfolioRow, BacktestSummaryRow.PortfolioBenchmarkName(results), portfolio.Buckets);
        }

        File.WriteAllText(Path.Combine(directory, "trades.csv"), trades.ToString());
        File.WriteAllText(Path.Combine(directory, "equity.csv"), equity.ToString());
        File.WriteAllText(Path.Combine(directory, "buckets.csv"), buckets.ToString());
    }

    private static void AppendBuckets(StringBuilder buckets, string s, string benchmark, IReadOnlyDictionary<BucketLevel, ImmutableArray<MetricsSnapshot>> byLevel)
    {
        var b = Csv(benchmark);
        foreach (var (level, periods) in byLevel.OrderBy(k => k.Key))
        {
            foreach (var m in periods)
            {
                buckets.Append(Inv, $"{s},{level.ToCanonicalString()},{m.Period.Start:O},{(m.IsClosed ? "true" : "false")},{m.Trades},{m.Wins},{m.Losses},{m.RealizedPnl},{m.NetPnl},{m.Fees},{m.StartEquity},{m.EndEquity},{D(m.MaxDrawdown)},{D(m.TotalReturn)},{D(m.Volatility)},{D(m.Sharpe)},{D(m.Sortino)},{D(m.ValueAtRisk95)},{D(m.ConditionalValueAtRisk95)},"
                    + $"{b},{D(m.BenchmarkTotalReturn)},{D(m.ExcessReturn)},{D(m.Alpha)},{D(m.Beta)},{D(m.Correlation)},{D(m.TrackingError)},{D(m.InformationRatio)},{D(m.UpCapture)},{D(m.DownCapture)}\n");
            }
        }
    }

    private static void WriteSummary(string path, IReadOnlyList<BacktestResult> results, PortfolioBacktestResult? portfolio)
    {
        using var stream = File.Create(path);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartArray();
        foreach (var row in BacktestSummaryRow.All(results, portfolio))
        {
            WriteSummaryRow(w, row);
        }

        w.WriteEndArray();
    }

    /// <summary>
    /// One summary row. <c>net_pnl</c> is marked (final equity − capital, open positions included); <c>realized_pnl</c>
    /// is the closed round trips' net P&amp;L (all-time). The benchmark fields come last.
    /// </summary>
    private static void WriteSummaryRow(Utf8JsonWriter w, BacktestSummaryRow row)
    {
        var m = row.Metrics;
        w.WriteStartObject();
        w.WriteString("strategy", row.Name);
        w.WriteNumber("final_equity", row.FinalEquity);
        w.WriteNumber("net_pnl", row.NetPnl);
        w.WriteNumber("realized_pnl", m?.RealizedPnl ?? 0m);
        w.WriteNumberOrNull("total_return", m?.TotalReturn);
        w.WriteNumberOrNull("cagr", m?.Cagr);
        w.WriteNumberOrNull("volatility", m?.Volatility);
        w.WriteNumberOrNull("sharpe", m?.Sharpe);
        w.WriteNumberOrNull("sortino", m?.Sortino);
        w.WriteNumberOrNull("calmar", m?.Calmar);
        w.WriteNumberOrNull("max_drawdown", m?.MaxDrawdown);
        w.WriteNumberOrNull("var_95", m?.ValueAtRisk95);
        w.WriteNumberOrNull("cvar_95", m?.ConditionalValueAtRisk95);
        w.WriteNumber("trades", m?.Trades ?? 0);
        w.WriteNumberOrNull("win_rate", m?.WinRate);
        w.WriteNumberOrNull("profit_factor", m?.ProfitFactor);
        w.WriteNumberOrNull("expectancy", m?.Expectancy);
        w.WriteNumberOrNull("exposure", m?.Exposure);
        w.WriteNumber("fees", row.Fees);
        w.WriteString("benchmark", row.Benchmark);
        w.WriteNumberOrNull("benchmark_return", m?.BenchmarkTotalReturn);
        w.WriteNumberOrNull("excess_return", m?.ExcessReturn);
        w.WriteNumberOrNull("alpha", m?.Alpha);
        w.WriteNumberOrNull("beta", m?.Beta);
        w.WriteNumberOrNull("correlation", m?.Correlation);
        w.WriteNumberOrNull("tracking_error", m?.TrackingError);
        w.WriteNumberOrNull("information_ratio", m?.InformationRatio);
        w.WriteNumberOrNull("up_capture", m?.UpCapture);
        w.WriteNumberOrNull("down_capture", m?.DownCapture);
        w.WriteEndObject();
    }

    public static string SummaryTable(IReadOnlyList<BacktestResult> results, PortfolioBacktestResult? portfolio)
    {
        var sb = new StringBuilder();
        sb.AppendLine(Inv, $"{"strategy",-42} {"final equity",14} {"return",8} {"CAGR",7} {"Sharpe",7} {"max DD",7} {"trades",6} {"win %",6}");
        foreach (var row in BacktestSummaryRow.All(results, portfolio))
        {
            var m = row.Metrics;
            sb.AppendLine(Inv, $"{row.Name,-42} {row.FinalEquity,14:N2} {P(m?.TotalReturn),8} {P(m?.Cagr),7} {F(m?.Sharpe),7} {P(m?.MaxDrawdown),7} {m?.Trades ?? 0,6} {P(m?.WinRate),6}");
        }

        return sb.ToString();
    }

    private static string D(double? v) => v is { } x ? x.ToString("R", Inv) : string.Empty;

    private static string P(double? v) => v is { } x ? (x * 100).ToString("F1", Inv) + "%" : "-";

    private static string F(double? v) => v is { } x ? x.ToString("F2", Inv) : "-";

    private static string Csv(string text) => text.Contains(',') || text.Contains('"') ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
}
