namespace Frikommune.Edge.Benchmarks.Alarms;

/// <summary>The alarm-path benchmark's knobs; <c>--quick</c> gives a short run, the defaults the full one of issue 11.</summary>
public sealed record AlarmBenchOptions
{
    public int BackToBack { get; init; } = 300;
    public double PaceSeconds { get; init; } = 7;
    public int PacedSamples { get; init; } = 20;
    public int FloodRate { get; init; } = 10_000;
    public int FloodSamples { get; init; } = 50;
    public int DoorSamples { get; init; } = 20;
    public double DoorPaceSeconds { get; init; } = 2;
    public int BurstSize { get; init; } = 200_000;
    public int Bursts { get; init; } = 20;
    public int RssAlarms { get; init; } = 10_000;
    /// <summary>Bursts into each reference receiver (mosquitto_sub, bare MQTTnet), spread among the gateway's; 0 skips them.</summary>
    public int RefBursts { get; init; } = 3;
    /// <summary><c>--only latency</c>: the alarm and door latencies with their hop breakdown; <c>--only intake</c>: the QoS 1 bursts and RSS.</summary>
    public string? Only { get; init; }

    public bool Runs(string part) => Only is null || Only == part;

    public static AlarmBenchOptions Parse(string[] args)
    {
        var o = args.Contains("--quick")
            ? new AlarmBenchOptions { BackToBack = 100, PaceSeconds = 2, PacedSamples = 20, FloodSamples = 30, DoorSamples = 10, DoorPaceSeconds = 1, BurstSize = 50_000, Bursts = 3, RssAlarms = 1000, RefBursts = 1 }
            : new AlarmBenchOptions();
        for (var i = 0; i + 1 < args.Length; i++)
        {
            var v = args[i + 1];
            o = args[i] switch
            {
                "--back-to-back" => o with { BackToBack = int.Parse(v) },
                "--pace" => o with { PaceSeconds = double.Parse(v, System.Globalization.CultureInfo.InvariantCulture) },
                "--paced-samples" => o with { PacedSamples = int.Parse(v) },
                "--flood-rate" => o with { FloodRate = int.Parse(v) },
                "--flood-samples" => o with { FloodSamples = int.Parse(v) },
                "--door-samples" => o with { DoorSamples = int.Parse(v) },
                "--burst" => o with { BurstSize = int.Parse(v) },
                "--bursts" => o with { Bursts = int.Parse(v) },
                "--alarms" => o with { RssAlarms = int.Parse(v) },
                "--ref-bursts" => o with { RefBursts = int.Parse(v) },
                "--only" => o with { Only = v },
                _ => o,
            };
        }
        return o;
    }
}
