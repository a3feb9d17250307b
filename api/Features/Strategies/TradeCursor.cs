using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace TradingRobotPlug.Api.Features.Strategies;

/// <summary>
/// The opaque trade-paging cursor: base64url of <c>t:{index}</c>, the position in the strategy's trade list where the next
/// page starts. Stable because closed trades are only ever appended.
/// </summary>
public static class TradeCursor
{
    /// <summary>Encodes a start index.</summary>
    public static string Encode(int index) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes($"t:{index.ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>Decodes a cursor; false when it was not made by <see cref="Encode"/>.</summary>
    public static bool TryDecode(string cursor, out int index)
    {
        index = 0;
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 32 || !Base64Url.IsValid(cursor))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[32];
        if (!Base64Url.TryDecodeFromChars(cursor, bytes, out int written))
        {
            return false;
        }

        var text = Encoding.ASCII.GetString(bytes[..written]);
        return text.StartsWith("t:", StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }
}
