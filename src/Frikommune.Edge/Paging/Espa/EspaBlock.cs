namespace Frikommune.Edge.Paging.Espa;

/// <summary>
/// An ESPA 4.4.4 data block (§ 4.1): <c>SOH header STX id US data RS id US data … ETX BCC</c>. The block check
/// character is the XOR of every character after SOH up to and including ETX (ISO 1155, § 3.5).
/// </summary>
public sealed record EspaBlock(char Header, IReadOnlyList<KeyValuePair<char, string>> Records)
{
    /// <summary>The spec leaves the block length open; paging systems commonly take ≤ 256 characters.</summary>
    public const int MaxLength = 256;

    public string? Find(char id) => Records.FirstOrDefault(r => r.Key == id).Value;

    public static byte Bcc(ReadOnlySpan<byte> afterSohThroughEtx)
    {
        byte bcc = 0;
        foreach (var b in afterSohThroughEtx) bcc ^= b;
        return bcc;
    }

    /// <summary>The bytes on the line. Record data must already be 7-bit (see <see cref="EspaText"/>).</summary>
    public byte[] Encode()
    {
        var bytes = new List<byte>(64) { EspaChars.Soh, (byte)Header, EspaChars.Stx };
        for (var i = 0; i < Records.Count; i++)
        {
            if (i > 0) bytes.Add(EspaChars.Rs);
            bytes.Add((byte)Records[i].Key);
            bytes.Add(EspaChars.Us);
            foreach (var c in Records[i].Value)
            {
                if (c is < ' ' or > '~') throw new ArgumentException($"record {Records[i].Key} holds a character outside 7-bit IA5 text");
                bytes.Add((byte)c);
            }
        }
        bytes.Add(EspaChars.Etx);
        bytes.Add(Bcc(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes)[1..]));
        if (bytes.Count > MaxLength) throw new ArgumentException($"block of {bytes.Count} characters is over {MaxLength}");
        return bytes.ToArray();
    }

    /// <summary>Reads a whole block, SOH through BCC. False when the framing or the BCC is wrong.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> frame, out EspaBlock? block)
    {
        block = null;
        if (frame.Length < 5 || frame[0] != EspaChars.Soh || frame[2] != EspaChars.Stx || frame[^2] != EspaChars.Etx) return false;
        if (Bcc(frame[1..^1]) != frame[^1]) return false;
        var records = new List<KeyValuePair<char, string>>();
        var body = frame[3..^2];
        while (body.Length > 0)
        {
            var end = body.IndexOf(EspaChars.Rs);
            var record = end < 0 ? body : body[..end];
            if (record.Length < 2 || record[1] != EspaChars.Us) return false;
            records.Add(new((char)record[0], System.Text.Encoding.ASCII.GetString(record[2..])));
            body = end < 0 ? [] : body[(end + 1)..];
        }
        block = new EspaBlock((char)frame[1], records);
        return true;
    }
}
