using Frikommune.Edge.Hosting;

namespace Frikommune.Edge.Cli;

static class ConfigCommands
{
    /// <summary>The checks the gateway runs at start, plus what it only warns of or runs without: unknown keys, a missing trust folder.</summary>
    public static int Validate(CommandContext c)
    {
        var problems = ConfigurationCheck.Problems(c.Unchecked).ToList();
        problems.AddRange(ConfigurationCheck.MissingFolders(c.Unchecked));
        problems.AddRange(ConfigurationCheck.UnknownKeys(c.Unchecked));
        if (problems.Count == 0) { c.Out.WriteLine("ok"); return CommandLine.Ok; }
        foreach (var p in problems) c.Out.WriteLine(p);
        return CommandLine.Failed;
    }
}
