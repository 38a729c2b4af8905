using Frikommune.Edge.CheckIns;
using System.Globalization;
using System.Text.Json;
using static Frikommune.Edge.Decisions.RejectionReasons;

namespace Frikommune.Edge.Decisions;

/// <summary>
/// Reads the claims of a token whose signature already holds. Order: site, then the subject's shape (so a CPR
/// number stops everything before it could be echoed), then structure, basis, consent and finally time.
/// </summary>
internal sealed class DecisionClaims(string site, TimeSpan maxPeriod)
{
    public TokenResult Read(string token, string kid, KeyScope scope, byte[] payload, DateTimeOffset? now)
    {
        if (!CompactJws.TryParseObject(payload, out var document))
            return TokenResult.Reject(Malformed, "claims are not a JSON object");
        using (document)
        {
            var claims = new ClaimReader(document.RootElement);
            var id = claims.String("jti") is { } j && References.IsSafe(j) ? j : null;
            var tokenSite = claims.String("site");
            if (tokenSite is null) return TokenResult.Reject(InvalidClaims, "site is missing", id);
            if (tokenSite != site) return TokenResult.Reject(WrongSite, $"the token is not for site '{site}'", id);
            if (claims.Has("revokes")) return ReadRevocation(token, kid, claims, id);
            return ReadDecision(token, kid, scope, claims, id, now);
        }
    }

    static TokenResult ReadRevocation(string token, string kid, ClaimReader claims, string? id)
    {
        if (claims.Has("basis") || claims.Has("measures") || claims.Has("sub"))
            return TokenResult.Reject(InvalidClaims, "a revocation carries no decision claims", id);
        if (Common(claims, id) is { } problem) return problem;
        var revokes = claims.String("revokes");
        if (!References.IsSafe(revokes) || revokes == id)
            return TokenResult.Reject(InvalidClaims, "revokes must name another decision id", id);
        var revocation = new Revocation(id!, claims.String("iss")!, claims.String("site")!, kid, claims.Time("iat")!.Value, revokes!);
        return TokenResult.Valid(new VerifiedToken(token, null, revocation));
    }

