using Frikommune.Edge.Cli;
using Frikommune.Edge.Hosting;
using Frikommune.Edge.Health;

namespace Frikommune.Edge.Tests.Cli;

public sealed class HelpTests
{
    static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await CommandLine.RunAsync(args, stdout, stderr, new StringReader(""));
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("help")]
    [InlineData("-h")]
    public async Task Help_lists_every_command_of_the_contract(string help)
    {
        var (code, output, _) = await RunAsync(help);
        Assert.Equal(0, code);
        foreach (var command in new[] { "run", "config", "decisions", "audit", "users", "devices", "hardware" })
            Assert.Matches($@"(?m)^\s+{command}\s", output);
        Assert.Contains("--config <DIR>", output);
        Assert.Contains("--Section:Key=value", output);
    }

    [Theory]
    [InlineData("audit export", "--from <DATE>")]
    [InlineData("audit report", "--month <YYYY-MM>")]
    [InlineData("users add", "--role <staff|technician>")]
    [InlineData("devices add", "--public-key <FILE>")]
    [InlineData("decisions import", "<FILE>")]
    [InlineData("config validate", "prints ok or one line per problem")]
    public async Task Each_command_has_its_own_help(string command, string expected)
    {
        var (code, output, _) = await RunAsync([.. command.Split(' '), "--help"]);
        Assert.Equal(0, code);
        Assert.Contains(expected, output);
    }

    [Fact]
    public async Task Version_prints_the_gateway_s_version()
    {
        var (code, output, _) = await RunAsync("--version");
        Assert.Equal(0, code);
        Assert.Equal(GatewayVersion.Current, output.Trim());
    }

    [Theory]
    [InlineData("config", "Required command was not provided")]
    [InlineData("audit frobnicate", "Unrecognized command or argument 'frobnicate'")]
    [InlineData("decisions list --bogus", "Unrecognized command or argument '--bogus'")]
    public async Task A_usage_error_exits_2_and_says_what_is_wrong(string args, string expected)
    {
        var (code, _, err) = await RunAsync(args.Split(' '));
        Assert.Equal(CommandLine.Invalid, code);
        Assert.Contains(expected, err);
    }
}
