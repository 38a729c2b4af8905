using Frikommune.Edge.Cli;
using Frikommune.Edge.Doors;
using Frikommune.Edge.Tests.Decisions;
using Frikommune.Edge.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Frikommune.Edge.Tests.Doors;

/// <summary>
/// <c>Doors:N:Kind</c>: a decision's basis must name the door's kind (§ 14b: unit doors only; § 125: outer doors,
/// unit doors and gates), or the door stays free and the import and the start say why.
/// </summary>
public sealed class DoorKindTests : IDisposable
{
    readonly TestSite _site = new();
    readonly DecisionTestKit _kit = new();
    static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public DoorKindTests() =>
        File.WriteAllText(Path.Combine(_site.TrustDirectory, DecisionTestKit.Kid + ".pem"), _kit.Key.ExportSubjectPublicKeyInfoPem());

    public void Dispose()
    {
        _kit.Dispose();
        _site.Dispose();
    }

    void Kind(string kind)
    {
        _site.Json["Doors"]![0]!["Kind"] = kind;
        _site.Write();
    }

    (int Code, string Out, string Err) Import(string basis)
    {
        var claims = new Dictionary<string, object?>(DecisionTestKit.DoorClaims("d-door"))
        {
            ["basis"] = basis, ["nbf"] = Now.AddDays(-1).ToUnixTimeSeconds(), ["exp"] = Now.AddDays(30).ToUnixTimeSeconds(),
        };
        var file = Path.Combine(_site.ConfigDirectory, "door.jws");
        File.WriteAllText(file, _kit.Sign(claims));
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = CommandLine.RunAsync(["decisions", "import", file, "--config", _site.ConfigDirectory], stdout, stderr).GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        return (code, stdout.ToString(), stderr.ToString());
    }

    async Task<DoorMode> ModeAfterStartAsync(DoorMode expected)
    {
        await using var gateway = await InProcessGateway.StartAsync(_site);
        var door = gateway.Service<DoorFleet>().Find("door-west")!;
        if (expected == DoorMode.Free)
            // The start says why: a technical alarm for the door, raised once the decision was seen and set aside.
            await Eventually.TrueAsync(() => gateway.Service<Frikommune.Edge.Alarms.AlarmDesk>().Open()
                .Any(a => a.Kind == Frikommune.Edge.Alarms.AlarmKind.Technical && a.Door == "door-west"), TimeSpan.FromSeconds(10), "technical alarm");
        else await Eventually.TrueAsync(() => door.State.Mode == expected, TimeSpan.FromSeconds(10), "door mode");
        return door.State.Mode;
    }

    [Fact]
    public void An_unknown_kind_is_refused_naming_the_key()
    {
        Kind("window");
        var stdout = new StringWriter();
        var code = CommandLine.RunAsync(["config", "validate", "--config", _site.ConfigDirectory], stdout, new StringWriter()).GetAwaiter().GetResult();
        Assert.NotEqual(0, code);
        Assert.Contains("Doors:0:Kind: 'window' is not one of unit-door, outer-door, gate", stdout.ToString());
    }

    [Fact]
    public async Task A_14b_decision_on_a_gate_is_accepted_with_a_warning_and_the_gate_stays_free()
    {
        Kind("gate");
        var (code, stdout, stderr) = Import("§14b");

        Assert.Equal(0, code);
        Assert.Equal("accepted d-door", stdout.Trim());
        Assert.Contains("allows no special door opener on door-west, a gate", stderr);
        Assert.Equal(DoorMode.Free, await ModeAfterStartAsync(DoorMode.Free));
    }

    [Theory]
    [InlineData("unit-door", "§14b")]
    [InlineData("unit-door", "SEL§125")]
    [InlineData("outer-door", "SEL§125")]
    [InlineData("gate", "SEL§125")]
    public async Task A_basis_that_names_the_door_kind_puts_the_special_opener_on(string kind, string basis)
    {
        Kind(kind);
        var (code, _, stderr) = Import(basis);

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Equal(DoorMode.SpecialOpener, await ModeAfterStartAsync(DoorMode.SpecialOpener));
    }

    [Fact]
    public async Task A_14b_decision_on_an_outer_door_leaves_it_free()
    {
        Kind("outer-door");
        Import("§14b");
        Assert.Equal(DoorMode.Free, await ModeAfterStartAsync(DoorMode.Free));
    }
}
