using Frikommune.Edge.Decisions;
using Frikommune.Edge.Hosting;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Cli;

static class DecisionCommands
{
    public static async Task<int> ImportAsync(CommandContext c, IReadOnlyList<string> files)
    {
        var (stdout, stderr) = (c.Out, c.Err);
        if (files.Count == 0) throw new UsageException("decisions import FILE...");
        var book = Open(c);
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

    public static int List(CommandContext c, bool json)
    {
        var book = Open(c);
        var views = book.Registry.States(book.Time.GetUtcNow());
        c.Out.WriteLine(json ? DecisionListFormat.ToJson(views) : DecisionListFormat.ToTable(views));
        return CommandLine.Ok;
    }

    // Listing and importing do not depend on the clock's trust (it is not started here); the states are computed from the time given.
    static DecisionBook Open(CommandContext c)
    {
        var book = c.Get<DecisionBook>();
        book.Load();
        return book;
    }
}
