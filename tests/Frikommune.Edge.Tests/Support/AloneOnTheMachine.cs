namespace Frikommune.Edge.Tests.Support;

/// <summary>
/// Tests that read a latency while they load the gateway (the attacker suites' "/healthz stays responsive"): they
/// run after the parallel collections, alone, so the figure is the gateway's and not the other tests' CPU. The
/// figures that matter are measured by the benchmarks; these only guard against a gateway that stops answering.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneOnTheMachine
{
    public const string Name = "alone on the machine";
}
