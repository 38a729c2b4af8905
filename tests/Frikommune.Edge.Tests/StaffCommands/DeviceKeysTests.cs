using System.Security.Cryptography;
using System.Text;
using Frikommune.Edge.Decisions;
using Frikommune.Edge.StaffCommands;
using Frikommune.Edge.Tests.Support;

namespace Frikommune.Edge.Tests.StaffCommands;

public sealed class DeviceKeysTests : IDisposable
{
    readonly TempDirectory _dir = new();
    readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    [Fact]
    public void A_removed_device_s_next_command_is_refused_without_a_restart()
    {
        using var keys = new DeviceKeys(_dir.File("devices"));
        var check = new StaffCommandCheck(keys.Find, new CommandFreshness());
        keys.Add("tablet-1", _key.ExportSubjectPublicKeyInfoPem());
        string Command(string jti) => TokenSigner.Sign(_key, "tablet-1", new Dictionary<string, object?>
        {
            ["staff"] = "anna", ["iss"] = "tablet-1", ["iat"] = DateTimeOffset.UnixEpoch.AddDays(20_000).ToUnixTimeSeconds(), ["jti"] = jti,
        });
        var now = DateTimeOffset.UnixEpoch.AddDays(20_000);
        Assert.NotNull(check.Check(Encoding.UTF8.GetBytes(Command("j-1")), now).Command);
        Assert.True(keys.Remove("tablet-1"));
        Assert.Equal(CommandRefusals.UnknownKey, check.Check(Encoding.UTF8.GetBytes(Command("j-2")), now).Refusal);
        Assert.Empty(keys.List());
    }

    public void Dispose()
    {
        _key.Dispose();
        _dir.Dispose();
    }
}
