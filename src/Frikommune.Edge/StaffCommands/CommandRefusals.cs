namespace Frikommune.Edge.StaffCommands;

/// <summary>
/// Why a staff command was not carried out (CONTRACT § 4). The first four are the token codes of § 3; the set is
/// closed, so metric labels and audit kinds stay bounded whatever a stranger publishes.
/// </summary>
public static class CommandRefusals
{
    /// <summary>A bare JSON command, as before commands were signed.</summary>
    public const string Unsigned = "unsigned";
    public const string Malformed = Decisions.RejectionReasons.Malformed;
    public const string AlgNotAllowed = Decisions.RejectionReasons.AlgNotAllowed;
    public const string UnknownKey = Decisions.RejectionReasons.UnknownKey;
    public const string BadSignature = Decisions.RejectionReasons.BadSignature;
    /// <summary>Signed, but <c>iss</c>, <c>iat</c> or <c>jti</c> is missing, of the wrong type, or <c>iss</c> is not the key's device.</summary>
    public const string InvalidClaims = Decisions.RejectionReasons.InvalidClaims;
    /// <summary><c>iat</c> more than <see cref="CommandFreshness.MaxSkew"/> from the gateway's clock, or before the gateway started.</summary>
    public const string Stale = "stale";
    /// <summary>The device's <c>jti</c> was already seen within <see cref="CommandFreshness.Remember"/>.</summary>
    public const string Replayed = "replayed";
    /// <summary>More fresh commands than the replay memory can hold: refused rather than forgotten.</summary>
    public const string TooMany = "too-many";

    public static readonly IReadOnlyList<string> All =
        [Unsigned, Malformed, AlgNotAllowed, UnknownKey, BadSignature, InvalidClaims, Stale, Replayed, TooMany];

    /// <summary>The source of a refusal whose key is not registered: one bucket for every stranger.</summary>
    public const string UnknownSource = "unknown";
}
