using Frikommune.Edge.Audit;
using Frikommune.Edge.Hosting;
using Frikommune.Edge.Users;

namespace Frikommune.Edge.Cli;

static class UserCommands
{
    public static int Add(GatewaySettings settings, IReadOnlyList<string> names, string? role, bool passwordFromStdin, TextReader stdin, TextWriter stdout)
    {
        if (names.Count != 1) throw new UsageException("users add NAME --role staff|technician --password-stdin");
        if (role is null || !Roles.All.Contains(role)) throw new UsageException("--role must be staff or technician");
        if (!passwordFromStdin) throw new UsageException("give the password on standard input with --password-stdin");
        var password = stdin.ReadLine() ?? "";
        var storage = GatewayStorage.Open(CommandLine.Valid(settings));
        try { storage.Users.AddOrReplace(names[0], role, password); }
        catch (ArgumentException e) { throw new UsageException(e.Message); }
        using (var audit = storage.OpenAuditTrail())
#pragma warning disable RS0030 // A one-shot CLI command on its main thread: nothing else runs that the wait could hold up.
            audit.AppendAsync(new AuditEntry("user-set", "cli") { Details = new Dictionary<string, string?> { ["user"] = names[0], ["role"] = role } }).GetAwaiter().GetResult();
#pragma warning restore RS0030
        stdout.WriteLine($"user {names[0]} ({role}) saved");
        return CommandLine.Ok;
    }
}
