namespace TradingRobotPlug.Runtime.Tests.Grains;

public interface ISequenceGrain : IGrainWithStringKey
{
    Task Record(int caller, int sequence);

    Task<SequenceReport> GetReport();
}
