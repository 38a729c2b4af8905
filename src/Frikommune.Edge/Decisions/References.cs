using System.Buffers;
using System.Text.RegularExpressions;

namespace Frikommune.Edge.Decisions;

/// <summary>
/// The one id rule of the gateway (CONTRACT § 3: 1–64 characters of <c>[A-Za-z0-9._-]</c>) for decision ids, resident
/// references, rooms, doors, sensors, staff and users alike, and the CPR numbers a reference must never be.
/// </summary>
public static partial class References
{
    public const int MaxLength = 64;
    static readonly SearchValues<char> Allowed = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");

    // A CPR number: DDMMYY-SSSS, with or without the dash.
    [GeneratedRegex(@"^[0-9]{6}-?[0-9]{4}$")]
    private static partial Regex CprPattern();

    [GeneratedRegex(@"(?<![0-9])[0-9]{6}-?[0-9]{4}(?![0-9])")]
    private static partial Regex CprInText();

    // Not a regex with '$': that would also let a trailing newline through into logs and topics.
    public static bool IsSafe(string? value) => value is { Length: >= 1 and <= MaxLength } && !value.AsSpan().ContainsAnyExcept(Allowed);

    public static bool IsCprLike(string? value) => value is not null && CprPattern().IsMatch(value);

    /// <summary>A reference fit for logs and the audit trail: safe in shape and not a CPR number.</summary>
    public static string? Loggable(string? value) => IsSafe(value) && !IsCprLike(value) ? value : null;

    /// <summary>Masks anything in free text (a file name, a topic) that could be a CPR number.</summary>
    public static string Scrub(string text) => CprInText().Replace(text, "[cpr-like]");

    /// <summary>A key id that can name a file in the trust folder without leaving it or hiding.</summary>
    public static bool IsSafeKeyId(string? kid) => IsSafe(kid) && kid![0] != '.';
}
