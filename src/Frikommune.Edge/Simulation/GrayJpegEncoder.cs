using Frikommune.Edge.Cameras;

namespace Frikommune.Edge.Simulation;

/// <summary>
/// A minimal baseline JPEG encoder for 8-bit grayscale pictures, enough for the synthetic camera: one component,
/// the Annex K luminance quantisation and Huffman tables, no restart markers. There is no image library in the
/// gateway, and the synthetic camera must still produce frames any browser and ffmpeg can show.
/// </summary>
static class GrayJpegEncoder
{
    static readonly int[] ZigZag = BuildZigZag();
    static readonly float[,] Cosines = BuildCosines();

    /// <summary>Encodes <paramref name="pixels"/> (row-major, <paramref name="width"/> × <paramref name="height"/>).</summary>
    public static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, int quality = 75)
    {
        if (width <= 0 || height <= 0 || width > 65535 || height > 65535 || pixels.Length < width * height)
            throw new ArgumentException("Picture size does not match its pixels.");
        var quant = ScaledQuantisation(quality);
        var output = new MemoryStream(width * height / 4 + 1024);
        WriteHeaders(output, width, height, quant);

        var bits = new JpegBitWriter(output);
        var block = new float[64];
        var coefficients = new int[64];
        var previousDc = 0;
        for (var by = 0; by < height; by += 8)
            for (var bx = 0; bx < width; bx += 8)
            {
                LoadBlock(pixels, width, height, bx, by, block);
                ForwardDct(block);
                for (var i = 0; i < 64; i++)
                    coefficients[i] = (int)MathF.Round(block[ZigZag[i]] / quant[ZigZag[i]]);
                previousDc = JpegHuffman.EncodeBlock(bits, coefficients, previousDc);
            }
        bits.Flush();
        output.Write([0xFF, 0xD9]);
        return output.ToArray();
    }

    /// <summary>Edge pixels are repeated into partial blocks so the border does not ring.</summary>
    static void LoadBlock(ReadOnlySpan<byte> pixels, int width, int height, int bx, int by, float[] block)
    {
        for (var y = 0; y < 8; y++)
        {
            var row = Math.Min(by + y, height - 1) * width;
            for (var x = 0; x < 8; x++)
                block[y * 8 + x] = pixels[row + Math.Min(bx + x, width - 1)] - 128f;
        }
    }

    /// <summary>The separable 8×8 DCT-II as JPEG defines it (F(0,0) = 8 × mean).</summary>
    static void ForwardDct(float[] block)
    {
        Span<float> temp = stackalloc float[64];
        for (var y = 0; y < 8; y++)
            for (var u = 0; u < 8; u++)
            {
                var sum = 0f;
                for (var x = 0; x < 8; x++) sum += block[y * 8 + x] * Cosines[u, x];
                temp[y * 8 + u] = sum;
            }
        for (var u = 0; u < 8; u++)
            for (var v = 0; v < 8; v++)
            {
                var sum = 0f;
                for (var y = 0; y < 8; y++) sum += temp[y * 8 + u] * Cosines[v, y];
                block[v * 8 + u] = sum;
            }
    }

    static void WriteHeaders(Stream output, int width, int height, int[] quant)
    {
        output.Write([0xFF, 0xD8]);
        output.Write([0xFF, 0xE0, 0, 16, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
        output.Write([0xFF, 0xDB, 0, 67, 0]);
        for (var i = 0; i < 64; i++) output.WriteByte((byte)quant[ZigZag[i]]);
        output.Write([0xFF, 0xC0, 0, 11, 8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 1, 1, 0x11, 0]);
        JpegHuffman.WriteTables(output);
        output.Write([0xFF, 0xDA, 0, 8, 1, 1, 0x00, 0, 63, 0]);
    }

    static readonly int[] LuminanceQuantisation =
    [
        16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55,
        14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
        18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
    ];

    /// <summary>The IJG quality scaling, in natural (row-major) order.</summary>
    static int[] ScaledQuantisation(int quality)
    {
        quality = Math.Clamp(quality, 1, 100);
        var scale = quality < 50 ? 5000 / quality : 200 - 2 * quality;
        return LuminanceQuantisation.Select(q => Math.Clamp((q * scale + 50) / 100, 1, 255)).ToArray();
    }

    static int[] BuildZigZag()
    {
        var order = new int[64];
        var i = 0;
        for (var sum = 0; sum < 15; sum++)
            for (var k = 0; k <= sum; k++)
            {
                var (row, col) = sum % 2 == 0 ? (sum - k, k) : (k, sum - k);
                if (row < 8 && col < 8) order[i++] = row * 8 + col;
            }
        return order;
    }

    static float[,] BuildCosines()
    {
        var c = new float[8, 8];
        for (var u = 0; u < 8; u++)
            for (var x = 0; x < 8; x++)
                c[u, x] = (float)((u == 0 ? Math.Sqrt(0.125) : 0.5) * Math.Cos((2 * x + 1) * u * Math.PI / 16));
        return c;
    }
}
