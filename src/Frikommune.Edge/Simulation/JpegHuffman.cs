using Frikommune.Edge.Cameras;

namespace Frikommune.Edge.Simulation;

/// <summary>The typical luminance Huffman tables of ITU T.81 Annex K.3, and the baseline coding of one block.</summary>
static class JpegHuffman
{
    static readonly byte[] DcBits = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
    static readonly byte[] DcValues = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    static readonly byte[] AcBits = [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d];

    /// <summary>Every (run, size) symbol of baseline coding appears once; the test checks all 162 are present.</summary>
    internal static readonly byte[] AcValues =
    [
        0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07,
        0x22, 0x71, 0x14, 0x32, 0x81, 0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0,
        0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0a, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x25, 0x26, 0x27, 0x28,
        0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49,
        0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69,
        0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89,
        0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7,
        0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5,
        0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe1, 0xe2,
        0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8,
        0xf9, 0xfa,
    ];

    static readonly (int Code, int Length)[] Dc = Codes(DcBits, DcValues);
    static readonly (int Code, int Length)[] Ac = Codes(AcBits, AcValues);

    public static void WriteTables(Stream output)
    {
        WriteTable(output, 0x00, DcBits, DcValues);
        WriteTable(output, 0x10, AcBits, AcValues);
    }

    /// <summary>Codes one quantised block (zig-zag order); returns its DC value for the next block's difference.</summary>
    public static int EncodeBlock(JpegBitWriter bits, int[] zigzag, int previousDc)
    {
        var diff = zigzag[0] - previousDc;
        var size = Magnitude(diff);
        bits.Write(Dc[size].Code, Dc[size].Length);
        bits.Write(Amplitude(diff, size), size);

        var run = 0;
        for (var i = 1; i < 64; i++)
        {
            var value = zigzag[i];
            if (value == 0) { run++; continue; }
            for (; run >= 16; run -= 16) bits.Write(Ac[0xF0].Code, Ac[0xF0].Length);
            size = Math.Min(Magnitude(value), 10);
            if (size == 10) value = Math.Clamp(value, -1023, 1023);
            var symbol = (run << 4) | size;
            bits.Write(Ac[symbol].Code, Ac[symbol].Length);
            bits.Write(Amplitude(value, size), size);
            run = 0;
        }
        if (run > 0) bits.Write(Ac[0x00].Code, Ac[0x00].Length);
        return zigzag[0];
    }

    static int Magnitude(int value)
    {
        var v = Math.Abs(value);
        var size = 0;
        for (; v > 0; v >>= 1) size++;
        return size;
    }

    /// <summary>Negative values are sent as their one's complement in <paramref name="size"/> bits.</summary>
    static int Amplitude(int value, int size) => value >= 0 ? value : value + (1 << size) - 1;

    /// <summary>Canonical Huffman codes from the counts per length (T.81 Annex C).</summary>
    static (int, int)[] Codes(byte[] bits, byte[] values)
    {
        var table = new (int, int)[256];
        var code = 0;
        var k = 0;
        for (var length = 1; length <= 16; length++)
        {
            for (var n = 0; n < bits[length - 1]; n++)
                table[values[k++]] = (code++, length);
            code <<= 1;
        }
        return table;
    }

    static void WriteTable(Stream output, byte classAndId, byte[] bits, byte[] values)
    {
        var length = 2 + 1 + 16 + values.Length;
        output.Write([0xFF, 0xC4, (byte)(length >> 8), (byte)length, classAndId]);
        output.Write(bits);
        output.Write(values);
    }
}

/// <summary>Writes entropy-coded bits MSB first, stuffing a zero after every 0xFF byte.</summary>
sealed class JpegBitWriter(Stream output)
{
    int _buffer;
    int _count;

    public void Write(int value, int length)
    {
        for (var i = length - 1; i >= 0; i--)
        {
            _buffer = (_buffer << 1) | ((value >> i) & 1);
            if (++_count == 8) Emit();
        }
    }

    /// <summary>Pads the last byte with ones, as T.81 F.1.2.3 asks.</summary>
    public void Flush()
    {
        while (_count != 0) Write(1, 1);
    }

    void Emit()
    {
        output.WriteByte((byte)_buffer);
        if (_buffer == 0xFF) output.WriteByte(0);
        _buffer = 0;
        _count = 0;
    }
}
