using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace ContractTracker.Api.Common;

/// <summary>
/// Opaque keyset cursors: the sort values of the last row a page returned, so the next page starts right after it
/// (no offset, no result window). A cursor is base64url JSON; anything else is a malformed cursor.
/// </summary>
public static class Cursor
{
    public static string Encode(params string?[] values) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(values));

    public static bool TryDecode(string? cursor, int expectedValues, out string?[] values)
    {
        values = [];
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 2048)
        {
            return false;
        }

        try
        {
            var decoded = JsonSerializer.Deserialize<string?[]>(Base64Url.DecodeFromChars(cursor));
            if (decoded is null || decoded.Length != expectedValues)
            {
                return false;
            }

            values = decoded;
            return true;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return false;
        }
    }
}