    TokenResult ReadDecision(string token, string kid, KeyScope scope, ClaimReader claims, string? id, DateTimeOffset? now)
    {
        var sub = claims.String("sub");
        if (References.IsCprLike(sub))
            return TokenResult.Reject(CprLikeSubject, "sub looks like a CPR number; use a pseudonymous reference", id);
        var subject = References.IsSafe(sub) ? sub : null;
        TokenResult Invalid(string detail) => TokenResult.Reject(InvalidClaims, detail, id, subject);

        if (Common(claims, id) is { } problem) return problem with { Rejection = problem.Rejection! with { Subject = subject } };
        if (subject is null) return Invalid("sub must be 1-64 characters of A-Z a-z 0-9 . _ -");
        if (claims.Time("nbf") is not { } nbf) return Invalid("nbf must be a NumericDate");
        if (claims.Time("exp") is not { } exp) return Invalid("exp must be a NumericDate");
        if (exp <= nbf) return Invalid("exp must be after nbf");
        if (exp - nbf > maxPeriod) return Invalid($"the period exceeds {maxPeriod.TotalDays:0} days");
        var basis = claims.String("basis");
        if (basis is null || !Bases.IsKnown(basis)) return Invalid("basis must be one of " + string.Join(", ", Bases.All));
        // Who may sign what is part of trust: checked before anything the basis would allow.
        if (!scope.Allows(basis))
            return TokenResult.Reject(KeyNotAllowed, scope.Problem is { } p ? $"key '{kid}': {p}" : $"key '{kid}' may not sign {basis}", id, subject);
        if (claims.Names("measures", Measures.IsKnown) is not { Count: > 0 } measures) return Invalid("measures must be a non-empty list of known measures");
        if (claims.Names("rooms", References.IsSafe, optional: true) is not { } rooms) return Invalid("rooms must be a list of ids");
        if (claims.Names("doors", References.IsSafe, optional: true) is not { } doors) return Invalid("doors must be a list of ids");
        if (measures.Contains(Measures.DoorOpener) && doors.Count == 0) return Invalid("door-opener needs doors");
        if (measures.Any(m => !Measures.AppliesToDoors(m)) && rooms.Count == 0) return Invalid("room measures need rooms");
        var consent = ReadConsent(claims);
        if (consent is null && (claims.Has("consent") || Bases.RequiresConsent(basis)))
            return Invalid("consent must be {\"by\": known kind, \"date\": \"YYYY-MM-DD\"}");
        var objection = claims.Has("objection") ? claims.String("objection") : ObjectionEffects.Suspends;
        if (objection is null || !ObjectionEffects.IsKnown(objection)) return Invalid("objection must be \"suspends\" or \"continues\"");
        CheckInTerms? checkIn = null;
        if (claims.Has("checkin") && (checkIn = ReadCheckIn(claims)) is null) return Invalid("checkin is not valid");
        if (checkIn is null && measures.Any(Measures.IsCheckIn)) return Invalid("checkin is required with video-checkin or audio-checkin");

        if (measures.FirstOrDefault(m => !Bases.Allows(basis, m)) is { } notAllowed)
            return TokenResult.Reject(BasisMismatch, $"{basis} does not allow {notAllowed}", id, subject);
        if (consent is not null && !Bases.AcceptsConsentBy(basis, consent.By))
            return TokenResult.Reject(ConsentMismatch, $"consent by {consent.By} does not fit {basis}", id, subject);
        // §§ 14–14f: an objection always suspends; only the serviceloven decision-maker may weigh it otherwise.
        if (objection == ObjectionEffects.Continues && Bases.Rule(basis)!.ObjectionMayContinue is false)
            return TokenResult.Reject(BasisMismatch, $"under {basis} an objection always suspends", id, subject);
        if (now is { } at && exp <= at)
            return TokenResult.Reject(Expired, $"ended {Clock.IsoTime.Format(exp)}", id, subject);

        var decision = new Decision(id!, claims.String("iss")!, subject, site, kid, claims.Time("iat")!.Value, nbf, exp,
            basis, measures, rooms, doors, consent, checkIn, objection);
        return TokenResult.Valid(new VerifiedToken(token, decision, null));
    }

    static TokenResult? Common(ClaimReader claims, string? id)
    {
        if (id is null) return TokenResult.Reject(InvalidClaims, "jti must be 1-64 characters of A-Z a-z 0-9 . _ -");
        if (string.IsNullOrEmpty(claims.String("iss"))) return TokenResult.Reject(InvalidClaims, "iss is missing", id);
        if (claims.Time("iat") is null) return TokenResult.Reject(InvalidClaims, "iat must be a NumericDate", id);
        return null;
    }

    static Consent? ReadConsent(ClaimReader claims)
    {
        if (claims.Object("consent") is not { } consent) return null;
        var by = consent.String("by");
        var date = consent.String("date");
        if (by is null || !ConsentKinds.IsKnown(by) || date is null) return null;
        return DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? new Consent(by, d) : null;
    }

    static CheckInTerms? ReadCheckIn(ClaimReader claims)
    {
        if (claims.Object("checkin") is not { } c) return null;
        if (c.Integer("maxSeconds") is not { } max || max is < 1 or > int.MaxValue) return null;
        if (c.Integer("minGapSeconds") is not { } gap || gap is < 0 or > int.MaxValue) return null;
        if (c.Integer("maxPer24h") is not { } per24h || per24h is < 1 or > int.MaxValue) return null;
        if (c.Names("triggers", CheckInTriggers.IsKnown) is not { Count: > 0 } triggers) return null;
        return new CheckInTerms((int)max, (int)gap, (int)per24h, triggers);
    }
}
