using System.Device.Gpio;
using System.Diagnostics;

namespace Frikommune.Edge.Benchmarks.Doors;

/// <summary>
/// Stopwatch timing of the edge→lock path alone, which BenchmarkDotNet cannot isolate from the reset between
/// presses: the time from <c>SetInputLevel</c> to the lock pin's change, p50/p99/max. The debounce is leading-edge,
/// so the lock answers on the first edge without waiting out the 20 ms window.
/// Run: <c>DoorEdgeLatency.Run(Console.Out)</c> (e.g. from Program.cs behind an argument such as <c>door-latency</c>).
/// </summary>
public static class DoorEdgeLatency
{
    public static void Run(TextWriter output, int iterations = 100_000)
    {
        foreach (var special in new[] { false, true })
        {
            using var bench = new DoorBench(special);
            var samples = Measure(bench, special, iterations / 10);
            samples = Measure(bench, special, iterations);
            Array.Sort(samples);
            output.WriteLine(
                $"{(special ? "special-opener, second button of a pair" : "free, single press"),-42} n={samples.Length}  " +
                $"p50={Us(samples, 0.50):F2} µs  p99={Us(samples, 0.99):F2} µs  max={Us(samples, 1.0):F2} µs");
        }
    }

    static long[] Measure(DoorBench bench, bool special, int n)
    {
        var samples = new long[n];
        long changedAt = 0;
        void OnOutput(int pin, PinValue value)
        {
            if (pin == DoorBench.Lock && value == PinValue.Low) changedAt = Stopwatch.GetTimestamp();
        }
        bench.Driver.OutputChanged += OnOutput;
        try
        {
            for (var i = 0; i < n; i++)
            {
                if (special)
                {
                    bench.Driver.SetInputLevel(DoorBench.ButtonA, PinValue.Low);
                    bench.Advance(TimeSpan.FromMilliseconds(100));
                }
                changedAt = 0;
                var start = Stopwatch.GetTimestamp();
                bench.Driver.SetInputLevel(special ? DoorBench.ButtonB : DoorBench.ButtonA, PinValue.Low);
                if (changedAt == 0) throw new InvalidOperationException("the lock pin did not drop on the edge");
                samples[i] = changedAt - start;
                bench.Reset();
            }
        }
        finally
        {
            bench.Driver.OutputChanged -= OnOutput;
        }
        return samples;
    }

    static double Us(long[] sorted, double q)
    {
        var i = Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1);
        return sorted[Math.Max(0, i)] * 1_000_000.0 / Stopwatch.Frequency;
    }
}
