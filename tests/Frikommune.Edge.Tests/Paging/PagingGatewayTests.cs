using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Frikommune.Edge.Tests.Support;
using Frikommune.Edge.Users;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Tests.Paging;

/// <summary>The whole chain in the real host: sensor → alarm → ESPA call to the simulated paging system, and what HTTP shows of it.</summary>
public sealed class PagingGatewayTests
{
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    static async Task<JsonNode> GetJsonAsync(HttpClient client, string path) =>
        JsonNode.Parse(await (await client.GetAsync(path)).EnsureSuccessStatusCode().Content.ReadAsStringAsync())!;

    [Fact]
    public async Task Under_simulate_a_seizure_reaches_the_simulated_handset_and_its_delivery_shows_in_alarms_status_metrics_and_audit()
    {
        using var site = new TestSite();
        await using var gateway = await InProcessGateway.StartAsync(site, simulate: true);
        gateway.Service<UserStore>().AddOrReplace("tom", Roles.Technician, "tech-password");
        var tom = gateway.Client("tom", "tech-password");

        (await tom.PostAsync("/api/sim/sensors/bed-12", new StringContent("""{"event":"seizure"}""", new MediaTypeHeaderValue("application/json"))))
            .EnsureSuccessStatusCode();

        JsonArray calls = [];
        await Eventually.TrueAsync(async () => (calls = (await GetJsonAsync(tom, "/api/paging/calls")).AsArray()).Count > 0, Bound, "a call on the simulated line");
        var call = Assert.Single(calls)!;
        // What the handset displays: IA5 has no en dash, so it arrives as "-".
        Assert.Equal(("dect-night", "201", "Epileptisk anfald - rum 12", "high"),
            ((string?)call["receiver"], (string?)call["callAddress"], (string?)call["text"], (string?)call["priority"]));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", (string?)call["at"]);

        JsonNode? alarm = null;
        await Eventually.TrueAsync(async () => (alarm = (await GetJsonAsync(tom, "/api/alarms")).AsArray().Single())!["deliveries"]!.ToJsonString()
            == """[{"receiver":"dect-night","state":"confirmed"}]""", Bound, "the delivery confirmed in /api/alarms");
        Assert.Equal("seizure", (string?)alarm!["kind"]);

        var receivers = (await GetJsonAsync(tom, "/api/status"))["receivers"]!.AsArray();
        Assert.Equal(["dect-night:espa444:up", "dect-leader:espa444:up"], receivers.Select(r => $"{r!["id"]}:{r["kind"]}:{r["state"]}"));

        // The book says "confirmed" a moment before the confirmation's audit record is written.
        var audit = "";
        await Eventually.TrueAsync(async () => (audit = (await GetJsonAsync(tom, "/api/audit/recent?count=100")).ToJsonString()).Contains("paging-call-confirmed"),
            Bound, "the confirmation audited");
        Assert.Contains("paging-call-sent", audit);

        var metrics = await tom.GetStringAsync("/metrics");
        Assert.Contains("frikommune_paging_receiver_up{receiver=\"dect-night\"} 1", metrics);
        Assert.Contains("frikommune_paging_deliveries_total{outcome=\"confirmed\",receiver=\"dect-night\"} 1", metrics);
        Assert.DoesNotContain("resident-7f3a", (string?)call["text"]);
    }

    [Fact]
    public async Task A_receiver_whose_line_does_not_answer_is_down_in_status_and_raises_a_technical_alarm()
    {
        using var site = new TestSite();
        var port = TestSite.FreeTcpPort();
        site.Json["Notify"] = JsonNode.Parse($$"""{"Receivers":[{"Id":"dect-night","CallAddress":"201","Host":"127.0.0.1","Port":{{port}},"ResponseTimeoutMs":200,"PollSeconds":1}]}""");
        site.Write();
        await using var gateway = await InProcessGateway.StartAsync(site);
        gateway.Service<UserStore>().AddOrReplace("tom", Roles.Technician, "tech-password");
        var tom = gateway.Client("tom", "tech-password");

        JsonNode receiver = null!;
        await Eventually.TrueAsync(async () => (string?)(receiver = (await GetJsonAsync(tom, "/api/status"))["receivers"]![0]!)["state"] == "down", Bound, "receiver down");
        Assert.StartsWith("cannot open the line", (string?)receiver["lastError"]);
        await Eventually.TrueAsync(async () => (await GetJsonAsync(tom, "/api/alarms")).AsArray().Any(a => (string?)a!["kind"] == "technical"), Bound, "a technical alarm");
        Assert.Contains("frikommune_paging_receiver_up{receiver=\"dect-night\"} 0", await tom.GetStringAsync("/metrics"));

        // The paging system comes back: the line is up again and the technical alarm resolves by itself.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
        listener.Start();
        using var stop = new CancellationTokenSource();
        var simulator = new Frikommune.Edge.Simulation.PagingSimulator(TimeProvider.System);
        var serving = Task.Run(async () =>
        {
            var client = await listener.AcceptTcpClientAsync(stop.Token);
            await simulator.ServeAsync(client.GetStream(), stop.Token);
        });
        await Eventually.TrueAsync(async () => (string?)(await GetJsonAsync(tom, "/api/status"))["receivers"]![0]!["state"] == "up", Bound, "receiver up again");
        await Eventually.TrueAsync(async () => !(await GetJsonAsync(tom, "/api/alarms")).AsArray().Any(a => (string?)a!["kind"] == "technical"), Bound, "technical alarm resolved");
        await stop.CancelAsync();
        listener.Stop();
    }

    [Fact]
    public async Task Without_simulate_the_example_configurations_simulated_receivers_are_left_out()
    {
        using var site = new TestSite();
        await using var gateway = await InProcessGateway.StartAsync(site);
        gateway.Service<UserStore>().AddOrReplace("tom", Roles.Technician, "tech-password");
        var tom = gateway.Client("tom", "tech-password");
        Assert.Empty((await GetJsonAsync(tom, "/api/status"))["receivers"]!.AsArray());
        Assert.Empty((await GetJsonAsync(tom, "/api/paging/calls")).AsArray());
    }
}
