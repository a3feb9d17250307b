using Orleans;
using TradingRobotPlug.GrainInterfaces.Experiments;

namespace TradingRobotPlug.Grains.Grains;

/// <summary>
/// Persisted definition and lifecycle of an experiment grain. The statistics are not stored: they are a deterministic
/// function of the arms' equity curves, refolded on activation (as a strategy refolds its instrument's bars).
/// </summary>
[GenerateSerializer, Alias("trp.ExperimentState")]
public sealed class ExperimentState
{
    /// <summary>The definition; null until created.</summary>
    [Id(0)]
    public ExperimentSettings? Settings { get; set; }

    /// <summary>Lifecycle status.</summary>
    [Id(1)]
    public ExperimentStatus Status { get; set; }

    /// <summary>The control strategy's starting capital, read at creation (account currency).</summary>
    [Id(2)]
    public decimal ControlCapital { get; set; }

    /// <summary>The treatment strategy's starting capital, read at creation (account currency).</summary>
    [Id(3)]
    public decimal TreatmentCapital { get; set; }

    /// <summary>When stopped: the control's last mark time taken (UTC); a refold stops there. Null while running.</summary>
    [Id(4)]
    public DateTimeOffset? ControlStoppedThrough { get; set; }

    /// <summary>When stopped: the treatment's last mark time taken (UTC); a refold stops there. Null while running.</summary>
    [Id(5)]
    public DateTimeOffset? TreatmentStoppedThrough { get; set; }
}
