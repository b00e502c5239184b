using System.Security.Cryptography;
using System.Text;
using ContractTracker.Ingest.Format;
using CsvHelper;

namespace ContractTracker.Ingest;

/// <summary>
/// A 16-byte hash of a record's values in the current column order (older columns after them, by name), so the same
/// record reads as the same content whether it came in a Full file, a Delta file or under an older header.
/// </summary>
internal sealed class RecordHash
{
    private const byte FieldSeparator = 0x1F;
    private readonly FileLayout _layout;
    private readonly byte[][] _extraNames;
    private byte[] _buffer = new byte[8192];

    public RecordHash(FileLayout layout)
    {
        _layout = layout;
        _extraNames = layout.ExtraIndex.Select(i => Encoding.UTF8.GetBytes(layout.Header[i] + "=")).ToArray();
    }

    public byte[] Compute(CsvReader reader)
    {
        var length = 0;
        foreach (var index in _layout.CanonicalIndex)
        {
            if (index >= 0 && index < reader.FieldCount)
            {
                Append(reader.GetSpan(index), ref length);
            }

            Append([FieldSeparator], ref length);
        }

        for (var i = 0; i < _layout.ExtraIndex.Length; i++)
        {
            var index = _layout.ExtraIndex[i];
            var value = index < reader.FieldCount ? reader.GetSpan(index) : default;
            if (!value.IsEmpty)
            {
                Append(_extraNames[i], ref length);
                Append(value, ref length);
                Append([FieldSeparator], ref length);
            }
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(_buffer.AsSpan(0, length), hash);
        return hash[..16].ToArray();
    }

    private void Append(ReadOnlySpan<byte> bytes, ref int length)
    {
        if (length + bytes.Length > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, length + bytes.Length));
        }

        bytes.CopyTo(_buffer.AsSpan(length));
        length += bytes.Length;
    }
}
