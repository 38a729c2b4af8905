using Frikommune.Edge.Decisions;
using static Frikommune.Edge.Tests.Decisions.DecisionTestKit;

namespace Frikommune.Edge.Tests.Decisions;

/// <summary>Who may sign what: <c>TrustedKeysPath/&lt;kid&gt;.json</c> limits a key (CONTRACT § 3).</summary>
public sealed class KeyScopeTests : IDisposable
{
    const string Naevn = "naevn-2026";
    readonly DecisionTestKit _kit = new();
    readonly string _dir = Directory.CreateTempSubdirectory("trust-").FullName;
    readonly TrustedKeys _keys;

    public KeyScopeTests()
    {
        _keys = new TrustedKeys(_dir);
        File.WriteAllText(Path.Combine(_dir, Kid + ".pem"), _kit.Key.ExportSubjectPublicKeyInfoPem());
        File.WriteAllText(Path.Combine(_dir, Naevn + ".pem"), _kit.Key.ExportSubjectPublicKeyInfoPem());
    }

    public void Dispose()
    {
        _keys.Dispose();
        _kit.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    TokenResult Verify(object claims, string kid) =>
        new TokenVerifier(_keys.Find, Site, 366, _keys.ScopeOf).Verify(_kit.Sign(claims, kid), Now);

    void Scope(string kid, string json) => File.WriteAllText(Path.Combine(_dir, kid + ".json"), json);

    static Dictionary<string, object?> Kamerakig() => new(Claims())
    {
        ["basis"] = "SEL§128b-1", ["measures"] = new[] { "video-checkin" },
    };

    static Dictionary<string, object?> Sensors() => new(Claims())
    {
        ["basis"] = "SEL§128b-2", ["measures"] = new[] { "sleep-monitoring" },
    };

    [Fact]
    public void A_municipal_key_without_a_scope_file_signing_kamerakig_is_key_not_allowed()
    {
        var result = Verify(Kamerakig(), Kid);

        Assert.Equal(RejectionReasons.KeyNotAllowed, result.Rejection?.Reason);
    }

    [Fact]
    public void A_municipal_key_without_a_scope_file_signs_every_other_basis()
    {
        Assert.True(Verify(Sensors(), Kid).IsValid);
        Assert.True(Verify(Claims(), Kid).IsValid);
    }

    [Fact]
    public void A_key_whose_scope_names_kamerakig_makes_it_valid_and_nothing_else()
    {
        Scope(Naevn, """{"issuer":"Det Socialfaglige Nævn","bases":["SEL§128b-1"]}""");

        Assert.True(Verify(Kamerakig(), Naevn).IsValid);
        Assert.Equal(RejectionReasons.KeyNotAllowed, Verify(Sensors(), Naevn).Rejection?.Reason);
        Assert.Equal("Det Socialfaglige Nævn", _keys.ScopeOf(Naevn).Issuer);
    }

    [Fact]
    public void A_municipal_key_with_a_scope_file_is_limited_to_the_bases_it_names()
    {
        Scope(Kid, """{"issuer":"Herning Kommune","bases":["SEL§125","SEL§128b-2"]}""");

        Assert.True(Verify(Sensors(), Kid).IsValid);
        Assert.Equal(RejectionReasons.KeyNotAllowed, Verify(Claims(), Kid).Rejection?.Reason);
        Assert.Equal(RejectionReasons.KeyNotAllowed, Verify(Kamerakig(), Kid).Rejection?.Reason);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"issuer":"x","bases":["§99"]}""")]
    [InlineData("""{"issuer":"x","bases":"SEL§125"}""")]
    [InlineData("""{"bases":["SEL§125"]}""")]
    [InlineData("""{"issuer":"x","bases":["SEL§125","SEL§125"]}""")]
    public void A_scope_file_that_cannot_be_read_lets_the_key_sign_nothing(string json)
    {
        Scope(Kid, json);

        var result = Verify(Sensors(), Kid);

        Assert.Equal(RejectionReasons.KeyNotAllowed, result.Rejection?.Reason);
        Assert.NotNull(_keys.ScopeOf(Kid).Problem);
    }

    [Fact]
    public void A_scope_file_changed_on_disk_is_read_again()
    {
        Scope(Kid, """{"issuer":"Herning Kommune","bases":["SEL§125"]}""");
        Assert.False(Verify(Sensors(), Kid).IsValid);

        Scope(Kid, """{"issuer":"Herning Kommune","bases":["SEL§128b-2"]}""");
        File.SetLastWriteTimeUtc(Path.Combine(_dir, Kid + ".json"), DateTime.UtcNow.AddMinutes(1));

        Assert.True(Verify(Sensors(), Kid).IsValid);
    }

    [Fact]
    public void A_revocation_needs_no_basis_and_any_trusted_key_may_sign_one()
    {
        Scope(Naevn, """{"issuer":"Det Socialfaglige Nævn","bases":["SEL§128b-1"]}""");

        Assert.True(Verify(RevocationClaims("d-1"), Naevn).IsValid);
    }
}
