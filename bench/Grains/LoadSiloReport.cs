namespace TradingRobotPlug.Benchmarks.Grains;

/// <summary>
/// What one silo of a cluster tick load (<c>load-silo</c>) has counted and spent since its process started, as sent to
/// <see cref="ILoadReportGrain"/> every <see cref="ILoadReportGrain.ReportPeriodMilliseconds"/> ms. The driver subtracts
/// two reports to get a window's figures.
/// </summary>
/// <param name="Silo">The silo's address (<c>SiloAddress.ToParsableString()</c>).</param>
/// <param name="ProcessId">The silo's process id.</param>
/// <param name="Deliveries">Bars and ticks delivered to stream subscribers on this silo (counted after each delivery call completed).</param>
/// <param name="BarDeliveries">Bars among <paramref name="Deliveries"/>.</param>
/// <param name="OtherEvents">Stream events other than bar and tick batches delivered on this silo (strategy updates).</param>
/// <param name="Messages">Requests and one-way messages received by this silo's dispatcher.</param>
/// <param name="DeliveryTurns">Delivery calls made by this silo's pulling agents.</param>
/// <param name="CpuSeconds">The process's CPU time (user + kernel, all threads).</param>
/// <param name="WorkingSet">The process's working set when the report was taken.</param>
/// <param name="PeakWorkingSet">The kernel's peak resident set of the process (VmHWM) since it started.</param>
/// <param name="ManagedHeap">Managed heap size (<c>GC.GetTotalMemory(false)</c>).</param>
/// <param name="Gen0">Generation-0 collections since the process started.</param>
/// <param name="Gen2">Generation-2 collections since the process started.</param>
/// <param name="ServerGc">Whether the process runs the server garbage collector.</param>
/// <param name="Redeliveries">Bars and ticks delivered again to a subscriber that had already processed their event
/// (Orleans streams deliver at least once: a delivery call that completed but whose response timed out is retried);
/// not in <paramref name="Deliveries"/>.</param>
[GenerateSerializer, Immutable, Alias("bench.LoadSiloReport")]
public sealed record LoadSiloReport(
    [property: Id(0)] string Silo,
    [property: Id(1)] int ProcessId,
    [property: Id(2)] long Deliveries,
    [property: Id(3)] long BarDeliveries,
    [property: Id(4)] long OtherEvents,
    [property: Id(5)] long Messages,
    [property: Id(6)] long DeliveryTurns,
    [property: Id(7)] double CpuSeconds,
    [property: Id(8)] long WorkingSet,
    [property: Id(9)] long PeakWorkingSet,
    [property: Id(10)] long ManagedHeap,
    [property: Id(11)] int Gen0,
    [property: Id(12)] int Gen2,
    [property: Id(13)] bool ServerGc,
    [property: Id(14)] long Redeliveries = 0);
