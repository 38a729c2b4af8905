namespace Frikommune.Edge.Mqtt;

/// <summary>
/// How long to wait before reconnect attempt <c>n</c>: exponential from 100 ms, capped, with jitter so a
/// fleet of gateways does not reconnect in step after a broker restart. The jitter takes 40–90 % of the
/// capped ceiling, so a wait never reaches the cap itself.
/// </summary>
public sealed class ReconnectBackoff(TimeSpan cap, Func<double>? random = null)
{
    public static readonly TimeSpan First = TimeSpan.FromMilliseconds(100);
    readonly Func<double> _random = random ?? Random.Shared.NextDouble;

    public TimeSpan Cap { get; } = cap;

    public TimeSpan Delay(int attempt)
    {
        var ceiling = Math.Min(Cap.TotalMilliseconds, First.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempt, 0, 30)));
        var share = 0.4 + 0.5 * Math.Clamp(_random(), 0, 1);
        return TimeSpan.FromMilliseconds(ceiling * share);
    }
}
