using Microsoft.Extensions.Logging;

namespace TradingRobotPlug.Runtime.Diagnostics;

/// <summary>Source-generated log messages of the runtime.</summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Activated {GrainId}")]
    public static partial void LogDebugActivated(ILogger logger, GrainId grainId);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Activation of {GrainId} failed")]
    public static partial void LogWarningActivationFailed(ILogger logger, GrainId grainId, Exception exception);

    [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "Deactivated {GrainId}: {Reason}")]
    public static partial void LogDebugDeactivated(ILogger logger, GrainId grainId, string reason);

    [LoggerMessage(EventId = 103, Level = LogLevel.Error, Message = "OnDeactivateAsync of {GrainId} threw")]
    public static partial void LogErrorDeactivationFailed(ILogger logger, GrainId grainId, Exception exception);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Call {Request} to {GrainId} timed out after {Timeout}")]
    public static partial void LogWarningCallTimedOut(ILogger logger, string request, GrainId grainId, TimeSpan timeout);

    [LoggerMessage(EventId = 105, Level = LogLevel.Error, Message = "One-way call {Request} to {GrainId} failed")]
    public static partial void LogErrorOneWayFailed(ILogger logger, string request, GrainId grainId, Exception exception);

    [LoggerMessage(EventId = 106, Level = LogLevel.Error, Message = "Timer callback of {GrainId} threw")]
    public static partial void LogErrorTimerFailed(ILogger logger, GrainId grainId, Exception exception);

    [LoggerMessage(EventId = 107, Level = LogLevel.Information, Message = "Collected {Count} idle activations")]
    public static partial void LogInformationCollected(ILogger logger, int count);

    [LoggerMessage(EventId = 108, Level = LogLevel.Warning, Message = "{GrainId} deactivates after a state conflict: {Message}")]
    public static partial void LogWarningInconsistentState(ILogger logger, GrainId grainId, string message);

    [LoggerMessage(EventId = 200, Level = LogLevel.Error, Message = "Delivery of {Count} items on stream {StreamId} to subscription {HandleId} ({Subscriber}) failed; the batch is dropped")]
    public static partial void LogErrorStreamDeliveryFailed(ILogger logger, int count, string streamId, Guid handleId, string subscriber, Exception exception);

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Silo started: {GrainClasses} grain classes, {GrainInterfaces} grain interfaces")]
    public static partial void LogInformationSiloStarted(ILogger logger, int grainClasses, int grainInterfaces);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Silo stopping: deactivating {Count} activations")]
    public static partial void LogInformationSiloStopping(ILogger logger, int count);
}
