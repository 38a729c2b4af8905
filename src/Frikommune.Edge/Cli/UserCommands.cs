using Frikommune.Edge.Audit;
using Frikommune.Edge.Users;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Cli;

/// <summary><c>users add|list|remove</c>. Adding over an existing user or removing one ends that user's sessions at once.</summary>
static class UserCommands
{
    public static async Task<int> AddAsync(CommandContext c, IReadOnlyList<string> names, string? role, bool passwordFromStdin)
    {
        if (names.Count != 1) throw new UsageException("users add NAME --role staff|technician --password-stdin");
        if (role is null || !Roles.All.Contains(role)) throw new UsageException("--role must be staff or technician");
        if (!passwordFromStdin) throw new UsageException("give the password on standard input with --password-stdin");
        var password = c.In.ReadLine() ?? "";
        try { c.Get<UserStore>().AddOrReplace(names[0], role, password); }
        catch (ArgumentException e) { throw new UsageException(e.Message); }
        await AuditAsync(c, "user-set", names[0], role);
        c.Out.WriteLine($"user {names[0]} ({role}) saved");
        return CommandLine.Ok;
    }

    public static async Task<int> RemoveAsync(CommandContext c, IReadOnlyList<string> names)
    {
        if (names.Count != 1) throw new UsageException("users remove NAME");
        if (!c.Get<UserStore>().Remove(names[0]))
        {
            c.Out.WriteLine($"no user {names[0]}");
            return CommandLine.Failed;
        }
        await AuditAsync(c, "user-removed", names[0], null);
        c.Out.WriteLine($"user {names[0]} removed; their sessions are ended");
        return CommandLine.Ok;
    }

    public static int List(CommandContext c)
    {
        var users = c.Get<UserStore>().List();
        if (users.Count == 0) c.Out.WriteLine("no users; add one with: users add NAME --role staff|technician --password-stdin");
        foreach (var u in users) c.Out.WriteLine($"{u.Name}\t{u.Role}\tchanged {u.Changed}");
        return CommandLine.Ok;
    }

    static async Task AuditAsync(CommandContext c, string kind, string user, string? role)
    {
        await c.Get<IAuditTrail>().AppendAsync(new AuditEntry(kind, "cli") { Details = new Dictionary<string, string?> { ["user"] = user, ["role"] = role } });
    }
}
