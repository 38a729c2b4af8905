using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Unicode;
using Frikommune.Edge.Decisions;

namespace Frikommune.Edge.StaffCommands;

/// <summary>A command whose signature, issuer, time and uniqueness held; <see cref="Claims"/> is its JSON claims object.</summary>
public sealed record VerifiedCommand(string Device, string Jti, byte[] Claims);

/// <summary>The outcome of <see cref="StaffCommandCheck.Check"/>: a command, or a refusal code and who it came from.</summary>
public sealed record CommandVerdict(VerifiedCommand? Command, string? Refusal, string Source)
{
    public static CommandVerdict Refuse(string refusal, string source = CommandRefusals.UnknownSource) => new(null, refusal, source);
}

/// <summary>
/// Is a staff command (a compact ES256 JWS, CONTRACT § 4) to be carried out? Pure: the device keys come from a
/// lookup, time is passed in. The signature is checked by the same code as decision tokens; then <c>iss</c> must be
/// the key's device, and <c>iat</c>/<c>jti</c> pass <see cref="CommandFreshness"/>. A refusal names its source only
/// when the key is registered, so a stranger cannot invent sources.
/// </summary>
public sealed class StaffCommandCheck(Func<string, ECDsa?> deviceKey, CommandFreshness freshness)
{
    public CommandVerdict Check(ReadOnlySpan<byte> payload, DateTimeOffset now)
    {
        if (payload.Length is 0 or > CompactJws.MaxLength || !Utf8.IsValid(payload))
            return CommandVerdict.Refuse(CommandRefusals.Malformed);
        if (payload.TrimStart(" \t\r\n"u8) is [(byte)'{', ..]) return CommandVerdict.Refuse(CommandRefusals.Unsigned);
        var token = System.Text.Encoding.UTF8.GetString(payload).Trim();
        Es256Jws.Opened opened;
        try
        {
            if (Es256Jws.TryOpen(token, deviceKey, out opened) is { } refused)
                return CommandVerdict.Refuse(refused.Reason, refused.Reason == CommandRefusals.BadSignature ? KidOf(token) : CommandRefusals.UnknownSource);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or CryptographicException)
        {
            return CommandVerdict.Refuse(CommandRefusals.Malformed);
        }
        return Claims(opened, now);
    }

    CommandVerdict Claims(Es256Jws.Opened opened, DateTimeOffset now)
    {
        var device = opened.Kid;
        if (!CompactJws.TryParseObject(opened.Claims, out var document)) return CommandVerdict.Refuse(CommandRefusals.InvalidClaims, device);
        using (document)
        {
            var root = document.RootElement;
            if (!root.TryGetProperty("iss", out var iss) || iss.ValueKind != JsonValueKind.String || iss.GetString() != device
                || !root.TryGetProperty("jti", out var jti) || jti.ValueKind != JsonValueKind.String || !References.IsSafe(jti.GetString())
                || !root.TryGetProperty("iat", out var iat) || !iat.TryGetInt64(out var issuedAt)
                || issuedAt is < 0 or > 253402300799)
                return CommandVerdict.Refuse(CommandRefusals.InvalidClaims, device);
            var jtiText = jti.GetString()!;
            if (freshness.Admit(device, jtiText, DateTimeOffset.FromUnixTimeSeconds(issuedAt), now) is { } stale)
                return CommandVerdict.Refuse(stale, device);
            return new CommandVerdict(new VerifiedCommand(device, jtiText, opened.Claims), null, device);
        }
    }

    /// <summary>The kid of a token whose key exists but whose signature failed: a registered device, so a bounded source.</summary>
    static string KidOf(string token)
    {
        if (!CompactJws.TryParse(token, out var jws, out _) || !CompactJws.TryParseObject(jws.Header, out var header))
            return CommandRefusals.UnknownSource;
        using (header)
            return header.RootElement.TryGetProperty("kid", out var kid) && kid.ValueKind == JsonValueKind.String
                ? kid.GetString()! : CommandRefusals.UnknownSource;
    }
}
