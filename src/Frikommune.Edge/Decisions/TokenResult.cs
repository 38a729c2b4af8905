namespace Frikommune.Edge.Decisions;

/// <summary>Why a token was refused; the codes are part of the external contract (CONTRACT § 3).</summary>
public static class RejectionReasons
{
    public const string Malformed = "malformed";
    public const string AlgNotAllowed = "alg-not-allowed";
    public const string UnknownKey = "unknown-key";
    public const string BadSignature = "bad-signature";
    public const string WrongSite = "wrong-site";
    public const string InvalidClaims = "invalid-claims";
    public const string BasisMismatch = "basis-mismatch";
    public const string ConsentMismatch = "consent-mismatch";
    public const string CprLikeSubject = "cpr-like-subject";
    public const string KeyNotAllowed = "key-not-allowed";
    public const string Expired = "expired";
    public const string Duplicate = "duplicate";
}

/// <summary>
/// A refused token. <see cref="Id"/> and <see cref="Subject"/> are filled only once the signature held and
/// the value is a safe reference, so a forgery cannot plant text in the audit trail and a CPR number never travels.
/// </summary>
public sealed record TokenRejection(string Reason, string Detail, string? Id = null, string? Subject = null);

/// <summary>A token whose signature and claims hold: exactly one of <see cref="Decision"/> or <see cref="Revocation"/>.</summary>
public sealed record VerifiedToken(string Token, Decision? Decision, Revocation? Revocation)
{
    public string Id => Decision?.Id ?? Revocation!.Id;
}

/// <summary>The outcome of <see cref="TokenVerifier.Verify"/>.</summary>
public sealed record TokenResult(VerifiedToken? Verified, TokenRejection? Rejection)
{
    public bool IsValid => Verified is not null;

    public static TokenResult Valid(VerifiedToken token) => new(token, null);

    public static TokenResult Reject(string reason, string detail, string? id = null, string? subject = null) =>
        new(null, new TokenRejection(reason, detail, id, subject));
}
