using Frikommune.Edge.Clock;
using Frikommune.Edge.Decisions;
using Frikommune.Edge.Hosting;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Cli;

static class DecisionCommands
{
    public static async Task<int> ImportAsync(GatewaySettings settings, IReadOnlyList<string> files, TextWriter stdout, TextWriter? stderr = null)
    {
        stderr ??= Console.Error;
        if (files.Count == 0) throw new UsageException("decisions import FILE...");
        var storage = GatewayStorage.Open(CommandLine.Valid(settings));
        await using var audit = storage.OpenAuditTrail();
        using var book = Open(storage, settings, audit);
        var allAccepted = true;
        foreach (var file in files)
        {
            string token;
            try { token = await File.ReadAllTextAsync(file); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stdout.WriteLine($"rejected {file}: unreadable {e.Message}");
                allAccepted = false;
                continue;
            }
            var verdict = await book.Importer.ImportAsync(token, $"file:{Path.GetFileName(file)}");
            stdout.WriteLine(verdict.IsAccepted ? $"accepted {verdict.Id}" : $"rejected {file}: {verdict.Reason} {verdict.Detail}");
            // stdout keeps one line per file (CONTRACT § 1); what cannot take effect here goes beside it.
            foreach (var warning in verdict.Warnings) stderr.WriteLine($"warning {file}: {warning}");
            allAccepted &= verdict.IsAccepted;
        }
        return allAccepted ? CommandLine.Ok : CommandLine.Failed;
    }

    public static int List(GatewaySettings settings, bool json, TextWriter stdout)
    {
        var storage = GatewayStorage.Open(CommandLine.Valid(settings));
        using var audit = storage.OpenAuditTrail();
        using var book = Open(storage, settings, audit);
        var views = book.Registry.States(storage.Time.GetUtcNow());
        stdout.WriteLine(json ? DecisionListFormat.ToJson(views) : DecisionListFormat.ToTable(views));
        return CommandLine.Ok;
    }

    static DecisionBook Open(GatewayStorage storage, GatewaySettings settings, Audit.IAuditTrail audit)
    {
        // Listing and importing do not depend on the clock's trust; the states are computed from the time given.
        var clock = new ClockTrustMonitor(storage.Time, settings.Options.Clock, new ClockMarkRows(storage.Database));
        var book = new DecisionBook(settings, storage.Database, clock, audit, storage.Time);
        book.Load();
        return book;
    }
}
