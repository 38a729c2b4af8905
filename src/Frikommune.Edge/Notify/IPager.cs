using Frikommune.Edge.Alarms;

namespace Frikommune.Edge.Notify;

/// <summary>What a handset shows and how urgently: the text says what and where, never who.</summary>
public sealed record PageCall(string AlarmId, string Text, AlarmPriority Priority, int Escalation);

public sealed record PageResult(bool Confirmed, string? Error);

/// <summary>Puts a call on a receiver's paging system. <paramref name="onSent"/> runs when the call is on the line.</summary>
public interface IPager
{
    Task<PageResult> PageAsync(Receiver receiver, PageCall call, Action onSent);

    /// <summary>Whether the receiver's line answers, and the last problem: for <c>/api/status</c> and <c>/metrics</c>.</summary>
    (bool Up, string? LastError) Health(Receiver receiver);

    /// <summary>Tells <paramref name="observer"/> when a receiver's line goes down or comes back; dispose the result to stop.</summary>
    IDisposable Subscribe(IPagerHealthObserver observer);
}

/// <summary>Hears that a receiver's line went down (or came back), on the line's own loop: hand off, never block.</summary>
public interface IPagerHealthObserver
{
    void OnHealthChanged(string receiverId, bool up);
}
