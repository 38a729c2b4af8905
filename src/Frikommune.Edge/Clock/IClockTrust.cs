namespace Frikommune.Edge.Clock;

/// <summary>
/// Whether the wall clock can be believed. While it cannot, no measure is in force
/// (LEGAL.md rule 5: fail towards the resident's rights).
/// </summary>
public interface IClockTrust
{
    bool IsTrusted { get; }
    /// <summary>Why the clock is not trusted, or null.</summary>
    string? Problem { get; }
    /// <summary>Tells <paramref name="observer"/> when <see cref="IsTrusted"/> changes; dispose the result to stop.</summary>
    IDisposable Subscribe(IClockTrustObserver observer);
}

/// <summary>Hears that the clock's trust changed: every in-force answer may differ now.</summary>
public interface IClockTrustObserver
{
    void OnClockTrustChanged();
}
