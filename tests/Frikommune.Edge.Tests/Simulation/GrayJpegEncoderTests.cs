using Frikommune.Edge.Cameras;
using Frikommune.Edge.CheckIns;
using Frikommune.Edge.Simulation;
using Frikommune.Edge.Tests.Cameras;

namespace Frikommune.Edge.Tests.Simulation;

public sealed class GrayJpegEncoderTests
{
    [Fact]
    public void The_AC_table_codes_every_baseline_symbol_once()
    {
        var expected = Enumerable.Range(0, 16).SelectMany(run => Enumerable.Range(1, 10).Select(size => (byte)(run << 4 | size)))
            .Append((byte)0x00).Append((byte)0xF0).Order();
        Assert.Equal(expected, JpegHuffman.AcValues.Order());
    }

    [Fact]
    public void A_picture_starts_with_SOI_and_ends_with_EOI_and_the_scan_has_no_bare_markers()
    {
        var jpeg = GrayJpegEncoder.Encode(Noise(64, 48, seed: 1), 64, 48);
        Assert.True(Jpeg.LooksComplete(jpeg));
        var scan = ScanData(jpeg);
        for (var i = 0; i < scan.Length - 1; i++)
            if (scan[i] == 0xFF) Assert.Equal(0x00, scan[i + 1]);
    }

    [Theory]
    [InlineData(64, 48)]
    [InlineData(37, 21)]
    [InlineData(320, 240)]
    public async Task Ffmpeg_decodes_it_as_the_same_gray_picture(int width, int height)
    {
        var pixels = Gradient(width, height);
        var jpeg = GrayJpegEncoder.Encode(pixels, width, height, quality: 90);
        Assert.Equal($"mjpeg,{width},{height},gray", await Ffmpeg.ProbeAsync(jpeg));
        var decoded = await Ffmpeg.DecodeGrayAsync(jpeg);
        Assert.Equal(pixels.Length, decoded.Length);
        var meanError = pixels.Zip(decoded, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(meanError < 3, $"mean error {meanError:F2}");
    }

    [Fact]
    public async Task Random_noise_at_full_quality_still_decodes_cleanly()
    {
        var pixels = Noise(48, 40, seed: 7);
        var decoded = await Ffmpeg.DecodeGrayAsync(GrayJpegEncoder.Encode(pixels, 48, 40, quality: 100));
        Assert.True(pixels.Zip(decoded, (a, b) => Math.Abs(a - b)).Average() < 4);
    }

    [Fact]
    public void Wrong_sizes_are_refused() =>
        Assert.Throws<ArgumentException>(() => GrayJpegEncoder.Encode(new byte[10], 4, 4));

    static byte[] Gradient(int width, int height)
    {
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                pixels[y * width + x] = (byte)(30 + x * 180 / width + (y % 16 < 8 ? 20 : 0));
        return pixels;
    }

    static byte[] Noise(int width, int height, int seed)
    {
        var pixels = new byte[width * height];
        new Random(seed).NextBytes(pixels);
        return pixels;
    }

    /// <summary>The entropy-coded bytes between the SOS header and EOI.</summary>
    static ReadOnlySpan<byte> ScanData(byte[] jpeg)
    {
        var sos = jpeg.AsSpan().IndexOf([(byte)0xFF, (byte)0xDA]);
        var length = jpeg[sos + 2] << 8 | jpeg[sos + 3];
        return jpeg.AsSpan(sos + 2 + length, jpeg.Length - (sos + 2 + length) - 2);
    }
}
