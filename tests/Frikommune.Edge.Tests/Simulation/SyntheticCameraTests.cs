using Frikommune.Edge.Cameras;
using Microsoft.Extensions.Time.Testing;
using Frikommune.Edge.Simulation;
using Frikommune.Edge.Tests.Cameras;

namespace Frikommune.Edge.Tests.Simulation;

public sealed class SyntheticCameraTests
{
    static readonly DateTimeOffset Start = new(2026, 11, 23, 21, 4, 5, TimeSpan.Zero);

    [Fact]
    public void The_font_has_every_character_a_room_id_and_a_time_need()
    {
        Assert.All("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-:./_ ", c => Assert.True(BitmapFont.Has(c), $"'{c}'"));
    }

    [Fact]
    public void The_font_draws_a_glyph_where_it_is_told()
    {
        var pixels = new byte[10 * 10];
        BitmapFont.Draw(pixels, 10, 10, "-", 1, 1, 1, 200);
        Assert.Equal(5, pixels.Count(p => p == 200));
        Assert.All(Enumerable.Range(1, 5), x => Assert.Equal(200, pixels[4 * 10 + x]));
    }

    [Fact]
    public async Task It_yields_a_valid_JPEG_at_once_and_the_next_only_after_its_interval()
    {
        var time = new FakeTimeProvider(Start);
        var camera = new SyntheticCamera("room-12", time, framesPerSecond: 5);
        await using var frames = camera.Frames(CancellationToken.None).GetAsyncEnumerator();
        Assert.True(await frames.MoveNextAsync());
        var first = frames.Current.ToArray();
        Assert.Equal("mjpeg,320,240,gray", await Ffmpeg.ProbeAsync(first));

        var next = frames.MoveNextAsync().AsTask();
        time.Advance(TimeSpan.FromMilliseconds(199));
        Assert.False(next.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(await next);
        Assert.NotEqual(first, frames.Current.ToArray());
    }

    [Fact]
    public async Task The_picture_shows_the_room_and_the_time_in_light_text()
    {
        var camera = new SyntheticCamera("room-12", new FakeTimeProvider(Start));
        var decoded = await Ffmpeg.DecodeGrayAsync(camera.Render(Start));
        // The background stays below 130; text is drawn at 235 in the three bands where the lines are written.
        int Bright(int fromRow, int toRow) => decoded.Skip(fromRow * 320).Take((toRow - fromRow) * 320).Count(p => p > 180);
        Assert.True(Bright(36, 71) > 500);
        Assert.True(Bright(110, 145) > 500);
        Assert.True(Bright(160, 195) > 500);
        Assert.Equal(0, Bright(0, 30));
    }

    [Fact]
    public async Task Cancelling_stops_the_frames()
    {
        var time = new FakeTimeProvider(Start);
        using var cts = new CancellationTokenSource();
        await using var frames = new SyntheticCamera("room-12", time).Frames(cts.Token).GetAsyncEnumerator();
        Assert.True(await frames.MoveNextAsync());
        var next = frames.MoveNextAsync().AsTask();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
    }
}
