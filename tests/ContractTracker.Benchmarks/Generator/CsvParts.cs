using System.IO.Compression;
using CsvHelper;

namespace ContractTracker.Benchmarks.Generator;

/// <summary>
/// Writes records as USAspending's legacy writer does (RFC 4180, quoted only when needed, CRLF, UTF-8 without BOM),
/// streaming: to one CSV file, or to a zip of parts <c>{stem}_1.csv</c>, <c>{stem}_2.csv</c>, ... of
/// <c>partSize</c> records each, the header repeated in every part, as in the Award Data Archive.
/// </summary>
internal sealed class CsvParts : IDisposable
{
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { NewLine = "\r\n", BufferSize = 1 << 20 };

    private readonly string _path;
    private readonly string[] _header;
    private readonly ZipArchive? _zip;
    private readonly int _partSize;
    private CsvWriter _writer;
    private int _part = 1;
    private int _inPart;

    public CsvParts(string path, IReadOnlyList<string> header, bool zip, int partSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partSize, 1);
        _path = Path.GetFullPath(path);
        _header = [.. header];
        _partSize = partSize;
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        _zip = zip ? new ZipArchive(new FileStream(_path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20), ZipArchiveMode.Create) : null;
        _writer = OpenPart();
    }

    public void Write(string?[] record)
    {
        if (_zip is not null && _inPart == _partSize)
        {
            _writer.Dispose();
            _part++;
            _writer = OpenPart();
        }

        foreach (var field in record)
        {
            _writer.WriteField(field);
        }

        _writer.EndRecord();
        _inPart++;
    }

    public void Dispose()
    {
        _writer.Dispose();
        _zip?.Dispose();
    }

    private CsvWriter OpenPart()
    {
        _inPart = 0;
        var writer = _zip is null
            ? CsvWriter.ToFile(_path, Options)
            : CsvWriter.Create(_zip.CreateEntry($"{Path.GetFileNameWithoutExtension(_path)}_{_part}.csv", CompressionLevel.Optimal).Open(), Options);
        writer.WriteHeader(_header);
        return writer;
    }
}
