namespace Frikommune.Edge.StaffCommands;

/// <summary>
/// The replay rules of a signed staff command (CONTRACT § 4): <c>iat</c> within 120 s of the gateway's clock and a
/// <c>jti</c> not seen from that device in the last 10 minutes. Pure: time is passed in. Bounded: when the memory is
/// full, entries older than twice the skew go first (their commands could never pass the <c>iat</c> rule again), and
/// if it is still full the command is refused, never a remembered one forgotten. The memory lives in RAM and begins
/// at <paramref name="since"/> (the gateway's start): a command issued before then may have been carried out before a
/// restart and forgotten with it, so it is refused as stale; its device signs a new one. <c>iat</c> counts whole
/// seconds, so the start is too: a command signed in the start's own second came after the old process had stopped.
/// </summary>
public sealed class CommandFreshness(int capacity = CommandFreshness.DefaultCapacity, DateTimeOffset? since = null)
{
    readonly DateTimeOffset? _since = since?.AddTicks(-(since.Value.Ticks % TimeSpan.TicksPerSecond));

    public const int DefaultCapacity = 10_000;
    public static readonly TimeSpan MaxSkew = TimeSpan.FromSeconds(120);
    public static readonly TimeSpan Remember = TimeSpan.FromMinutes(10);

    readonly Lock _lock = new();
    readonly Dictionary<(string Device, string Jti), DateTimeOffset> _seen = [];
    readonly Queue<((string Device, string Jti) Key, DateTimeOffset At)> _order = new();

    public int Count { get { lock (_lock) return _seen.Count; } }

    /// <summary>Null when the command is fresh (and now remembered), else the refusal code.</summary>
    public string? Admit(string device, string jti, DateTimeOffset issuedAt, DateTimeOffset now)
    {
        if ((now - issuedAt).Duration() > MaxSkew || issuedAt < _since) return CommandRefusals.Stale;
        var key = (device, jti);
        lock (_lock)
        {
            Forget(now - Remember);
            if (_seen.ContainsKey(key)) return CommandRefusals.Replayed;
            if (_seen.Count >= capacity) Forget(now - 2 * MaxSkew);
            if (_seen.Count >= capacity) return CommandRefusals.TooMany;
            _seen[key] = now;
            _order.Enqueue((key, now));
            return null;
        }
    }

    void Forget(DateTimeOffset before)
    {
        while (_order.TryPeek(out var oldest) && oldest.At < before)
        {
            _order.Dequeue();
            _seen.Remove(oldest.Key);
        }
    }
}
