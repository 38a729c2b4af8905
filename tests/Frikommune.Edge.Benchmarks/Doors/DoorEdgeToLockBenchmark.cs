using System.Device.Gpio;
using BenchmarkDotNet.Attributes;

namespace Frikommune.Edge.Benchmarks.Doors;

/// <summary>
/// Button edge → lock pin, through the real GpioController on the simulated driver. Each invocation is a whole
/// cycle (press, lock drops, let go, relock), so it bounds the edge→lock path from above;
/// <see cref="DoorEdgeLatency"/> times the edge→lock part alone.
/// </summary>
[MemoryDiagnoser]
public class DoorEdgeToLockBenchmark
{
    DoorBench _free = null!, _special = null!;

    [GlobalSetup]
    public void Setup()
    {
        _free = new DoorBench(special: false);
        _special = new DoorBench(special: true);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _free.Dispose();
        _special.Dispose();
    }

    [Benchmark(Baseline = true)]
    public PinValue FreeModeSinglePressCycle()
    {
        _free.Driver.SetInputLevel(DoorBench.ButtonA, PinValue.Low);
        var value = _free.Driver.ReadOutput(DoorBench.Lock);
        _free.Reset();
        return value;
    }

    [Benchmark]
    public PinValue SpecialOpenerPairCycle()
    {
        _special.Driver.SetInputLevel(DoorBench.ButtonA, PinValue.Low);
        _special.Driver.SetInputLevel(DoorBench.ButtonB, PinValue.Low);
        var value = _special.Driver.ReadOutput(DoorBench.Lock);
        _special.Reset();
        return value;
    }
}
