using System.Collections.Immutable;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Grains.Engine;
using TradingRobotPlug.Grains.Metrics;

namespace TradingRobotPlug.Grains.Tests.Engine;

public sealed class PortfolioEquityFolderTests
{
    private static readonly DateTimeOffset Day0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly List<string> _events = [];
    private readonly List<EquityMark> _marks = [];
    private readonly List<ClosedTrade> _trades = [];
    private readonly List<decimal> _starts = [];
    private readonly PortfolioEquityFolder _folder;

    public PortfolioEquityFolderTests()
    {
        _folder = new PortfolioEquityFolder(
            capital => _starts.Add(capital),
            trade =>
            {
                _trades.Add(trade);
                _events.Add($"trade {Day(trade.ExitTime)}");
            },
            mark =>
            {
                _marks.Add(mark);
                _events.Add($"mark {Day(mark.Time)}");
            });
    }

    private static DateTimeOffset T(int day) => Day0.AddDays(day);

    private static int Day(DateTimeOffset time) => (int)(time - Day0).TotalDays;

    private static StrategyUpdated Update(string id, StrategyStatus status, decimal capital, (int Day, decimal Equity)[]? points = null, TradeRecord[]? trades = null, TradeRecord? open = null)
    {
        var p = points ?? [];
        return new StrategyUpdated(
            StrategyId.Parse(id), 1, status, capital, capital, p.Length > 0 ? p[^1].Equity : capital, p.Length, p.Length > 0 ? T(p[^1].Day) : null, null,
            [.. p.Select(x => new EquityPoint(T(x.Day), x.Equity))], [.. trades ?? []], open, [], [], []);
    }

    private static TradeRecord Trade(string id, int entryDay, int? exitDay, decimal pnl) => new(
        StrategyId.Parse(id), InstrumentId.Parse("SPX"), PositionSide.Long, T(entryDay), 100m, exitDay is { } x ? T(x) : null,
        exitDay is null ? null : 100m + pnl, 1m, pnl, (double)pnl / 100, 0.5m, TimeSpan.Zero, 0m, 0m);

    private (int Day, decimal Equity)[] Marks() => [.. _marks.Select(m => (Day(m.Time), m.Equity))];

