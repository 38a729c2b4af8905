namespace Frikommune.Edge.Cli;

/// <summary>
/// The command line split into command words, the command's own options, and configuration overrides
/// (<c>--Section:Key=value</c> or <c>--Section:Key value</c>), which go to .NET configuration as they are.
/// </summary>
public sealed class ParsedArguments
{
    static readonly HashSet<string> Flags = ["--simulate", "--json", "--password-stdin", "--help", "-h", "--version"];
    static readonly HashSet<string> Valued = ["--config", "--from", "--to", "--format", "--role", "--public-key", "--month", "--from-export"];

    public List<string> Words { get; } = [];
    public HashSet<string> FlagsSet { get; } = [];
    public Dictionary<string, string> Values { get; } = [];
    public List<string> Overrides { get; } = [];

    public bool Has(string flag) => FlagsSet.Contains(flag);
    public string? Value(string name) => Values.GetValueOrDefault(name);

    public static ParsedArguments Parse(IReadOnlyList<string> args)
    {
        var parsed = new ParsedArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var (name, inline) = arg.StartsWith("--") && arg.Contains('=') ? (arg[..arg.IndexOf('=')], arg[(arg.IndexOf('=') + 1)..]) : (arg, null);
            if (name.StartsWith("--") && name.Contains(':'))
            {
                parsed.Overrides.Add(name);
                parsed.Overrides.Add(inline ?? (i + 1 < args.Count ? args[++i] : throw new UsageException($"{name} needs a value")));
            }
            else if (Valued.Contains(name))
                parsed.Values[name] = inline ?? (i + 1 < args.Count ? args[++i] : throw new UsageException($"{name} needs a value"));
            else if (Flags.Contains(name)) parsed.FlagsSet.Add(name);
            else if (name.StartsWith('-')) throw new UsageException($"unknown option {name}");
            else parsed.Words.Add(arg);
        }
        return parsed;
    }
}

public sealed class UsageException(string message) : Exception(message);
