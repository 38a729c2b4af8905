using BenchmarkDotNet.Running;

// BenchmarkDotNet:      dotnet run -c Release --project tests/Frikommune.Edge.Benchmarks -- --filter '*Audit*'
// End-to-end figures:   ... -- sensor-alarm | door-latency | camera-stream | paging [count] [paceMs] | audit-report | login-guessing
switch (args.FirstOrDefault())
{
    case "sensor-alarm": await Frikommune.Edge.Benchmarks.Alarms.SensorAlarmBench.RunAsync(Console.Out, args[1..]); break;
    case "door-latency": Frikommune.Edge.Benchmarks.Doors.DoorEdgeLatency.Run(Console.Out); break;
    case "audit-report": Frikommune.Edge.Benchmarks.Audit.AuditReportBench.Run(Console.Out); break;
    case "camera-stream": Frikommune.Edge.Benchmarks.Cameras.CameraStreamBenchmark.Run(Console.Out); break;
    case "paging":
        await Frikommune.Edge.Benchmarks.Paging.PagingBench.RunAsync(Console.Out, args.Length > 1 ? int.Parse(args[1]) : 30, args.Length > 2 ? int.Parse(args[2]) : 7000);
        break;
    case "mqttnet-sub": await Frikommune.Edge.Benchmarks.Mqtt.BareMqttnetSubscriber.RunAsync(args[1..]); break;  // the intake bench's reference receiver
    case "login-guessing": await Frikommune.Edge.Benchmarks.Web.LoginGuessingBench.RunAsync(Console.Out); break;
    default: BenchmarkSwitcher.FromAssembly(typeof(Frikommune.Edge.Benchmarks.Audit.AuditAppendBenchmark).Assembly).Run(args); break;
}
