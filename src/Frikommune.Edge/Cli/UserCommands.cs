using Frikommune.Edge.Audit;
using Frikommune.Edge.Hosting;
using Frikommune.Edge.Users;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Cli;

/// <summary><c>users add|list|remove</c>. Adding over an existing user or removing one ends that user's sessions at once.</summary>
static class UserCommands
{
    public static async Task<int> AddAsync(GatewaySettings settings, IReadOnlyList<string> names, string? role, bool passwordFromStdin, TextReader stdin, TextWriter stdout)
    {
        if (names.Count != 1) throw new UsageException("users add NAME --role staff|technician --password-stdin");
        if (role is null || !Roles.All.Contains(role)) throw new UsageException("--role must be staff or technician");
        if (!passwordFromStdin) throw new UsageException("give the password on standard input with --password-stdin");
        var password = stdin.ReadLine() ?? "";
        var storage = GatewayStorage.Open(CommandLine.Valid(settings));
        try { storage.Users.AddOrReplace(names[0], role, password); }
        catch (ArgumentException e) { throw new UsageException(e.Message); }
        await AuditAsync(storage, "user-set", names[0], role);
        stdout.WriteLine($"user {names[0]} ({role}) saved");
        return CommandLine.Ok;
    }

    public static async Task<int> RemoveAsync(GatewaySettings settings, IReadOnlyList<string> names, TextWriter stdout)
    {
        if (names.Count != 1) throw new UsageException("users remove NAME");
        var storage = GatewayStorage.Open(CommandLine.Valid(settings));
        if (!storage.Users.Remove(names[0]))
        {
            stdout.WriteLine($"no user {names[0]}");
            return CommandLine.Failed;
        }
        await AuditAsync(storage, "user-removed", names[0], null);
        stdout.WriteLine($"user {names[0]} removed; their sessions are ended");
        return CommandLine.Ok;
    }

    public static int List(GatewaySettings settings, TextWriter stdout)
    {
        var storage = GatewayStorage.Open(CommandLine.Valid(settings));
        var users = storage.Users.List();
        if (users.Count == 0) stdout.WriteLine("no users; add one with: users add NAME --role staff|technician --password-stdin");
        foreach (var u in users) stdout.WriteLine($"{u.Name}\t{u.Role}\tchanged {u.Changed}");
        return CommandLine.Ok;
    }

    static async Task AuditAsync(GatewayStorage storage, string kind, string user, string? role)
    {
        await using var audit = storage.OpenAuditTrail();
        await audit.AppendAsync(new AuditEntry(kind, "cli") { Details = new Dictionary<string, string?> { ["user"] = user, ["role"] = role } });
    }
}
