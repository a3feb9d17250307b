using Microsoft.Extensions.Logging;

namespace TradingRobotPlug.Runtime.Storage.Postgres;

/// <summary>Source-generated log messages of <see cref="PostgresGrainStorage"/>. Event ids 4100–4199.</summary>
internal static partial class PostgresGrainStorageLog
{
    /// <summary>A state was read; <paramref name="etag"/> is null when no record exists.</summary>
    [LoggerMessage(EventId = 4100, Level = LogLevel.Debug,
        Message = "Storage {StorageName} read state {StateName} of grain {GrainId}: record exists {RecordExists}, ETag {ETag}")]
    public static partial void LogDebugStateRead(
        this ILogger logger, string storageName, string stateName, GrainId grainId, bool recordExists, string? etag);

    /// <summary>A state was written; <paramref name="etag"/> is the new version.</summary>
    [LoggerMessage(EventId = 4101, Level = LogLevel.Debug,
        Message = "Storage {StorageName} wrote state {StateName} of grain {GrainId}: ETag {PreviousETag} -> {ETag}")]
    public static partial void LogDebugStateWritten(
        this ILogger logger, string storageName, string stateName, GrainId grainId, string? previousETag, string etag);

    /// <summary>A state was cleared (its record deleted, or none existed).</summary>
    [LoggerMessage(EventId = 4102, Level = LogLevel.Debug,
        Message = "Storage {StorageName} cleared state {StateName} of grain {GrainId} at ETag {ETag}")]
    public static partial void LogDebugStateCleared(
        this ILogger logger, string storageName, string stateName, GrainId grainId, string? etag);

    /// <summary>A write or clear lost an optimistic-concurrency race.</summary>
    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning,
        Message = "Storage {StorageName} rejected {Operation} of state {StateName} of grain {GrainId}: stored ETag {StoredETag}, current ETag {CurrentETag}")]
    public static partial void LogWarningETagConflict(
        this ILogger logger, string storageName, string operation, string stateName, GrainId grainId, string? storedETag, string? currentETag);

    /// <summary>The provider made sure its table exists.</summary>
    [LoggerMessage(EventId = 4104, Level = LogLevel.Information,
        Message = "Storage {StorageName} ensured table {TableName} exists")]
    public static partial void LogInformationTableEnsured(this ILogger logger, string storageName, string tableName);
}
