using System.Security.Cryptography;
using System.Text;
using ContractTracker.Ingest.Format;
using CsvHelper;

namespace ContractTracker.Ingest;

/// <summary>
/// A 16-byte hash of a record's content, equal for the same record in a Full file and in a Delta file. For files in the
/// current layout it is the SHA-256 of the record's bytes as written from its first current column on (a delta row's
/// indicator and agency are not content); for older headers, of its values in the current column order, older columns
/// after them by name. The same record written under two header versions may hash differently: the newer file then
/// replaces it, with the same values.
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
        Span<byte> hash = stackalloc byte[32];
        if (_layout.CurrentHeaderFrom >= 0 && reader.FieldCount == _layout.Header.Length)
        {
            var skip = 0;
            for (var i = 0; i < _layout.CurrentHeaderFrom; i++)
            {
                skip += reader.GetRawSpan(i).Length + 1;
            }

            SHA256.HashData(reader.RawRecord[skip..], hash);
            return hash[..16].ToArray();
        }

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
