namespace Frikommune.Edge.Decisions;

public enum StoreOutcome { Added, Unchanged, Duplicate }

/// <summary>A cached token as read back; it is trusted again only after <see cref="TokenVerifier.Reverify"/>.</summary>
public sealed record CachedToken(string Id, string Token, string? Revokes)
{
    public bool IsRevocation => Revokes is not null;
}

/// <summary>
/// The local cache of accepted decision tokens, so the unit keeps working without the municipality's network.
/// Only verified tokens come in; what comes out is verified again before it is trusted.
/// </summary>
public interface IDecisionStore
{
    /// <summary>One id names one token: the identical token again changes nothing, another token with that id is a duplicate.</summary>
    StoreOutcome Add(VerifiedToken verified, DateTimeOffset at, string source);

    IReadOnlyList<CachedToken> LoadAll();

    /// <summary>True the first time the expiry of <paramref name="id"/> is marked as audited.</summary>
    bool MarkExpiryAudited(string id, DateTimeOffset at);

    IReadOnlySet<string> ExpiryAudited();

    /// <summary>Forgets every token signed by <paramref name="kid"/> (the demo key of a previous simulated run).</summary>
    int ForgetSignedBy(string kid);

    /// <summary>A cheap fingerprint of the cache, to notice tokens another process (the CLI) stored.</summary>
    string Fingerprint();
}
