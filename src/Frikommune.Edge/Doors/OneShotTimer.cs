namespace Frikommune.Edge.Doors;

/// <summary>
/// A restartable one-shot timer whose callback runs under the owner's lock. A callback already queued by an
/// earlier start is recognised and dropped, so a cancelled or restarted timer never fires early.
/// </summary>
internal sealed class OneShotTimer(TimeProvider time, object gate, Action onDue) : IDisposable
{
    ITimer? _timer;
    object? _token;

    public bool IsPending => _token is not null;

    public void Start(TimeSpan due)
    {
        Cancel();
        var token = new object();
        _token = token;
        _timer = time.CreateTimer(static s => ((Tick)s!).Fire(), new Tick(this, token),
            due > TimeSpan.Zero ? due : TimeSpan.FromTicks(1), Timeout.InfiniteTimeSpan);
    }

    public void Cancel()
    {
        _token = null;
        _timer?.Dispose();
        _timer = null;
    }

    public void Dispose() => Cancel();

    void Fire(object token)
    {
        lock (gate)
        {
            if (!ReferenceEquals(token, _token)) return;
            Cancel();
            onDue();
        }
    }

    sealed record Tick(OneShotTimer Owner, object Token)
    {
        public void Fire() => Owner.Fire(Token);
    }
}
