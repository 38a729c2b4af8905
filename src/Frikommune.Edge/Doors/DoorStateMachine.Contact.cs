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

    /// <summary>One alarm per condition: a repeat while it lasts raises nothing new.</summary>
    void RaiseAlarm(AlarmKind kind)
    {
        if (_activeAlarms.Add(kind)) Emit(new DoorAlarmRaised(DoorId, Now, kind));
    }

    void EndAlarm(AlarmKind kind)
    {
        if (kind == AlarmKind.DoorAssistance) _assistanceTimer.Cancel();
        if (_activeAlarms.Remove(kind)) Emit(new DoorAlarmConditionEnded(DoorId, Now, kind));
    }
}
