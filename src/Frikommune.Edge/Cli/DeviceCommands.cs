using Frikommune.Edge.Audit;
using Frikommune.Edge.StaffCommands;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Cli;

/// <summary>
/// <c>devices add ID --public-key FILE</c>, <c>devices list</c>, <c>devices remove ID</c>: the staff devices whose
/// signed commands the gateway carries out (CONTRACT § 4). Adding and removing are audited; the running gateway
/// reads the folder afresh, so no restart is needed.
/// </summary>
static class DeviceCommands
{
    public static async Task<int> AddAsync(CommandContext c, IReadOnlyList<string> ids, string? publicKeyFile)
    {
        if (ids.Count != 1 || publicKeyFile is null) throw new UsageException("devices add ID --public-key FILE");
        if (DeviceKeys.IdProblem(ids[0]) is { } problem) throw new UsageException($"device id: {problem}");
        var info = new FileInfo(publicKeyFile);
        if (!info.Exists) throw new UsageException($"--public-key: {publicKeyFile} does not exist");
        if (info.Length > 16 * 1024) throw new UsageException("--public-key: the file is too large to be a public key");
        var keys = c.Get<DeviceKeys>();
        DeviceKey added;
        try { added = keys.Add(ids[0], await File.ReadAllTextAsync(publicKeyFile)); }
        catch (ArgumentException e) { throw new UsageException($"--public-key: {e.Message.Split(" (Parameter")[0]}"); }
        await AuditAsync(c, "device-added", added.Id, added.Fingerprint);
        c.Out.WriteLine($"device {added.Id} added, key sha256 {added.Fingerprint}");
        return CommandLine.Ok;
    }

    public static int List(CommandContext c)
    {
        foreach (var device in c.Get<DeviceKeys>().List())
            c.Out.WriteLine($"{device.Id}\tsha256 {device.Fingerprint}\tregistered {Clock.IsoTime.Format(device.Registered)}");
        return CommandLine.Ok;
    }

    public static async Task<int> RemoveAsync(CommandContext c, IReadOnlyList<string> ids)
    {
        if (ids.Count != 1) throw new UsageException("devices remove ID");
        var keys = c.Get<DeviceKeys>();
        var fingerprint = keys.Find(ids[0]) is { } key ? DeviceKeys.Fingerprint(key) : null;
        if (!keys.Remove(ids[0]))
        {
            c.Out.WriteLine($"no device {ids[0]}");
            return CommandLine.Failed;
        }
        await AuditAsync(c, "device-removed", ids[0], fingerprint);
        c.Out.WriteLine($"device {ids[0]} removed");
        return CommandLine.Ok;
    }

    static async Task AuditAsync(CommandContext c, string kind, string device, string? fingerprint)
    {
        await c.Get<IAuditTrail>().AppendAsync(new AuditEntry(kind, "cli")
        {
            Details = new Dictionary<string, string?> { ["device"] = device, ["keySha256"] = fingerprint },
        });
    }
}
