using System.Net.Http.Json;
using System.Text.Json;
using Frikommune.Edge.Cli;
using Frikommune.Edge.Decisions;
using Frikommune.Edge.Tests.Decisions;
using Frikommune.Edge.Tests.Support;
using Frikommune.Edge.Users;
using Microsoft.Data.Sqlite;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Tests.Cli;

/// <summary>The decision commands and <c>/api/decisions</c> on real files, with a key made here and trusted via its PEM.</summary>
public sealed class DecisionCommandTests : IDisposable
{
    readonly TestSite _site = new();
    readonly DecisionTestKit _kit = new();
    static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public DecisionCommandTests() =>
        File.WriteAllText(Path.Combine(_site.TrustDirectory, DecisionTestKit.Kid + ".pem"), _kit.Key.ExportSubjectPublicKeyInfoPem());

    string TokenFile(string name, object claims, string kid = DecisionTestKit.Kid)
    {
        var path = Path.Combine(_site.ConfigDirectory, name);
        File.WriteAllText(path, _kit.Sign(claims, kid) + "\n");
        return path;
    }

    (int Code, string Out) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var code = CommandLine.RunAsync([.. args, "--config", _site.ConfigDirectory], stdout, new StringWriter()).GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        return (code, stdout.ToString());
    }

    [Fact]
    public void Import_prints_one_line_per_file_and_fails_when_any_is_rejected()
    {
        var good = TokenFile("good.jws", DecisionTestKit.Claims("d-1", nbf: Now.AddDays(-1), exp: Now.AddDays(30)));
        var foreign = TokenFile("foreign.jws", DecisionTestKit.Claims("d-2", nbf: Now.AddDays(-1), exp: Now.AddDays(30)), kid: "someone-else");
        var (code, output) = Run("decisions", "import", good, foreign);
        Assert.Equal(1, code);
        var lines = output.Trim().Split('\n');
        Assert.Equal("accepted d-1", lines[0]);
        Assert.StartsWith($"rejected {foreign}: unknown-key", lines[1]);
        Assert.Equal(0, Run("decisions", "import", good).Code); // the identical token again is accepted
    }

    [Fact]
    public void List_shows_states_and_a_revocation_takes_effect()
    {
        Run("decisions", "import",
            TokenFile("a.jws", DecisionTestKit.Claims("d-valid", nbf: Now.AddDays(-1), exp: Now.AddDays(30))),
            TokenFile("b.jws", DecisionTestKit.Claims("d-later", nbf: Now.AddDays(2), exp: Now.AddDays(30))),
            TokenFile("c.jws", DecisionTestKit.Claims("d-revoked", nbf: Now.AddDays(-1), exp: Now.AddDays(30))));
        Assert.Equal(0, Run("decisions", "import", TokenFile("r.jws", DecisionTestKit.RevocationClaims("d-revoked"))).Code);
        var (code, json) = Run("decisions", "list", "--json");
        Assert.Equal(0, code);
        var states = JsonDocument.Parse(json).RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("state").GetString());
        Assert.Equal("valid", states["d-valid"]);
        Assert.Equal("not-yet-valid", states["d-later"]);
        Assert.Equal("revoked", states["d-revoked"]);
        Assert.Contains("d-valid", Run("decisions", "list").Out);
        var audit = Run("audit", "export", "--from", "2000-01-01", "--to", "2100-01-01").Out;
        Assert.Contains("decision-imported", audit);
        Assert.Contains("decision-revoked", audit);
    }

    [Fact]
    public async Task A_running_gateway_serves_decisions_imported_by_the_cli_meanwhile()
    {
        await using var gateway = await InProcessGateway.StartAsync(_site);
        gateway.Service<UserStore>().AddOrReplace("anna", Roles.Staff, "staff-password");
        using var client = gateway.Client("anna", "staff-password");
        Assert.Equal("[]", (await client.GetStringAsync("/api/decisions")).Trim());
        Assert.Equal(0, Run("decisions", "import", TokenFile("a.jws", DecisionTestKit.Claims("d-cli", nbf: Now.AddDays(-1), exp: Now.AddDays(30)))).Code);
        var registry = gateway.Service<DecisionRegistry>();
        var seen = new TaskCompletionSource();
        registry.Changed += () => { if (registry.Count > 0) seen.TrySetResult(); };
        if (registry.Count == 0) await seen.Task.WaitAsync(TimeSpan.FromSeconds(20));
        var list = await client.GetFromJsonAsync<JsonElement>("/api/decisions");
        Assert.Equal("d-cli", list[0].GetProperty("id").GetString());
        Assert.Equal("valid", list[0].GetProperty("state").GetString());
        var status = await client.GetFromJsonAsync<JsonElement>("/api/status");
        Assert.Equal(1, status.GetProperty("decisions").GetProperty("valid").GetInt32());
    }

    public void Dispose()
    {
        _kit.Dispose();
        _site.Dispose();
    }
}
