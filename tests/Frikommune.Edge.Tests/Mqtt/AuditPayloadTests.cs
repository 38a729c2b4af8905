using System.Text;
using System.Text.Json;
using Frikommune.Edge.Audit;
using Frikommune.Edge.Mqtt;

namespace Frikommune.Edge.Tests.Mqtt;

/// <summary>CONTRACT § 4: <c>P/audit</c> carries no free text; the staff member's reason stays on the device.</summary>
public sealed class AuditPayloadTests
{
    static AuditRecord Record(string kind, Dictionary<string, string?> details) => new(7, DateTimeOffset.UnixEpoch,
        new AuditEntry(kind, "staff:anna") { Details = details }, new byte[32], Enumerable.Repeat((byte)0xAB, 32).ToArray());

    [Fact]
    public void A_check_in_reason_is_shipped_as_its_sha256_and_never_as_text()
    {
        var reason = "Inger råber " + new string('x', 60_000);
        var shipped = Encoding.UTF8.GetString(AuditPayload.Serialize(Record("checkin-requested",
            new() { ["outcome"] = "granted", ["reason"] = reason, ["via"] = "mqtt" })));
        Assert.DoesNotContain("Inger", shipped);
        Assert.True(shipped.Length < 1024, $"{shipped.Length} bytes shipped");
        var details = JsonDocument.Parse(shipped).RootElement.GetProperty("details");
        Assert.False(details.TryGetProperty("reason", out _));
        Assert.Equal(AuditPayload.Sha256(reason), details.GetProperty("reasonSha256").GetString());
        Assert.Equal("granted", details.GetProperty("outcome").GetString());
        // The record's own hash is shipped unchanged: it still names the full record kept on the device.
        Assert.Equal(Convert.ToHexStringLower(Enumerable.Repeat((byte)0xAB, 32).ToArray()),
            JsonDocument.Parse(shipped).RootElement.GetProperty("hash").GetString());
    }

    [Fact]
    public void Reason_codes_written_by_the_gateway_are_shipped_as_they_are()
    {
        var shipped = Encoding.UTF8.GetString(AuditPayload.Serialize(Record("checkin-closed", new() { ["reason"] = "time-up" })));
        Assert.Contains("\"reason\":\"time-up\"", shipped);
    }
}
