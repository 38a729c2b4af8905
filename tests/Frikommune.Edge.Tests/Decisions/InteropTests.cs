using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Frikommune.Edge.Decisions;
using static Frikommune.Edge.Tests.Decisions.DecisionTestKit;

namespace Frikommune.Edge.Tests.Decisions;

/// <summary>A token signed by another tool (Python's cryptography, or OpenSSL) verifies: the wire format is the standard one.</summary>
public sealed class InteropTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("decisions-interop-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_token_signed_outside_dotnet_verifies()
    {
        var claims = Json(Claims());
        var (token, publicPem) = Run("python3", "-c \"import cryptography\"").ExitCode == 0
            ? SignWithPython(claims)
            : SignWithOpenSsl(claims);
        using var key = ECDsa.Create();
        key.ImportFromPem(publicPem);
        var verifier = new TokenVerifier(kid => kid == "external" ? key : null, Site, 366);

        var result = verifier.Verify(token, Now);

        Assert.True(result.IsValid, result.Rejection?.ToString());
        Assert.Equal("d-2026-0042", result.Verified!.Id);
    }

    (string Token, string Pem) SignWithPython(string claimsJson)
    {
        File.WriteAllText(Path.Combine(_dir, "claims.json"), claimsJson);
        File.WriteAllText(Path.Combine(_dir, "sign.py"), """
            import base64, json, sys
            from cryptography.hazmat.primitives import hashes, serialization
            from cryptography.hazmat.primitives.asymmetric import ec
            from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
            b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
            key = ec.generate_private_key(ec.SECP256R1())
            header = b64(json.dumps({"alg": "ES256", "kid": "external"}).encode())
            payload = b64(open(sys.argv[1], "rb").read())
            r, s = decode_dss_signature(key.sign(f"{header}.{payload}".encode(), ec.ECDSA(hashes.SHA256())))
            print(f"{header}.{payload}.{b64(r.to_bytes(32, 'big') + s.to_bytes(32, 'big'))}")
            print(key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode())
            """);
        var run = Run("python3", $"sign.py claims.json");
        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.Split('\n', 2);
        return (lines[0].Trim(), lines[1]);
    }

    (string Token, string Pem) SignWithOpenSsl(string claimsJson)
    {
        Assert.Equal(0, Run("openssl", "ecparam -name prime256v1 -genkey -noout -out key.pem").ExitCode);
        var pem = Run("openssl", "ec -in key.pem -pubout").Output;
        var input = B64("""{"alg":"ES256","kid":"external"}""") + "." + B64(claimsJson);
        File.WriteAllText(Path.Combine(_dir, "input.txt"), input);
        Assert.Equal(0, Run("openssl", "dgst -sha256 -sign key.pem -out sig.der input.txt").ExitCode);
        var raw = DerToRaw(File.ReadAllBytes(Path.Combine(_dir, "sig.der")));
        return (input + "." + B64(raw), pem);
    }

    /// <summary>SEQUENCE { INTEGER r, INTEGER s } → r||s, each left-padded to 32 bytes.</summary>
    static byte[] DerToRaw(byte[] der)
    {
        var reader = new System.Formats.Asn1.AsnReader(der, System.Formats.Asn1.AsnEncodingRules.DER).ReadSequence();
        var raw = new byte[64];
        Fixed(reader.ReadIntegerBytes().Span).CopyTo(raw, 0);
        Fixed(reader.ReadIntegerBytes().Span).CopyTo(raw, 32);
        return raw;
        static byte[] Fixed(ReadOnlySpan<byte> n)
        {
            n = n.TrimStart((byte)0);
            var out32 = new byte[32];
            n.CopyTo(out32.AsSpan(32 - n.Length));
            return out32;
        }
    }

    (int ExitCode, string Output) Run(string file, string arguments)
    {
        var info = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = _dir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
