using Frikommune.Edge.Audit;
using Frikommune.Edge.Clock;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frikommune.Edge.Decisions;

/// <summary>
/// Takes in one decision or revocation token, from a file (CLI) or a retained MQTT message alike:
/// verify → one id, one token → store → registry → audit.
/// </summary>
public sealed class DecisionImporter(
    TokenVerifier verifier, IDecisionStore store, DecisionRegistry registry, IAuditTrail audit, TimeProvider time,
    ILogger<DecisionImporter>? logger = null, Func<string, string?>? doorKindOf = null)
{
    readonly ILogger _log = logger ?? NullLogger<DecisionImporter>.Instance;

    /// <param name="source">Where the token came from (file or topic); recorded, with anything CPR-like masked.</param>
    /// <param name="auditRejection">Whether a rejection is audited (default: always); MQTT bounds how often strangers are.</param>
    public async Task<ImportVerdict> ImportAsync(string token, string source, CancellationToken cancellationToken = default,
        Func<TokenRejection, bool>? auditRejection = null)
    {
        source = References.Scrub(source);
        var now = time.GetUtcNow();
        var result = verifier.Verify(token.Trim(), now);
        if (result.Rejection is { } rejection)
            return await RejectAsync(rejection, source, cancellationToken, auditRejection);
        var verified = result.Verified!;
        switch (store.Add(verified, now, source))
        {
            case StoreOutcome.Unchanged:
                return new ImportVerdict(ImportOutcome.Unchanged, verified.Id) { IsRevocation = verified.Revocation is not null };
            case StoreOutcome.Duplicate:
                var subject = verified.Decision is { } d ? References.Loggable(d.Subject) : null;
                return await RejectAsync(new TokenRejection(RejectionReasons.Duplicate,
                    $"id '{verified.Id}' is already cached with a different token", verified.Id, subject), source, cancellationToken, auditRejection);
        }
        if (verified.Decision is { } decision)
        {
            registry.Add(decision);
            var refused = doorKindOf is null ? [] : DoorKindCheck.RefusedDoors(decision, doorKindOf);
            await audit.AppendAsync(Imported(decision, source, refused), cancellationToken);
            _log.LogInformation("Decision {Decision} imported from {Source}", decision.Id, source);
            var warnings = refused.Select(r => DoorKindCheck.Explain(decision, r.Door, r.Kind)).ToArray();
            foreach (var warning in warnings) _log.LogWarning("{Warning}", warning);
            return new ImportVerdict(ImportOutcome.Accepted, decision.Id) { Warnings = warnings };
        }
        var revocation = verified.Revocation!;
        registry.Revoke(revocation.Revokes);
        await audit.AppendAsync(Revoked(revocation, source), cancellationToken);
        _log.LogInformation("Decision {Decision} revoked by {Revocation} from {Source}", revocation.Revokes, revocation.Id, source);
        return new ImportVerdict(ImportOutcome.Accepted, revocation.Id) { IsRevocation = true };
    }

    async Task<ImportVerdict> RejectAsync(TokenRejection rejection, string source, CancellationToken cancellationToken,
        Func<TokenRejection, bool>? auditRejection)
    {
        // The verifier never echoes a subject into Detail; scrubbing again guards what a future message might say.
        var detail = References.Scrub(rejection.Detail);
        if (auditRejection?.Invoke(rejection) == false) return new ImportVerdict(ImportOutcome.Rejected, rejection.Id, rejection.Reason, detail);
        await audit.AppendAsync(new AuditEntry(DecisionAuditKinds.Rejected)
        {
            Refs = new AuditRefs(Decision: rejection.Id, Resident: References.Loggable(rejection.Subject)),
            Details = new Dictionary<string, string?> { ["reason"] = rejection.Reason, ["detail"] = detail, ["source"] = source },
        }, cancellationToken);
        _log.LogWarning("Decision token from {Source} rejected: {Reason} {Detail}", source, rejection.Reason, detail);
        return new ImportVerdict(ImportOutcome.Rejected, rejection.Id, rejection.Reason, detail);
    }

    static AuditEntry Imported(Decision d, string source, IReadOnlyList<(string Door, string Kind)> refused) => new(DecisionAuditKinds.Imported)
    {
        Refs = new AuditRefs(Decision: d.Id, Resident: d.Subject),
        Details = new Dictionary<string, string?>
        {
            ["basis"] = d.Basis, ["measures"] = string.Join(',', d.Measures),
            ["rooms"] = string.Join(',', d.Rooms), ["doors"] = string.Join(',', d.Doors),
            ["nbf"] = IsoTime.Format(d.NotBefore), ["exp"] = IsoTime.Format(d.Expires),
            ["consentBy"] = d.Consent?.By, ["objection"] = d.Objection, ["issuer"] = d.Issuer, ["kid"] = d.KeyId, ["source"] = source,
            ["doorsNotAllowed"] = refused.Count == 0 ? null : string.Join(',', refused.Select(r => r.Door)),
        },
    };

    AuditEntry Revoked(Revocation r, string source)
    {
        var known = registry.TryGet(r.Revokes, out var decision, out _);
        return new AuditEntry(DecisionAuditKinds.Revoked)
        {
            Refs = new AuditRefs(Decision: r.Revokes, Resident: known ? decision.Subject : null),
            Details = new Dictionary<string, string?>
            {
                ["revocation"] = r.Id, ["known"] = known ? "true" : "false",
                ["issuer"] = r.Issuer, ["kid"] = r.KeyId, ["source"] = source,
            },
        };
    }
}
