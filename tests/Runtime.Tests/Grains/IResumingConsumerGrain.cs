namespace TradingRobotPlug.Runtime.Tests.Grains;

/// <summary>
/// Subscribes explicitly to stream ("resume", its own key) on provider "Default"; on every activation it resumes its
/// subscriptions (signalling <c>{key}:activated</c> with how many it found). Items are signalled as <c>{key}:item</c>.
/// </summary>
public interface IResumingConsumerGrain : IGrainWithStringKey
{
    Task Subscribe();

    Task Deactivate();
}