    private void Apply(StrategyUpdated update)
    {
        Assert.True(_folder.Apply(update));
        _folder.Advance();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Trades_of_several_members_exiting_at_the_same_time_are_emitted_in_first_seen_order_however_batched(bool aFirst)
    {
        Apply(Update("a", StrategyStatus.Running, 100m));
        Apply(Update("b", StrategyStatus.Running, 100m));
        var a = Update("a", StrategyStatus.Running, 100m, [(1, 100m), (2, 105m), (3, 105m)], [Trade("a", 1, 2, 5m)]);
        var b = Update("b", StrategyStatus.Running, 100m, [(1, 100m), (2, 97m), (3, 97m)], [Trade("b", 1, 2, -3m)]);
        Apply(aFirst ? a : b);
        Apply(aFirst ? b : a);

        Assert.Equal([5m, -3m], _trades.Select(t => t.NetPnl));
        Assert.Equal([(1, 200m), (2, 202m), (3, 202m)], Marks());
    }

    [Fact]
    public void A_lagging_running_strategy_blocks_marks_past_its_last_time()
    {
        Apply(Update("a", StrategyStatus.Running, 100m));
        Apply(Update("b", StrategyStatus.Running, 50m));
        Assert.Equal(DateTimeOffset.MinValue, _folder.Watermark);

        // a runs ahead; b has reported nothing, so nothing is final.
        Apply(Update("a", StrategyStatus.Running, 100m, [(1, 110m), (2, 120m), (3, 130m)]));
        Assert.Empty(_marks);
        Assert.False(_folder.Started);

        // b reaches day 1: only day 1 is final.
        Apply(Update("b", StrategyStatus.Running, 50m, [(1, 55m)]));
        Assert.Equal([(1, 165m)], Marks());
        Assert.Equal(T(1), _folder.LastMarkTime);
        Assert.Equal([150m], _starts);

        // b skips day 3 (no bar) and reaches day 4: days 2 and 3 are final, day 3 with b's day-2 equity; day 4 waits for a.
        Apply(Update("b", StrategyStatus.Running, 50m, [(2, 60m), (4, 70m)]));
        Assert.Equal([(1, 165m), (2, 180m), (3, 190m)], Marks());
        Assert.Equal(T(3), _folder.Watermark);

        // a reaches day 4.
        Apply(Update("a", StrategyStatus.Running, 100m, [(4, 140m)]));
        Assert.Equal([(1, 165m), (2, 180m), (3, 190m), (4, 210m)], Marks());
    }

    [Fact]
    public void Created_paused_and_stopped_strategies_do_not_block_and_contribute_their_latest_equity()
    {
        Apply(Update("created", StrategyStatus.Created, 10m));
        Apply(Update("a", StrategyStatus.Running, 100m));
        Apply(Update("paused", StrategyStatus.Running, 20m, [(1, 21m)]));
        Apply(Update("paused", StrategyStatus.Paused, 20m));
        Apply(Update("stopped", StrategyStatus.Running, 30m, [(1, 33m), (2, 36m)]));
        Apply(Update("stopped", StrategyStatus.Stopped, 30m));
        Apply(Update("a", StrategyStatus.Running, 100m, [(1, 101m), (2, 102m), (3, 103m)]));

        Assert.Equal([160m], _starts);
        Assert.Equal([(1, 10m + 21m + 33m + 101m), (2, 10m + 21m + 36m + 102m), (3, 10m + 21m + 36m + 103m)], Marks());
        Assert.Equal(T(3), _folder.Watermark);

        // With no running strategy left, everything is final.
        Apply(Update("a", StrategyStatus.Stopped, 100m));
        Assert.Equal(DateTimeOffset.MaxValue, _folder.Watermark);
    }

    [Fact]
    public void Trades_come_in_time_order_before_the_mark_at_their_exit_and_set_the_in_market_flag()
    {
        // Marks are labelled with their bar's open time and fills happen at a bar's open. a: entered at day 2, exited at
        // day 3 (before the day-3 mark): held at the close of day 2 only. b: entered at day 3, exits at day 5: held at the
        // closes of days 3 and 4.
        Apply(Update("b", StrategyStatus.Running, 100m));
        Apply(Update("a", StrategyStatus.Running, 100m, [(1, 100m), (2, 101m)], open: Trade("a", 2, null, 1m)));
        Apply(Update("b", StrategyStatus.Running, 100m, [(1, 100m), (2, 100m), (3, 99m)], open: Trade("b", 3, null, -1m)));
        Apply(Update("a", StrategyStatus.Running, 100m, [(3, 103m), (4, 104m)], trades: [Trade("a", 2, 3, 3m)]));
        Apply(Update("b", StrategyStatus.Running, 100m, [(4, 98m), (5, 97m)], trades: [Trade("b", 3, 5, -3m)]));

        Assert.Equal(["mark 1", "mark 2", "trade 3", "mark 3", "mark 4"], _events);
        Assert.Equal([false, true, true, true], _marks.Select(m => m.InMarket));
        Assert.Equal([(1, 200m), (2, 201m), (3, 202m), (4, 202m)], Marks());
        var trade = Assert.Single(_trades);
        Assert.Equal(new ClosedTrade(T(2), T(3), 3m, 0.5m, 0.03), trade);

        // b's trade exits at day 5 and waits for a to reach day 5; it comes before the day-5 mark.
        Apply(Update("a", StrategyStatus.Running, 100m, [(5, 105m)]));
        Assert.Equal(["mark 1", "mark 2", "trade 3", "mark 3", "mark 4", "trade 5", "mark 5"], _events);
        Assert.False(_marks[^1].InMarket); // b closed at the day-5 open, so held nothing at the day-5 close
    }

    [Fact]
    public void A_strategy_created_after_the_start_joins_as_a_deposit_and_a_deleted_one_leaves_as_a_withdrawal()
    {
        Apply(Update("b", StrategyStatus.Stopped, 50m));
        Apply(Update("a", StrategyStatus.Running, 100m, [(1, 100m)]));
        Assert.True(_folder.Started);
        Assert.Equal([(1, 150m)], Marks());
        Assert.Equal((150m, 1m, 150m), (_folder.Units, _folder.UnitValue, _folder.IndexEquity));

        // a gains 10 %: unit value 165 / 150 = 1.1.
        Apply(Update("a", StrategyStatus.Running, 100m, [(2, 115m)]));
        Assert.Equal([(1, 150m), (2, 165m)], Marks());
        Assert.Equal(1.1m, _folder.UnitValue);

        // "late" (capital 330) joins at unit value 1.1: 300 new units; equity 495, unit value unchanged, so no return.
        Apply(Update("late", StrategyStatus.Running, 330m));
        Assert.Equal((450m, 1.1m, 165m), (_folder.Units, _folder.UnitValue, Math.Round(_folder.IndexEquity!.Value, 18)));
        Assert.Equal(3, _folder.Members);

        // Both at day 3: a 115 -> 126.5 (+10 %), late 330 -> 363 (+10 %), b flat at 50: Σ = 539.5, unit value 1.19888….
        Apply(Update("a", StrategyStatus.Running, 100m, [(3, 126.5m)]));
        Assert.Equal(2, _marks.Count); // late has reported nothing: it holds the curve
        Apply(Update("late", StrategyStatus.Running, 330m, [(3, 363m)]));
        Assert.Equal([(1, 150m), (2, 165m), (3, 539.5m)], Marks());
        Assert.Equal(Math.Round(539.5m / 450m, 18), Math.Round(_folder.UnitValue, 18));

        // b deleted: its 50 is withdrawn at the unit value; the unit value (the return) does not move, the equity drops by 50.
        decimal before = _folder.UnitValue;
        Apply(Update("b", StrategyStatus.None, 0m));
        Assert.Equal(489.5m, _folder.Equity);
        Assert.Equal(Math.Round(before, 18), Math.Round(_folder.UnitValue, 18));
        Assert.False(_folder.Apply(Update("b", StrategyStatus.Created, 999m))); // re-created with the same id: ignored

        // a deleted while running: it no longer blocks.
        Apply(Update("a", StrategyStatus.None, 0m));
        Apply(Update("late", StrategyStatus.Stopped, 330m));
        Assert.Equal(DateTimeOffset.MaxValue, _folder.Watermark);
        Assert.Equal([150m], _starts);
    }

    [Fact]
    public void A_late_joiner_on_another_clock_holds_the_curve_until_it_passes_the_last_mark_and_then_counts()
    {
        // "spx" has replayed days 10-12 and stays running with nothing more to come; "old" joins on another instrument
        // whose bars start at day 1 (an older period).
        Apply(Update("spx", StrategyStatus.Running, 100m, [(10, 100m), (11, 104m), (12, 108m)]));
        Assert.Equal([(10, 100m), (11, 104m), (12, 108m)], Marks());
        Apply(Update("old", StrategyStatus.Running, 100m));
        Assert.Equal(208m, _folder.Equity);

        // Its days 1-11 are behind the last mark: they move its contribution (the equity) but add no mark.
        Apply(Update("old", StrategyStatus.Running, 100m, [(1, 90m), (5, 95m), (11, 97m)]));
        Assert.Equal(3, _marks.Count);
        Assert.Equal(205m, _folder.Equity);
        Assert.Equal(3, _folder.LateEvents);

        // spx, still running at day 12, holds the curve there: a running strategy may get more bars.
        Apply(Update("old", StrategyStatus.Running, 100m, [(13, 99m)]));
        Assert.Equal(3, _marks.Count);
        Assert.Equal(T(12), _folder.Watermark);

        // Stopped (its replay finished), spx no longer holds it: marks resume, spx contributing its latest equity.
        Apply(Update("spx", StrategyStatus.Stopped, 100m));
        Assert.Equal([(10, 100m), (11, 104m), (12, 108m), (13, 207m)], Marks());

        // The time-weighted return: old deposited 100 at unit value 1.08 (92.59… units); 207 / (100 + 92.59…) = 1.07480…
        decimal units = 100m + 100m / 1.08m;
        Assert.Equal(units, _folder.Units);
        Assert.Equal(Math.Round(207m / units, 18), Math.Round(_folder.UnitValue, 18));
    }

    [Fact]
    public void A_strategy_deleted_before_the_start_is_dropped_from_the_opening_equity()
    {
        Apply(Update("a", StrategyStatus.Created, 100m));
        Apply(Update("b", StrategyStatus.Running, 50m));
        Apply(Update("a", StrategyStatus.None, 0m));
        Apply(Update("b", StrategyStatus.Running, 50m, [(1, 55m)]));
        Assert.Equal([50m], _starts);
        Assert.Equal([(1, 55m)], Marks());
        Assert.Equal(1, _folder.Members);
    }

    [Fact]
    public void An_expected_strategy_blocks_until_its_first_update_and_joins_with_its_capital()
    {
        Assert.True(_folder.Expect(StrategyId.Parse("a")));
        Assert.True(_folder.Expect(StrategyId.Parse("b")));
        Assert.True(_folder.Expect(StrategyId.Parse("gone")));
        Assert.False(_folder.Expect(StrategyId.Parse("a")));

        // a re-publishes its history (as a strategy rebuilt on activation does) before b is heard from: nothing is final.
        Apply(Update("a", StrategyStatus.Running, 100m, [(1, 101m), (2, 102m)]));
        Apply(Update("gone", StrategyStatus.None, 0m));
        Assert.Empty(_marks);

        // b's snapshot says it is stopped: it no longer blocks and contributes its capital.
        Apply(Update("b", StrategyStatus.Stopped, 50m));
        Assert.Equal([150m], _starts);
        Assert.Equal([(1, 151m), (2, 152m)], Marks());
        Assert.Equal(2, _folder.Members);
        Assert.False(_folder.Expect(StrategyId.Parse("c")));
    }

    [Fact]
    public void Repeated_points_and_trades_are_dropped()
    {
        Apply(Update("a", StrategyStatus.Running, 100m, [(1, 101m), (2, 102m)], trades: [Trade("a", 0, 2, 2m)]));
        Apply(Update("a", StrategyStatus.Running, 100m, [(1, 101m), (2, 102m), (3, 103m)], trades: [Trade("a", 0, 2, 2m)]));
        Assert.Equal([(1, 101m), (2, 102m), (3, 103m)], Marks());
        Assert.Single(_trades);
        Assert.Equal(0, _folder.LateEvents);
    }

    [Fact]
    public void A_point_behind_the_last_mark_moves_the_sum_without_a_mark_of_its_own()
    {
        Apply(Update("b", StrategyStatus.Paused, 50m));
        Apply(Update("a", StrategyStatus.Running, 100m, [(1, 100m), (2, 100m), (3, 100m)]));
        Assert.Equal([(1, 150m), (2, 150m), (3, 150m)], Marks());

        // b resumes with bars the others passed long ago (day 2), then catches up.
        Apply(Update("b", StrategyStatus.Running, 50m, [(2, 60m)], trades: [Trade("b", 1, 2, 10m)]));
        Assert.Equal(2, _folder.LateEvents);
        Apply(Update("b", StrategyStatus.Running, 50m, [(4, 70m)]));
        Apply(Update("a", StrategyStatus.Running, 100m, [(4, 100m)]));
        Assert.Equal([(1, 150m), (2, 150m), (3, 150m), (4, 170m)], Marks());
        Assert.Empty(_trades);
    }

    [Fact]
    public void Random_histories_fold_to_the_sum_of_latest_equities_at_every_time_with_trades_in_order()
    {
        var random = new Random(20240101);
        for (int round = 0; round < 200; round++)
        {
            var log = new List<(bool IsMark, int Day)>();
            var marks = new List<EquityMark>();
            var trades = new List<ClosedTrade>();
            var folder = new PortfolioEquityFolder(
                _ => { },
                t =>
                {
                    trades.Add(t);
                    log.Add((false, Day(t.ExitTime)));
                },
                m =>
                {
                    marks.Add(m);
                    log.Add((true, Day(m.Time)));
                });
            int members = random.Next(1, 5);
            var capital = Enumerable.Range(0, members).Select(_ => (decimal)random.Next(10, 1000)).ToArray();
            var histories = Enumerable.Range(0, members)
                .Select(_ => Enumerable.Range(1, 40).Where(_ => random.NextDouble() < 0.7).Select(d => (Day: d, Equity: (decimal)random.Next(1, 10_000) / 10m)).ToArray())
                .ToArray();

            // Each member's holding periods: disjoint [entry, exit] day intervals, entry < exit.
            var intervals = Enumerable.Range(0, members).Select(_ =>
            {
                var list = new List<(int Entry, int Exit)>();
                for (int d = random.Next(0, 5); d < 40; d += random.Next(1, 4))
                {
                    int exit = d + random.Next(1, 6);
                    list.Add((d, exit));
                    d = exit;
                }

                return list;
            }).ToArray();
            var sent = new int[members];
            var sentTrades = new int[members];
            var expectedTrades = new List<(int Member, int Entry, int Exit)>();
            for (int i = 0; i < members; i++)
            {
                Assert.True(folder.Apply(Update($"s{i}", StrategyStatus.Running, capital[i])));
            }

            // Interleave random batches of each member's history; every member stays running until it has sent everything.
            // As the engine does: a batch ending at day D carries the trades that exited at or before D (at a bar's open,
            // before its close is marked) and the trade held at D's close.
            while (sent.Select((s, i) => s < histories[i].Length).Any(x => x))
            {
                int i = random.Next(members);
                int n = Math.Min(random.Next(0, 6), histories[i].Length - sent[i]);
                var batch = histories[i].Skip(sent[i]).Take(n).ToArray();
                sent[i] += n;
                var closed = new List<TradeRecord>();
                TradeRecord? open = null;
                if (sent[i] > 0)
                {
                    int last = histories[i][sent[i] - 1].Day;
                    while (sentTrades[i] < intervals[i].Count && intervals[i][sentTrades[i]].Exit <= last)
                    {
                        var (entry, exit) = intervals[i][sentTrades[i]++];
                        closed.Add(Trade($"s{i}", entry, exit, entry - exit));
                        expectedTrades.Add((i, entry, exit));
                    }

                    var held = intervals[i].FirstOrDefault(x => x.Entry <= last && last < x.Exit);
                    open = held.Exit > 0 ? Trade($"s{i}", held.Entry, null, 0m) : null;
                }

                folder.Apply(Update($"s{i}", sent[i] == histories[i].Length ? StrategyStatus.Stopped : StrategyStatus.Running, capital[i], batch, [.. closed], open));
                folder.Advance();

                // Never a mark past the time a running member has reported.
                for (int k = 0; k < members; k++)
                {
                    if (sent[k] < histories[k].Length && marks.Count > 0)
                    {
                        Assert.True(sent[k] > 0 && Day(marks[^1].Time) <= histories[k][sent[k] - 1].Day);
                    }
                }
            }

            // Brute force: at every day any member has a point, Σ of each member's latest equity at or before it; in the
            // market when some member, at its latest point p at or before the day, held a position (entry ≤ p < exit).
            var days = histories.SelectMany(h => h.Select(p => p.Day)).Distinct().Order().ToArray();
            var expected = days.Select(d =>
            {
                decimal sum = 0m;
                bool inMarket = false;
                for (int i = 0; i < members; i++)
                {
                    var latest = histories[i].LastOrDefault(p => p.Day <= d);
                    sum += latest.Day > 0 ? latest.Equity : capital[i];
                    inMarket |= latest.Day > 0 && intervals[i].Any(x => x.Entry <= latest.Day && latest.Day < x.Exit);
                }

                return (d, sum, inMarket);
            }).ToArray();
            Assert.Equal(expected, marks.Select(m => (Day(m.Time), m.Equity, m.InMarket)).ToArray());

            // Every trade sent, once, in exit order, after any earlier mark and before the mark at its exit day.
            Assert.Equal(expectedTrades.Select(t => (T(t.Entry), T(t.Exit))).Order(), trades.Select(t => (t.EntryTime, t.ExitTime)).Order());
            for (int k = 1; k < log.Count; k++)
            {
                Assert.True(log[k - 1].Day < log[k].Day || (log[k - 1].Day == log[k].Day && (!log[k - 1].IsMark || log[k].IsMark)), $"event {k} out of order");
            }
        }
    }
}
