using Frikommune.Edge.Cameras;
using Frikommune.Edge.CheckIns;

namespace Frikommune.Edge.Simulation;

/// <summary>
/// Pictures made in-process for <c>--simulate</c>: the room id and the current time on a moving gradient, so the
/// whole check-in flow runs on a PC and a viewer can see at a glance that the feed is live and whose it is.
/// </summary>
public sealed class SyntheticCamera(string room, TimeProvider time, TimeZoneInfo? zone = null, double framesPerSecond = 5)
    : ICamera
{
    public const int Width = 320;
    public const int Height = 240;

    readonly TimeZoneInfo _zone = zone ?? TimeZoneInfo.Utc;
    readonly TimeSpan _interval = TimeSpan.FromSeconds(1 / framesPerSecond);

    public string Room => room;

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> Frames(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            yield return Render(TimeZoneInfo.ConvertTime(time.GetUtcNow(), _zone));
            await Task.Delay(_interval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    internal byte[] Render(DateTimeOffset at)
    {
        var pixels = new byte[Width * Height];
        var shift = (int)(at.ToUnixTimeMilliseconds() / 20 % Width);
        for (var y = 0; y < Height; y++)
            for (var x = 0; x < Width; x++)
                pixels[y * Width + x] = (byte)(40 + ((x + shift) % Width) * 60 / Width + y * 30 / Height);
        Write(pixels, room.ToUpperInvariant(), 36);
        Write(pixels, at.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), 110);
        Write(pixels, at.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), 160);
        return GrayJpegEncoder.Encode(pixels, Width, Height);
    }

    static void Write(byte[] pixels, string text, int y)
    {
        var scale = Math.Clamp((Width - 16) / Math.Max(1, BitmapFont.TextWidth(text, 1) + 1), 1, 5);
        var x = Math.Max(4, (Width - BitmapFont.TextWidth(text, scale)) / 2);
        BitmapFont.Draw(pixels, Width, Height, text, x, y, scale, 235);
    }
}
