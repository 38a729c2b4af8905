using CsCheck;
using Frikommune.Edge.Decisions;
using static Frikommune.Edge.Tests.Decisions.DecisionTestKit;

namespace Frikommune.Edge.Tests.Decisions;

public sealed class TokenMutationProperties : IDisposable
{
    const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
    readonly DecisionTestKit _kit = new();

    public void Dispose() => _kit.Dispose();

    [Fact]
    public void No_single_character_change_to_a_signed_token_is_accepted()
    {
        var token = _kit.Sign(Claims());
        var verifier = _kit.Verifier();
        Assert.True(verifier.Verify(token, Now).IsValid);

        Gen.Select(Gen.Int[0, token.Length - 1], Gen.Int[0, Alphabet.Length - 1])
            .Where((at, c) => token[at] != Alphabet[c])
            .Sample((at, c) =>
            {
                var mutated = token[..at] + Alphabet[c] + token[(at + 1)..];
                return !verifier.Verify(mutated, Now).IsValid;
            }, iter: 2000);
    }
}
