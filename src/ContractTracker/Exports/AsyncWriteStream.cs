namespace ContractTracker.Exports;

/// <summary>
/// Lets writers that make a few small synchronous writes (System.IO.Compression writes each zip entry's data descriptor
/// and the central directory synchronously) write to a stream that only takes asynchronous writes, like a web server's
/// response body: synchronous writes are held and sent with the next asynchronous write or flush. The bulk of the data
/// goes through asynchronously, so what is held stays small.
/// </summary>
internal sealed class AsyncWriteStream(Stream inner) : Stream
{
    private readonly MemoryStream pending = new();

    /// <summary>The most bytes ever held at once (for tests and benchmarks: it must stay small).</summary>
    public long LargestPending { get; private set; }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        pending.Write(buffer);
        LargestPending = Math.Max(LargestPending, pending.Length);
    }

    public override void WriteByte(byte value) => Write([value]);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await SendPendingAsync(cancellationToken);
        await inner.WriteAsync(buffer, cancellationToken);
    }

    // Synchronous flushes come from inside the writers; the data goes out with the next asynchronous call.
    public override void Flush()
    {
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await SendPendingAsync(cancellationToken);
        await inner.FlushAsync(cancellationToken);
    }

    private async ValueTask SendPendingAsync(CancellationToken ct)
    {
        if (pending.Length > 0)
        {
            await inner.WriteAsync(pending.GetBuffer().AsMemory(0, (int)pending.Length), ct);
            pending.SetLength(0);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
