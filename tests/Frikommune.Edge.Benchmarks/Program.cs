using BenchmarkDotNet.Running;

// BenchmarkDotNet:      dotnet run -c Release --project tests/Frikommune.Edge.Benchmarks -- --filter '*Audit*'
// End-to-end figures:   ... -- sensor-alarm | door-latency | camera-stream | login-guessing
switch (args.FirstOrDefault())
{
    case "sensor-alarm": await Frikommune.Edge.Benchmarks.Alarms.SensorAlarmBench.RunAsync(Console.Out); break;
    case "door-latency": Frikommune.Edge.Benchmarks.Doors.DoorEdgeLatency.Run(Console.Out); break;
    case "camera-stream": Frikommune.Edge.Benchmarks.Cameras.CameraStreamBenchmark.Run(Console.Out); break;
    case "login-guessing": await Frikommune.Edge.Benchmarks.Web.LoginGuessingBench.RunAsync(Console.Out); break;
    default: BenchmarkSwitcher.FromAssembly(typeof(Frikommune.Edge.Benchmarks.Audit.AuditAppendBenchmark).Assembly).Run(args); break;
}
