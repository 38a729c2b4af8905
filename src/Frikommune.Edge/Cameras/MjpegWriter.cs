using System.Text;

namespace Frikommune.Edge.Cameras;

/// <summary>Writes frames as parts of a <c>multipart/x-mixed-replace</c> body, each with its Content-Length.</summary>
static class MjpegWriter
{
    public const string Boundary = "frikommune-frame";
    public const string ContentType = "multipart/x-mixed-replace; boundary=" + Boundary;

    static readonly byte[] Closing = Encoding.ASCII.GetBytes($"--{Boundary}--\r\n");

    public static async Task WritePartAsync(Stream body, ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        var head = Encoding.ASCII.GetBytes($"--{Boundary}\r\nContent-Type: image/jpeg\r\nContent-Length: {frame.Length}\r\n\r\n");
        await body.WriteAsync(head, cancellationToken).ConfigureAwait(false);
        await body.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        await body.WriteAsync("\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        await body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public static Task WriteClosingAsync(Stream body, CancellationToken cancellationToken) =>
        body.WriteAsync(Closing, cancellationToken).AsTask();
}
