namespace TradingRobotPlug.Runtime.Storage;

/// <summary>
/// A write or clear found a stored version different from the one this activation holds (another writer won).
/// When it escapes a grain method the runtime deactivates the activation, so the next call re-reads the state.
/// </summary>
public sealed class InconsistentStateException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InconsistentStateException(string message, string? storedETag, string? currentETag, Exception? inner = null)
        : base(message, inner)
    {
        StoredETag = storedETag;
        CurrentETag = currentETag;
    }

    /// <summary>The ETag found in storage (null when no record).</summary>
    public string? StoredETag { get; }

    /// <summary>The ETag the writer held.</summary>
    public string? CurrentETag { get; }
}
