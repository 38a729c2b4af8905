using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frikommune.Edge.Decisions;

/// <summary>A cached token that did not verify against today's keys and rules, so it is not in force.</summary>
public sealed record SkippedToken(string Id, string Reason, string Detail);

/// <summary>Fills the registry at start from the cache, re-verifying every token against the keys trusted now.</summary>
public static class CachedDecisions
{
    public static IReadOnlyList<SkippedToken> LoadInto(DecisionRegistry registry, IDecisionStore store, TokenVerifier verifier, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        var decisions = new List<Decision>();
        var revoked = new List<string>();
        var skipped = new List<SkippedToken>();
        foreach (var cached in store.LoadAll())
        {
            var result = verifier.Reverify(cached.Token);
            if (cached.IsRevocation)
                // Verified at import; withdrawing a key must not bring a revoked decision back (rule 5).
                revoked.Add(result.Verified?.Revocation?.Revokes ?? cached.Revokes!);
            else if (result.Verified?.Decision is { } decision)
                decisions.Add(decision);
            if (result.Rejection is { } r)
            {
                skipped.Add(new SkippedToken(cached.Id, r.Reason, r.Detail));
                logger.LogWarning("Cached token {Id} is not trusted any more: {Reason} {Detail}", cached.Id, r.Reason, r.Detail);
            }
        }
        registry.Load(decisions, revoked);
        return skipped;
    }
}
