using Frikommune.Edge.Configuration;
using Frikommune.Edge.Hosting;
using Frikommune.Edge.Health;

namespace Frikommune.Edge.Cli;

/// <summary>The program's commands (CONTRACT § 1). Exit 0 ok, 1 failed, 2 bad usage or configuration.</summary>
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
            var parsed = ParsedArguments.Parse(args);
            if (parsed.Has("--help") || parsed.Has("-h") || parsed.Words is ["help"]) { stdout.WriteLine(Usage.Text); return Ok; }
            if (parsed.Has("--version")) { stdout.WriteLine(GatewayVersion.Current); return Ok; }
            var words = parsed.Words;
            var command = words.Count == 0 ? "run" : words[0];
            var sub = words.Count > 1 ? words[1] : null;
            return (command, sub) switch
            {
                ("run", _) => await RunCommand.RunAsync(Load(parsed), stderr),
                ("config", "validate") => ConfigCommands.Validate(Load(parsed), stdout),
                ("decisions", "import") => await DecisionCommands.ImportAsync(Load(parsed), words.Skip(2).ToList(), stdout, stderr),
                ("decisions", "list") => DecisionCommands.List(Load(parsed), parsed.Has("--json"), stdout),
                ("audit", "verify") => AuditCommands.Verify(Load(parsed), stdout),
                ("audit", "export") => AuditCommands.Export(Load(parsed), parsed.Value("--from"), parsed.Value("--to"), parsed.Value("--format") ?? "csv", stdout),
                ("audit", "report") => ReportCommands.Report(Load(parsed), parsed.Value("--month"), parsed.Value("--format"), parsed.Value("--from-export"), stdout),
                ("users", "add") => await UserCommands.AddAsync(Load(parsed), words.Skip(2).ToList(), parsed.Value("--role"), parsed.Has("--password-stdin"), stdin, stdout),
                ("users", "remove") => await UserCommands.RemoveAsync(Load(parsed), words.Skip(2).ToList(), stdout),
                ("users", "list") => UserCommands.List(Load(parsed), stdout),
                ("devices", "add") => await DeviceCommands.AddAsync(Load(parsed), words.Skip(2).ToList(), parsed.Value("--public-key"), stdout),
                ("devices", "list") => DeviceCommands.List(Load(parsed), stdout),
                ("devices", "remove") => await DeviceCommands.RemoveAsync(Load(parsed), words.Skip(2).ToList(), stdout),
                ("hardware", "selftest") => await HardwareCommands.SelfTestAsync(Load(parsed), stdout),
                _ => throw new UsageException($"unknown command '{string.Join(' ', words)}'; see --help"),
            };
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

    static GatewaySettings Load(ParsedArguments parsed) =>
        GatewaySettings.Load(parsed.Value("--config"), parsed.Overrides, parsed.Has("--simulate"));

    /// <summary>Loads and validates; throws with one line per problem.</summary>
    internal static GatewaySettings Valid(GatewaySettings settings)
    {
        var problems = ConfigurationValidator.Validate(settings.Options);
        if (problems.Count > 0) throw new ConfigurationProblemException(problems);
        return settings;
    }
}
