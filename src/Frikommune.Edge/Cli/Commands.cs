using System.CommandLine;
using System.CommandLine.Invocation;
using Frikommune.Edge.Hosting;
using Frikommune.Edge.Health;

namespace Frikommune.Edge.Cli;

/// <summary>The command tree: names, arguments, options and help text. What each command does lives in its <c>…Commands</c> class.</summary>
static class Commands
{
    const string Intro = """
        frikommune-edge — care-home gateway for the special door opener, situational check-ins and
        sleep/motion sensors under serviceloven §§ 125 and 128 b (and lov om frikommunenetværk §§ 14–14f).
        Any setting can be given as --Section:Key=value (or FRIKOMMUNE_Section__Key=value in the environment).
        """;

    public static RootCommand Root(Func<ParseResult, Option<string?>, Option<bool>, CommandContext> open)
    {
        var config = new Option<string?>("--config")
        {
            Description = "configuration folder (default /etc/frikommune-edge; in a checkout, config/)", HelpName = "DIR", Recursive = true,
        };
        var simulate = new Option<bool>("--simulate")
        {
            Description = "simulated GPIO, embedded MQTT broker, synthetic cameras: try it on any PC", Recursive = true,
        };
        var root = new RootCommand(Intro) { config, simulate };
        foreach (var version in root.Options.OfType<VersionOption>()) version.Action = new PrintVersion();
        var on = new Builder(p => open(p, config, simulate));

        on.Act(root, (_, c) => RunCommand.RunAsync(c));
        root.Add(on.Leaf("run", "run the gateway until SIGTERM/SIGINT (the default command)", (_, c) => RunCommand.RunAsync(c)));
        root.Add(new Command("config", "the configuration") { on.Leaf("validate", "check the configuration without starting anything; prints ok or one line per problem", (_, c) => Task.FromResult(ConfigCommands.Validate(c))) });
        root.Add(Decisions(on));
        root.Add(Audit(on));
        root.Add(Users(on));
        root.Add(Devices(on));
        root.Add(new Command("hardware", "the device's GPIO") { on.Leaf("selftest", "read every configured input and pulse every output once (stop the gateway first)", (_, c) => HardwareCommands.SelfTestAsync(c)) });
        return root;
    }

    static Command Decisions(Builder on)
    {
        var files = new Argument<string[]>("FILE") { Description = "files holding a signed decision or revocation token (compact JWS)", Arity = ArgumentArity.ZeroOrMore };
        var json = new Option<bool>("--json") { Description = "as JSON, the shape of GET /api/decisions" };
        return new Command("decisions", "the signed decisions the gateway acts under")
        {
            on.Leaf("import", "verify and store signed decision and revocation tokens; one line per file: accepted <id> or rejected <file>: <reason>",
                (p, c) => DecisionCommands.ImportAsync(c, p.GetValue(files) ?? []), files),
            on.Leaf("list", "the cached decisions and their state (valid, not-yet-valid, expired, revoked)",
                (p, c) => Task.FromResult(DecisionCommands.List(c, p.GetValue(json))), json),
        };
    }

    static Command Audit(Builder on)
    {
        var from = new Option<string?>("--from") { Description = "first day (yyyy-MM-dd, UTC) or an ISO 8601 time", HelpName = "DATE" };
        var to = new Option<string?>("--to") { Description = "last day, included (yyyy-MM-dd, UTC) or an ISO 8601 time", HelpName = "DATE" };
        var exportFormat = new Option<string>("--format") { Description = "csv (default) or json", HelpName = "csv|json", DefaultValueFactory = _ => "csv" };
        var month = new Option<string?>("--month") { Description = "the month, in the site's time zone", HelpName = "YYYY-MM" };
        var reportFormat = new Option<string?>("--format") { Description = "html (default), csv or json", HelpName = "html|csv|json" };
        var fromExport = new Option<string?>("--from-export") { Description = "recompute from an `audit export --format json` file instead of the trail", HelpName = "FILE" };
        return new Command("audit", "the audit trail")
        {
            on.Leaf("verify", "check the whole audit trail's hash chain; names the first bad record", (_, c) => Task.FromResult(AuditCommands.Verify(c))),
            on.Leaf("export", "write the audit records of a period to stdout",
                (p, c) => Task.FromResult(AuditCommands.Export(c, p.GetValue(from), p.GetValue(to), p.GetValue(exportFormat) ?? "csv")), from, to, exportFormat),
            on.Leaf("report", "the month's use of every measure per decision (registration and reporting)",
                (p, c) => Task.FromResult(ReportCommands.Report(c, p.GetValue(month), p.GetValue(reportFormat), p.GetValue(fromExport))), month, reportFormat, fromExport),
        };
    }

    static Command Users(Builder on)
    {
        var names = new Argument<string[]>("NAME") { Description = "the user's name", Arity = ArgumentArity.ZeroOrMore };
        var role = new Option<string?>("--role") { Description = "staff or technician", HelpName = "staff|technician" };
        var fromStdin = new Option<bool>("--password-stdin") { Description = "read the password from standard input (12+ characters, not a common password)" };
        var removed = Clone(names);
        return new Command("users", "the local users of the web page and HTTP API")
        {
            on.Leaf("add", "add or replace a user; ends their sessions",
                (p, c) => UserCommands.AddAsync(c, p.GetValue(names) ?? [], p.GetValue(role), p.GetValue(fromStdin)), names, role, fromStdin),
            on.Leaf("list", "the users and their roles", (_, c) => Task.FromResult(UserCommands.List(c))),
            on.Leaf("remove", "remove a user and end their sessions at once", (p, c) => UserCommands.RemoveAsync(c, p.GetValue(removed) ?? []), removed),
        };
    }

    static Command Devices(Builder on)
    {
        var ids = new Argument<string[]>("ID") { Description = "the device's id (the kid and iss of its commands)", Arity = ArgumentArity.ZeroOrMore };
        var publicKey = new Option<string?>("--public-key") { Description = "the device's P-256 public key (PEM PUBLIC KEY)", HelpName = "FILE" };
        var removed = Clone(ids);
        return new Command("devices", "the staff devices whose signed MQTT commands the gateway carries out")
        {
            on.Leaf("add", "register a staff device's public key", (p, c) => DeviceCommands.AddAsync(c, p.GetValue(ids) ?? [], p.GetValue(publicKey)), ids, publicKey),
            on.Leaf("list", "the registered staff devices and their key fingerprints", (_, c) => Task.FromResult(DeviceCommands.List(c))),
            on.Leaf("remove", "stop trusting a staff device's commands at once", (p, c) => DeviceCommands.RemoveAsync(c, p.GetValue(removed) ?? []), removed),
        };
    }

    // A symbol belongs to one command; a second command gets its own of the same shape.
    static Argument<string[]> Clone(Argument<string[]> a) => new(a.Name) { Description = a.Description, Arity = a.Arity };

    sealed class Builder(Func<ParseResult, CommandContext> open)
    {
        public Command Leaf(string name, string description, Func<ParseResult, CommandContext, Task<int>> action, params Symbol[] symbols)
        {
            var command = new Command(name, description);
            foreach (var symbol in symbols)
            {
                if (symbol is Option option) command.Add(option);
                else if (symbol is Argument argument) command.Add(argument);
            }
            Act(command, action);
            return command;
        }

        public void Act(Command command, Func<ParseResult, CommandContext, Task<int>> action) =>
            command.SetAction(async (ParseResult parse, CancellationToken _) =>
            {
                await using var context = open(parse);
                return await action(parse, context);
            });
    }

    sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(GatewayVersion.Current);
            return CommandLine.Ok;
        }
    }
}
