using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Frikommune.Edge.Decisions;

/// <summary>The three parts of a JWS in compact serialization (RFC 7515 § 7.1), decoded but not yet trusted.</summary>
internal sealed record CompactJws(string SigningInput, byte[] Header, byte[] Payload, byte[] Signature)
{
    /// <summary>Far above any real decision; bounds the work a hostile message can cause.</summary>
    public const int MaxLength = 16 * 1024;

    public static bool TryParse(string token, out CompactJws jws, out string problem)
    {
        jws = null!;
        problem = "";
        if (token.Length is 0 or > MaxLength) { problem = "empty or too long"; return false; }
        foreach (var c in token)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')) { problem = "not a compact JWS (unexpected character)"; return false; }
        var parts = token.Split('.');
        if (parts.Length != 3) { problem = "not a compact JWS (need three parts)"; return false; }
        if (!TryDecode(parts[0], out var header) || !TryDecode(parts[1], out var payload) || !TryDecode(parts[2], out var signature))
        { problem = "a part is not base64url"; return false; }
        jws = new CompactJws(token[..(parts[0].Length + 1 + parts[1].Length)], header, payload, signature);
        return true;
    }

    /// <summary>
    /// The <c>alg</c> of a token whose other parts may not parse (an unsecured JWS has an empty signature part);
    /// null when even the header cannot be read as a strict JSON object with a string <c>alg</c>.
    /// </summary>
    public static string? HeaderAlg(string token)
    {
        if (token.Length is 0 or > MaxLength) return null;
        var dot = token.IndexOf('.');
        if (dot <= 0 || !TryDecode(token[..dot], out var header) || !TryParseObject(header, out var document)) return null;
        using (document)
            return document.RootElement.TryGetProperty("alg", out var alg) && alg.ValueKind == JsonValueKind.String ? alg.GetString() : null;
    }

    public static string Encode(ReadOnlySpan<byte> bytes) => Base64Url.EncodeToString(bytes);

    static bool TryDecode(string part, out byte[] bytes)
    {
        bytes = [];
        if (part.Length == 0 || part.Length % 4 == 1) return false;
        // Only the canonical encoding: otherwise one signed token has several spellings, each a "different token".
        try { bytes = Base64Url.DecodeFromChars(part); return Base64Url.EncodeToString(bytes) == part; }
        catch (FormatException) { return false; }
    }

    /// <summary>Duplicate member names are refused: two readers of one token must never see different claims.</summary>
    public static readonly JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false, MaxDepth = 8 };

    public static bool TryParseObject(byte[] utf8, out JsonDocument document)
    {
        document = null!;
        // JsonDocument checks UTF-8 only when a string is read; a hostile header must fail here, not throw later.
        if (!System.Text.Unicode.Utf8.IsValid(utf8)) return false;
        try
        {
            document = JsonDocument.Parse(utf8, StrictJson);
            if (document.RootElement.ValueKind == JsonValueKind.Object) return true;
            document.Dispose();
            return false;
        }
        catch (JsonException) { return false; }
    }

    public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);
}
