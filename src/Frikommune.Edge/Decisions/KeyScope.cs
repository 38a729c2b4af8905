using System.Text.Json;

namespace Frikommune.Edge.Decisions;

/// <summary>
/// Who a trusted key belongs to and which bases it may sign (<c>TrustedKeysPath/&lt;kid&gt;.json</c>,
/// <c>{"issuer":"…","bases":[…]}</c>). Without that file a key may sign every basis but those only a named
/// signer may sign: a municipality's key must not make a § 128 b stk. 1 kamerakig valid.
/// </summary>
public sealed record KeyScope(string? Issuer, IReadOnlyList<string> SignableBases, string? Problem = null)
{
    /// <summary>Far above any real scope file; a larger one is refused rather than read.</summary>
    public const int MaxFileBytes = 4096;
    const int MaxIssuerLength = 128;

    public static readonly KeyScope Default = new(null, Bases.SignableByDefault);

    public bool Allows(string basis) => SignableBases.Contains(basis, StringComparer.Ordinal);

    /// <summary>A file that cannot be read limits the key to nothing: a broken limit must not widen trust.</summary>
    public static KeyScope Broken(string problem) => new(null, [], problem);

    public static KeyScope Parse(ReadOnlySpan<byte> json)
    {
        if (json.Length > MaxFileBytes) return Broken("the file is too large");
        if (!CompactJws.TryParseObject(json.ToArray(), out var document)) return Broken("not a JSON object");
        using (document)
        {
            var claims = new ClaimReader(document.RootElement);
            var issuer = claims.String("issuer");
            if (issuer is not { Length: > 0 and <= MaxIssuerLength }) return Broken($"issuer must be 1-{MaxIssuerLength} characters");
            if (claims.Names("bases", Bases.IsKnown) is not { } bases)
                return Broken("bases must be a list of distinct known bases: " + string.Join(", ", Bases.All));
            return new KeyScope(issuer, bases);
        }
    }
}
