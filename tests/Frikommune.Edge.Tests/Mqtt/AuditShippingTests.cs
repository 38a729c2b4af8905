using System.Text.Json;
using Frikommune.Edge.Clock;
using Frikommune.Edge.Audit;
using Frikommune.Edge.Hosting;
using Frikommune.Edge.Mqtt;
using Frikommune.Edge.Tests.Support;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Tests.Mqtt;

public sealed class AuditShippingTests : IAsyncLifetime
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    readonly TestSite _site = new();
    Mosquitto _broker = null!;

    public async Task InitializeAsync()
    {
        _broker = await Mosquitto.StartAsync();
        _site.UseBroker(_broker.Port);
    }

    static long Seq(MqttProbe.Received m) => JsonDocument.Parse(m.Payload).RootElement.GetProperty("seq").GetInt64();

    [Fact]
    public async Task Every_record_is_shipped_in_order_and_shipping_resumes_after_a_restart()
    {
        var topic = $"{_site.TopicPrefix}/audit";
        await using var collector = await MqttProbe.ConnectAsync(_broker.Port, topic);
        var gateway = await InProcessGateway.StartAsync(_site);
        var trail = gateway.Service<IAuditTrail>();
        for (var i = 0; i < 40; i++)
            await trail.AppendAsync(new AuditEntry("test-event") { Refs = new AuditRefs(Door: "door-west"), Details = new Dictionary<string, string?> { ["n"] = $"{i}" } });
        var last = gateway.Service<AuditReader>().ReadLast(1).Single();
        await collector.WaitForAsync(m => Seq(m) == last.Seq, Timeout);
        await gateway.DisposeAsync();

        using (var storage = new AuditAppender(_site))
            for (var i = 0; i < 10; i++) await storage.Trail.AppendAsync(new AuditEntry("while-stopped"));
        await using var again = await InProcessGateway.StartAsync(_site);
        var newest = again.Service<AuditReader>().ReadLast(1).Single().Seq;
        await collector.WaitForAsync(m => Seq(m) >= newest, Timeout);

        var shipped = collector.Messages.Select(Seq).ToList();
        Assert.Equal(Enumerable.Range(1, shipped.Count).Select(i => (long)i), shipped);
        var sample = collector.Messages.Select(m => JsonDocument.Parse(m.Payload).RootElement).First(j => j.GetProperty("kind").GetString() == "test-event");
        var record = again.Service<AuditReader>().ReadAfter(sample.GetProperty("seq").GetInt64() - 1, 1).Single();
        Assert.Equal(Convert.ToHexStringLower(record.Hash), sample.GetProperty("hash").GetString());
        Assert.Equal("door-west", sample.GetProperty("refs").GetProperty("door").GetString());
        Assert.Equal("0", sample.GetProperty("details").GetProperty("n").GetString());
        Assert.Equal(IsoTime.Format(record.Time), sample.GetProperty("time").GetString());
    }

    /// <summary>The trail as a CLI command would append to it, while the gateway is stopped.</summary>
    sealed class AuditAppender(TestSite site) : IDisposable
    {
        public SqliteAuditTrail Trail { get; } = GatewayStorage.Open(site.Settings()).OpenAuditTrail();
        public void Dispose() => Trail.Dispose();
    }

    public Task DisposeAsync()
    {
        _broker.Dispose();
        _site.Dispose();
        return Task.CompletedTask;
    }
}
