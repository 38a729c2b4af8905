using Frikommune.Edge.Alarms;

namespace Frikommune.Edge.Doors;

public sealed partial class DoorStateMachine
{
    readonly OneShotTimer _heldOpenTimer;
    readonly OneShotTimer _assistanceTimer;
    readonly HashSet<AlarmKind> _activeAlarms = [];

    void OnContactChanged()
    {
        if (_open)
        {
            if (_locked) RaiseAlarm(AlarmKind.DoorForced);
            _heldOpenTimer.Start(_heldOpenTime);
            return;
        }
        _heldOpenTimer.Cancel();
        EndAlarm(AlarmKind.DoorForced);
        EndAlarm(AlarmKind.DoorHeldOpen);
    }

    void OnHeldOpen()
    {
        // During a fire the door is meant to stand open.
        if (_mode == DoorMode.FireRelease || !_open) return;
        RaiseAlarm(AlarmKind.DoorHeldOpen);
    }

    /// <summary>
    /// Every occurrence is reported; the alarm desk keeps one alarm per open condition (the one dedupe). The set
    /// only drives the sounder and says when a condition ends.
    /// </summary>
    void RaiseAlarm(AlarmKind kind)
    {
        _activeAlarms.Add(kind);
        Emit(new DoorAlarmRaised(DoorId, Now, kind));
    }

    void EndAlarm(AlarmKind kind)
    {
        if (kind == AlarmKind.DoorAssistance) _assistanceTimer.Cancel();
        if (_activeAlarms.Remove(kind)) Emit(new DoorAlarmConditionEnded(DoorId, Now, kind));
    }
}
