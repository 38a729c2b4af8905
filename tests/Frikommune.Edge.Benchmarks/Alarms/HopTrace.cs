using System.Diagnostics;
using System.Text;
using Frikommune.Edge.Metrics;

namespace Frikommune.Edge.Benchmarks.Alarms;

/// <summary>
/// One sampled alarm's way, hop by hop: from the bench's publish through the gateway's hops (<see cref="AlarmPathTrace"/>)
/// to the subscriber. Reported as p50/p99 per hop, so a slow hop shows beside the others (relative figures hold on a
/// busy machine; absolute ones do not).
/// </summary>
sealed record HopTrace(double[] Segments, double Acked)
{
    // Where each segment ends; the first starts at the bench's publish, the last ends at the subscriber.
    static readonly (AlarmPathTrace.Hop? End, string Name)[] Steps =
    [
        (AlarmPathTrace.Hop.Received, "broker→MQTTnet callback"),
        (AlarmPathTrace.Hop.Handled, "callback→sensor lane"),
        (AlarmPathTrace.Hop.Raised, "lane→desk raise"),
        (AlarmPathTrace.Hop.WriterAwake, "raise→audit writer awake"),
        (AlarmPathTrace.Hop.Begun, "writer: begin+head"),
        (AlarmPathTrace.Hop.Written, "writer: rows"),
        (AlarmPathTrace.Hop.Committed, "writer: commit (fsync)"),
        (AlarmPathTrace.Hop.PublisherTook, "commit→publisher loop"),
        (AlarmPathTrace.Hop.Queued, "publisher→outbox"),
        (AlarmPathTrace.Hop.Sending, "outbox→send loop"),
        (null, "MQTTnet send→broker→subscriber"),
    ];

    public static HopTrace Of(long start, long[] marks, long end)
    {
        var segments = new double[Steps.Length];
        var from = start;
        for (var i = 0; i < Steps.Length; i++)
        {
            var to = Steps[i].End is { } hop ? marks[(int)hop] : end;
            segments[i] = to == 0 || from == 0 ? double.NaN : Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
            if (to != 0) from = to;
        }
        var sending = marks[(int)AlarmPathTrace.Hop.Sending];
        var acked = marks[(int)AlarmPathTrace.Hop.Acked];
        return new HopTrace(segments, sending == 0 || acked == 0 ? double.NaN : Stopwatch.GetElapsedTime(sending, acked).TotalMilliseconds);
    }

    public static string Report(IReadOnlyList<HopTrace> traces)
    {
        var text = new StringBuilder("  hops p50/p99 ms:");
        for (var i = 0; i < Steps.Length; i++)
            text.Append($" {Steps[i].Name} {Percentiles(traces.Select(t => t.Segments[i]))};");
        text.Append($" (MQTTnet publish→PUBACK {Percentiles(traces.Select(t => t.Acked))})");
        return text.ToString();
    }

    static string Percentiles(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToList();
        if (sorted.Count == 0) return "n/a";
        double At(int p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1)];
        return $"{At(50):F2}/{At(99):F2}";
    }
}
