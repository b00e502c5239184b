using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace ContractTracker.Api.Common;

/// <summary>
/// A question's answer (JSON of a bounded size: a page, a profile) written whole, with its <c>Content-Length</c>, in one
/// write to the connection.
/// </summary>
/// <remarks>
/// Streamed, an answer goes out chunked: the serializer flushes every 16 KB or so and Kestrel sends the closing empty chunk
/// on its own, so an 80 KB page of transactions took four sends and a 4 KB award two, each waking the client and, on
/// loopback, costing the sender the receiver's network work too. Files (CSV, XLSX, zip) are never held back like this:
/// they stream, whatever their size.
/// </remarks>
internal sealed class WholeAnswer(IResult answer) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var connection = response.Body;
        using var buffer = new AnswerBuffer();
        response.Body = buffer;
        try
        {
            await answer.ExecuteAsync(httpContext);
            await httpContext.Features.GetRequiredFeature<IHttpResponseBodyFeature>().CompleteAsync();
        }
        finally
        {
            // The connection's own body feature comes back (see HttpResponse.Body).
            response.Body = connection;
        }

        response.ContentLength = buffer.Length;
        response.BodyWriter.Write(buffer.Written);
        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }
}

/// <summary>A write-only stream into one growing array from the shared pool.</summary>
internal sealed class AnswerBuffer : Stream
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
    private int _length;
    private bool _disposed;

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_length + buffer.Length > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_length + buffer.Length, 2 * _buffer.Length));
            Written.CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        buffer.CopyTo(_buffer.AsSpan(_length));
        _length += buffer.Length;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
            _length = 0;
        }

        base.Dispose(disposing);
    }
}
