using System.Security.Cryptography;
using Frikommune.Edge.Decisions;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Hosting;
using Frikommune.Edge.Simulation;

namespace Frikommune.Edge.StaffCommands;

/// <summary>A registered staff device: its id (the <c>kid</c> and <c>iss</c> of its commands) and its key's fingerprint.</summary>
public sealed record DeviceKey(string Id, string Fingerprint, DateTime Registered);

/// <summary>
/// The staff devices' public keys: <c>Mqtt:DeviceKeysPath/&lt;id&gt;.pem</c> (default <c>devices/</c> beside the
/// configuration), one P-256 <c>PUBLIC KEY</c> each, registered by a technician with <c>devices add</c>. Read afresh
/// like the decision keys, so <c>devices remove</c> takes effect on the next command without a restart.
/// </summary>
public sealed class DeviceKeys(string folder) : IDisposable
{
    readonly TrustedKeys _keys = new(folder);

    public string Folder { get; } = folder;

    public DeviceKeys(GatewayRun run, MqttOptions mqtt) : this(FolderOf(run, mqtt)) { }

    public static string FolderOf(GatewayRun run, MqttOptions mqtt) => run.ResolveFile(mqtt.DeviceKeysPath);

    public ECDsa? Find(string id) => _keys.Find(id);

    /// <summary>Why <paramref name="id"/> cannot name a device, or null.</summary>
    public static string? IdProblem(string id) =>
        !References.IsSafeKeyId(id) ? "a device id is 1-64 characters of A-Z a-z 0-9 . _ - and does not start with '.'"
        : id == DemoDecisions.KeyId ? $"'{id}' is reserved for the --simulate demo key"
        : null;

    /// <summary>Registers (or replaces) a device's key; throws <see cref="ArgumentException"/> when the PEM is not a P-256 public key.</summary>
    public DeviceKey Add(string id, string pem)
    {
        if (IdProblem(id) is { } problem) throw new ArgumentException(problem, nameof(id));
        using var key = ReadPublicKey(pem);
        Directory.CreateDirectory(Folder);
        var file = Path.Combine(Folder, id + ".pem");
        var temporary = file + ".new";
        File.WriteAllText(temporary, key.ExportSubjectPublicKeyInfoPem() + "\n");
        File.Move(temporary, file, overwrite: true);
        return new DeviceKey(id, Fingerprint(key), File.GetLastWriteTimeUtc(file));
    }

    public bool Remove(string id)
    {
        if (IdProblem(id) is not null) return false;
        var file = Path.Combine(Folder, id + ".pem");
        if (!File.Exists(file)) return false;
        File.Delete(file);
        return true;
    }

    /// <summary>The devices whose key can be read, by id; a file that is not a P-256 public key is left out.</summary>
    public IReadOnlyList<DeviceKey> List()
    {
        if (!Directory.Exists(Folder)) return [];
        var devices = new List<DeviceKey>();
        foreach (var file in Directory.EnumerateFiles(Folder, "*.pem").Order(StringComparer.Ordinal))
        {
            var id = Path.GetFileNameWithoutExtension(file);
            if (IdProblem(id) is not null || Find(id) is not { } key) continue;
            devices.Add(new DeviceKey(id, Fingerprint(key), File.GetLastWriteTimeUtc(file)));
        }
        return devices;
    }

    /// <summary>SHA-256 of the SubjectPublicKeyInfo, as hex: what a technician compares with the device's screen.</summary>
    public static string Fingerprint(ECDsa key) => Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));

    static ECDsa ReadPublicKey(string pem)
    {
        var key = ECDsa.Create();
        try
        {
            if (!PemEncoding.TryFind(pem, out var fields) || pem[fields.Label] is not "PUBLIC KEY")
                throw new ArgumentException("the file is not a PEM PUBLIC KEY (a private key never leaves the device)");
            key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(pem[fields.Base64Data]), out _);
            if (key.KeySize != 256 || key.ExportParameters(false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
                throw new ArgumentException("the key is not an ECDSA P-256 key (ES256)");
            return key;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            key.Dispose();
            throw new ArgumentException("the file is not a readable ECDSA P-256 public key");
        }
        catch (ArgumentException)
        {
            key.Dispose();
            throw;
        }
    }

    public void Dispose() => _keys.Dispose();
}
