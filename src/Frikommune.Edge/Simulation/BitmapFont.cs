using Frikommune.Edge.Cameras;

namespace Frikommune.Edge.Simulation;

/// <summary>A 5×7 pixel font for what the synthetic camera writes: digits, letters, '-', ':', '.', '/', '_'.</summary>
static class BitmapFont
{
    public const int GlyphWidth = 5;
    public const int GlyphHeight = 7;

    /// <summary>Each glyph is seven rows of five bits (high bit left), as hex pairs.</summary>
    static readonly Dictionary<char, byte[]> Glyphs = new Dictionary<char, string>
    {
        ['0'] = "0E11131519110E", ['1'] = "040C040404040E", ['2'] = "0E11010204081F",
        ['3'] = "1F02040201110E", ['4'] = "02060A121F0202", ['5'] = "1F101E0101110E",
        ['6'] = "0608101E11110E", ['7'] = "1F010204080808", ['8'] = "0E11110E11110E", ['9'] = "0E11110F01020C",
        ['A'] = "0E1111111F1111", ['B'] = "1E11111E11111E", ['C'] = "0E11101010110E", ['D'] = "1C12111111121C",
        ['E'] = "1F10101E10101F", ['F'] = "1F10101E101010", ['G'] = "0E11101711110F", ['H'] = "1111111F111111",
        ['I'] = "0E04040404040E", ['J'] = "0702020202120C", ['K'] = "11121418141211", ['L'] = "1010101010101F",
        ['M'] = "111B1515111111", ['N'] = "11111915131111", ['O'] = "0E11111111110E", ['P'] = "1E11111E101010",
        ['Q'] = "0E11111115120D", ['R'] = "1E11111E141211", ['S'] = "0F10100E01011E", ['T'] = "1F040404040404",
        ['U'] = "1111111111110E", ['V'] = "11111111110A04", ['W'] = "1111111515150A", ['X'] = "11110A040A1111",
        ['Y'] = "1111110A040404", ['Z'] = "1F01020408101F", ['-'] = "0000001F000000", [':'] = "000C0C000C0C00",
        ['.'] = "00000000000C0C", ['/'] = "00010204081000", ['_'] = "0000000000001F", [' '] = "00000000000000",
        ['?'] = "0E110102040004",
    }.ToDictionary(g => g.Key, g => Convert.FromHexString(g.Value));

    public static bool Has(char c) => Glyphs.ContainsKey(char.ToUpperInvariant(c));

    /// <summary>Draws <paramref name="text"/> at (x, y), each font pixel as a <paramref name="scale"/>² square; clipped.</summary>
    public static void Draw(Span<byte> pixels, int width, int height, string text, int x, int y, int scale, byte ink)
    {
        foreach (var c in text)
        {
            var glyph = Glyphs.GetValueOrDefault(char.ToUpperInvariant(c)) ?? Glyphs['?'];
            for (var row = 0; row < GlyphHeight; row++)
                for (var col = 0; col < GlyphWidth; col++)
                    if ((glyph[row] & (0x10 >> col)) != 0)
                        Fill(pixels, width, height, x + col * scale, y + row * scale, scale, ink);
            x += (GlyphWidth + 1) * scale;
        }
    }

    public static int TextWidth(string text, int scale) => text.Length * (GlyphWidth + 1) * scale - scale;

    static void Fill(Span<byte> pixels, int width, int height, int x0, int y0, int size, byte ink)
    {
        for (var y = Math.Max(0, y0); y < Math.Min(height, y0 + size); y++)
            for (var x = Math.Max(0, x0); x < Math.Min(width, x0 + size); x++)
                pixels[y * width + x] = ink;
    }
}
