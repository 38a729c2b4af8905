using System.CommandLine;
using System.CommandLine.Invocation;
using Frikommune.Edge.Hosting;
using Frikommune.Edge.Health;
using Frikommune.Edge.Configuration;

namespace Frikommune.Edge.Cli;

/// <summary>The program's commands (CONTRACT § 1), on System.CommandLine. Exit 0 ok, 1 failed, 2 bad usage or configuration.</summary>
public static class CommandLine
{
    public const int Ok = 0, Failed = 1, Invalid = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null, TextReader? stdin = null)
    {
        stdout ??= Console.Out;
        stderr ??= Console.Error;
        stdin ??= Console.In;
        try
        {
            var (arguments, overrides) = ConfigurationOverrides.Split(args);
            var root = Commands.Root((parse, config, simulate) =>
                new CommandContext(() => GatewaySettings.Load(parse.GetValue(config), overrides, parse.GetValue(simulate)), stdout, stderr, stdin));
            var parsed = root.Parse(arguments is ["help"] ? ["--help"] : arguments);
            if (parsed.Errors.Count > 0) throw new UsageException(Describe(parsed));
            // The gateway's host handles SIGTERM/SIGINT itself (a clean stop, exit 0); the parser must not race it.
            return await parsed.InvokeAsync(new InvocationConfiguration
            {
                Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null,
            });
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"frikommune-edge: {e.Message}");
            return Invalid;
        }
        catch (ConfigurationProblemException e)
        {
            foreach (var problem in e.Problems) stderr.WriteLine(problem);
            return Invalid;
        }
    }

    static string Describe(ParseResult parsed)
    {
        var words = parsed.UnmatchedTokens.Where(t => !t.StartsWith('-')).ToList();
        if (parsed.CommandResult.Command is RootCommand && words.Count > 0)
            return $"unknown command '{string.Join(' ', words)}'; see --help";
        return string.Join("; ", parsed.Errors.Select(e => e.Message.TrimEnd('.'))) + "; see --help";
    }
}

/// <summary><c>--Section:Key=value</c> or <c>--Section:Key value</c>: not the command's options but settings, handed to .NET configuration as they are.</summary>
static class ConfigurationOverrides
{
    public static (string[] Arguments, string[] Overrides) Split(IReadOnlyList<string> args)
    {
        var arguments = new List<string>();
        var overrides = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var name = arg.StartsWith("--") && arg.Contains('=') ? arg[..arg.IndexOf('=')] : arg;
            if (!(name.StartsWith("--") && name.Contains(':'))) { arguments.Add(arg); continue; }
            overrides.Add(name);
            overrides.Add(name.Length < arg.Length ? arg[(name.Length + 1)..]
                : i + 1 < args.Count ? args[++i] : throw new UsageException($"{name} needs a value"));
        }
        return ([.. arguments], [.. overrides]);
    }
}
