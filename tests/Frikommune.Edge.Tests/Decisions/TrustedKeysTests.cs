using System.Security.Cryptography;
using Frikommune.Edge.Decisions;
using static Frikommune.Edge.Tests.Decisions.DecisionTestKit;
using Frikommune.Edge.Simulation;

namespace Frikommune.Edge.Tests.Decisions;

public sealed class TrustedKeysTests : IDisposable
{
    readonly DecisionTestKit _kit = new();
    readonly string _dir = Directory.CreateTempSubdirectory("trust-").FullName;
    readonly TrustedKeys _keys;

    public TrustedKeysTests() => _keys = new TrustedKeys(_dir);

    public void Dispose()
    {
        _keys.Dispose();
        _kit.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    void Write(string kid, string pem) => File.WriteAllText(Path.Combine(_dir, kid + ".pem"), pem);

    [Fact]
    public void A_public_key_pem_in_the_folder_verifies_tokens_of_its_kid()
    {
        Write(Kid, _kit.Key.ExportSubjectPublicKeyInfoPem());
        var verifier = new TokenVerifier(_keys.Find, Site, 366);

        Assert.True(verifier.Verify(_kit.Sign(Claims()), Now).IsValid);
    }

    [Fact]
    public void A_key_removed_from_the_folder_is_not_trusted_any_more()
    {
        Write(Kid, _kit.Key.ExportSubjectPublicKeyInfoPem());
        Assert.NotNull(_keys.Find(Kid));

        File.Delete(Path.Combine(_dir, Kid + ".pem"));

        Assert.Null(_keys.Find(Kid));
    }

    [Fact]
    public void A_private_key_or_garbage_in_the_folder_is_not_a_trusted_key()
    {
        Write("private", _kit.Key.ExportECPrivateKeyPem());
        Write("garbage", "-----BEGIN PUBLIC KEY-----\nnot base64\n-----END PUBLIC KEY-----\n");
        Write("empty", "");

        Assert.Null(_keys.Find("private"));
        Assert.Null(_keys.Find("garbage"));
        Assert.Null(_keys.Find("empty"));
    }

    [Fact]
    public void A_key_on_another_curve_is_not_trusted()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        Write("p384", p384.ExportSubjectPublicKeyInfoPem());

        Assert.Null(_keys.Find("p384"));
    }

    [Fact]
    public void A_kid_that_would_leave_the_folder_is_not_read()
    {
        var outside = Path.Combine(Path.GetDirectoryName(_dir)!, "outside-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(outside + ".pem", _kit.Key.ExportSubjectPublicKeyInfoPem());
        try { Assert.Null(_keys.Find("../" + Path.GetFileName(outside))); }
        finally { File.Delete(outside + ".pem"); }
    }

    [Fact]
    public void The_demo_kid_is_trusted_only_from_memory()
    {
        Write(DemoDecisions.KeyId, _kit.Key.ExportSubjectPublicKeyInfoPem());
        Assert.Null(_keys.Find(DemoDecisions.KeyId));

        _keys.AddInMemory(DemoDecisions.KeyId, _kit.Key);

        Assert.Same(_kit.Key, _keys.Find(DemoDecisions.KeyId));
    }
}
