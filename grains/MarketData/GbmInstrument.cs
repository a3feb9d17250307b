using TradingRobotPlug.GrainInterfaces.Market;

namespace TradingRobotPlug.Grains.MarketData;

/// <summary>Parameters of one instrument's geometric Brownian motion in <see cref="GbmTickGenerator"/>.</summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="StartPrice">Price of the first tick, &gt; 0.</param>
/// <param name="Drift">Annualised drift μ (0.05 = 5 % a year), finite.</param>
/// <param name="Volatility">Annualised volatility σ (0.2 = 20 % a year), finite and ≥ 0.</param>
public sealed record GbmInstrument(InstrumentId Instrument, decimal StartPrice, double Drift, double Volatility);
