using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Frikommune.Edge.Benchmarks -- --filter '*Audit*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
