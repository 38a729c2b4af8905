using Frikommune.Edge.Cli;
using Frikommune.Edge.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Frikommune.Edge.Tests.Cli;

public sealed class UserAndAuditCommandTests : IDisposable
{
    readonly TestSite _site = new();

    (int Code, string Out, string Err) Run(string stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CommandLine.RunAsync([.. args, "--config", _site.ConfigDirectory], stdout, stderr, new StringReader(stdin)).GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Users_add_then_audit_verify_and_export()
    {
        Assert.Equal(0, Run("a-long-password\n", "users", "add", "anna", "--role", "staff", "--password-stdin").Code);
        Assert.Equal(0, Run("another-password\n", "users", "add", "anna", "--role", "technician", "--password-stdin").Code);
        var verify = Run("", "audit", "verify");
        Assert.Equal(0, verify.Code);
        Assert.Contains("2 records", verify.Out);
        var csv = Run("", "audit", "export", "--from", "2000-01-01", "--to", "2100-01-01");
        Assert.Equal(0, csv.Code);
        Assert.Equal(3, csv.Out.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain("password", csv.Out);
        var json = Run("", "audit", "export", "--from", "2000-01-01", "--to", "2100-01-01", "--format", "json");
        Assert.Equal(2, System.Text.Json.JsonDocument.Parse(json.Out).RootElement.GetArrayLength());
    }

    [Fact]
    public void Audit_verify_fails_and_names_the_record_after_tampering()
    {
        Run("a-long-password\n", "users", "add", "anna", "--role", "staff", "--password-stdin");
        Run("a-long-password\n", "users", "add", "bent", "--role", "staff", "--password-stdin");
        using (var connection = new SqliteConnection($"Data Source={_site.DatabaseFile}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE audit SET actor = 'someone-else' WHERE seq = 1";
            command.ExecuteNonQuery();
        }
        var verify = Run("", "audit", "verify");
        Assert.NotEqual(0, verify.Code);
        Assert.Contains("record 1", verify.Out);
    }

    [Theory]
    [InlineData("users add anna --role admin --password-stdin", "--role must be staff or technician")]
    [InlineData("users add anna --role staff", "--password-stdin")]
    [InlineData("audit export --to 2026-01-01", "--from DATE is required")]
    [InlineData("audit export --from yesterday --to 2026-01-01", "is not a date")]
    [InlineData("frobnicate", "unknown command")]
    public void Bad_usage_says_what_is_wrong(string args, string expected)
    {
        var (code, _, err) = Run("a-long-password\n", args.Split(' '));
        Assert.Equal(2, code);
        Assert.Contains(expected, err);
    }

    [Theory]
    [InlineData("short", "at least 12")]
    [InlineData("elevenchars", "at least 12")]
    [InlineData("Password1234", "common passwords")]
    [InlineData("velkommen123", "common passwords")]
    [InlineData("aaaaaaaaaaaaaaaa", "too few characters")]
    public void A_short_or_common_password_is_refused(string password, string expected)
    {
        var (code, _, err) = Run(password + "\n", "users", "add", "anna", "--role", "staff", "--password-stdin");
        Assert.Equal(2, code);
        Assert.Contains(expected, err);
    }

    public void Dispose() => _site.Dispose();
}
