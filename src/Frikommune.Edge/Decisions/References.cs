using System.Text.RegularExpressions;

namespace Frikommune.Edge.Decisions;

/// <summary>The shape of ids and pseudonymous resident references, and the CPR numbers they must never be.</summary>
public static partial class References
{
    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex SafePattern();

    // A CPR number: DDMMYY-SSSS, with or without the dash.
    [GeneratedRegex(@"^[0-9]{6}-?[0-9]{4}$")]
    private static partial Regex CprPattern();

    [GeneratedRegex(@"(?<![0-9])[0-9]{6}-?[0-9]{4}(?![0-9])")]
    private static partial Regex CprInText();

    public static bool IsSafe(string? value) => value is not null && SafePattern().IsMatch(value);

    public static bool IsCprLike(string? value) => value is not null && CprPattern().IsMatch(value);

    /// <summary>A reference fit for logs and the audit trail: safe in shape and not a CPR number.</summary>
    public static string? Loggable(string? value) => IsSafe(value) && !IsCprLike(value) ? value : null;

    /// <summary>Masks anything in free text (a file name, a topic) that could be a CPR number.</summary>
    public static string Scrub(string text) => CprInText().Replace(text, "[cpr-like]");

    /// <summary>A key id that can name a file in the trust folder without leaving it or hiding.</summary>
    public static bool IsSafeKeyId(string? kid) => IsSafe(kid) && kid![0] != '.';
}
