using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Frikommune.Edge.Hosting;
using Frikommune.Edge.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Benchmarks.Web;

/// <summary>
/// An attacker on the LAN guessing a staff password over HTTP Basic with several connections at once, while a
/// monitor asks <c>/healthz</c> every 20 ms. Prints how many guesses got an answer per second (401: a verdict on
/// the password; 429: refused before any check), how many of those were real password checks (before the lock
/// engages every 401 is one; see the lockout in the report), and the <c>/healthz</c> latency p50/p99/max,
/// idle and during the burst, and the number of real password checks the guesses got (from the gateway's metrics). The gateway is the real host on a loopback port, as <c>run --simulate</c> would start it.
/// Run: <c>dotnet run -c Release --project tests/Frikommune.Edge.Benchmarks -- login-guessing</c>
/// </summary>
public static class LoginGuessingBench
{
    const string User = "anna", Password = "staff-password-for-bench";

    public static async Task RunAsync(TextWriter output, int attackers = 8, int seconds = 10)
    {
        var dir = Path.Combine(Path.GetTempPath(), "fke-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(dir, "trust"));
        var root = FindRoot();
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "config", "appsettings.json")))!.AsObject();
        var port = FreePort();
        json["Http"]!["Urls"] = $"http://127.0.0.1:{port}";
        json["Storage"]!["Path"] = "data";
        json["Gpio"]!["Driver"] = "simulated";
        json["Mqtt"]!["Host"] = "127.0.0.1";
        json["Mqtt"]!["Port"] = FreePort();
        json["Serilog"] = new JsonObject { ["MinimumLevel"] = new JsonObject { ["Default"] = "Error" } };
        File.WriteAllText(Path.Combine(dir, "appsettings.json"), json.ToJsonString());
        var app = GatewayHost.Build(GatewaySettings.Load(dir, [], simulate: false), TimeProvider.System);
        await app.StartAsync();
        using var refused = new Microsoft.Extensions.Diagnostics.Metrics.Testing.MetricCollector<long>(
            app.Services.GetRequiredService<Frikommune.Edge.Metrics.GatewayMetrics>().Meter, Frikommune.Edge.Web.LoginGate.RefusedMetric);
        long Refused(string outcome) => refused.GetMeasurementSnapshot()
            .Where(m => Equals(m.Tags["via"], "basic") && Equals(m.Tags["outcome"], outcome)).Sum(m => m.Value);
        try
        {
            app.Services.GetRequiredService<UserStore>().AddOrReplace(User, Roles.Staff, Password);
            var baseAddress = new Uri($"http://127.0.0.1:{port}");
            using var monitor = new HttpClient { BaseAddress = baseAddress };
            var idle = await Healthz(monitor, TimeSpan.FromSeconds(3), CancellationToken.None);
            output.WriteLine($"healthz idle:  {Describe(idle)}");

            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
            int answered401 = 0, answered429 = 0, other = 0;
            var clock = Stopwatch.StartNew();
            var burst = Enumerable.Range(0, attackers).Select(a => Task.Run(async () =>
            {
                using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, "/api/status");
                    request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:guess-{a}-{i}")));
                    try
                    {
                        using var response = await client.SendAsync(request, stop.Token);
                        switch (response.StatusCode)
                        {
                            case HttpStatusCode.Unauthorized: Interlocked.Increment(ref answered401); break;
                            case HttpStatusCode.TooManyRequests: Interlocked.Increment(ref answered429); break;
                            default: Interlocked.Increment(ref other); break;
                        }
                    }
                    catch (OperationCanceledException) { }
                    catch (HttpRequestException) { Interlocked.Increment(ref other); }
                }
            })).ToList();
            var during = await Healthz(monitor, TimeSpan.FromSeconds(seconds - 0.5), CancellationToken.None);
            await Task.WhenAll(burst);
            var elapsed = clock.Elapsed.TotalSeconds;
            output.WriteLine($"attackers: {attackers} connections for {elapsed:0.0} s");
            output.WriteLine($"answers/s: 401 {answered401 / elapsed:0.0}, 429 {answered429 / elapsed:0.0}, other {other / elapsed:0.0}");
            output.WriteLine($"healthz during burst: {Describe(during)}");
            var checks = Refused("wrong-password");
            output.WriteLine($"password checks (PBKDF2 on a guess): {checks} in all, {checks / elapsed:0.00}/s; " +
                $"refused unchecked: locked {Refused("locked")}, busy {Refused("busy")}");
            using var right = new HttpClient { BaseAddress = baseAddress };
            right.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}")));
            output.WriteLine($"right password right after the burst: {(int)(await right.GetAsync("/api/status")).StatusCode}");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    static async Task<List<double>> Healthz(HttpClient client, TimeSpan duration, CancellationToken cancel)
    {
        var samples = new List<double>();
        var until = Stopwatch.StartNew();
        while (until.Elapsed < duration)
        {
            var one = Stopwatch.StartNew();
            using (await client.GetAsync("/healthz", cancel)) { }
            samples.Add(one.Elapsed.TotalMilliseconds);
            await Task.Delay(20, cancel);
        }
        return samples;
    }

    static string Describe(List<double> ms)
    {
        ms.Sort();
        double At(double q) => ms[Math.Min(ms.Count - 1, (int)Math.Ceiling(q * ms.Count) - 1)];
        return $"n={ms.Count} p50 {At(0.5):0.0} ms, p99 {At(0.99):0.0} ms, max {ms[^1]:0.0} ms";
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Frikommune.Edge.sln"))) return dir.FullName;
        throw new InvalidOperationException("repository root not found");
    }
}
