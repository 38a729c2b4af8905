using Frikommune.Edge.Alarms;

namespace Frikommune.Edge.Doors;

public sealed partial class DoorStateMachine
{
    readonly OneShotTimer _releaseTimer;
    DateTimeOffset _releaseUntil;
    /// <summary>Set by a free-mode press or a delayed egress: the door stays released while a button is held.</summary>
    bool _releaseWhileHeld;

    bool ReleaseActive => _releaseTimer.IsPending || (_releaseWhileHeld && AnyPressed);

    void Release(string cause, TimeSpan duration)
    {
        Emit(new DoorReleased(DoorId, Now, cause, duration));
        ExtendRelease(duration);
        EndAlarm(AlarmKind.DoorAssistance);
    }

    void ReleaseWhileHeld(string cause)
    {
        Release(cause, _releaseTime);
        _releaseWhileHeld = true;
    }

    /// <summary>A new release never shortens one already running.</summary>
    void ExtendRelease(TimeSpan duration)
    {
        var until = Now + duration;
        if (_releaseTimer.IsPending && until <= _releaseUntil) return;
        _releaseUntil = until;
        _releaseTimer.Start(duration);
    }
}
