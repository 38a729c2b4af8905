namespace Frikommune.Edge.Doors;

public sealed partial class DoorStateMachine
{
    readonly OneShotTimer _heldOpenTimer;
    readonly OneShotTimer _assistanceTimer;
    readonly HashSet<DoorAlarmKind> _activeAlarms = [];

    void OnContactChanged()
    {
        if (_open)
        {
            if (_locked) RaiseAlarm(DoorAlarmKind.Forced);
            _heldOpenTimer.Start(_heldOpenTime);
            return;
        }
        _heldOpenTimer.Cancel();
        EndAlarm(DoorAlarmKind.Forced);
        EndAlarm(DoorAlarmKind.HeldOpen);
    }

    void OnHeldOpen()
    {
        // During a fire the door is meant to stand open.
        if (_mode == DoorMode.FireRelease || !_open) return;
        RaiseAlarm(DoorAlarmKind.HeldOpen);
    }

    /// <summary>One alarm per condition: a repeat while it lasts raises nothing new.</summary>
    void RaiseAlarm(DoorAlarmKind kind)
    {
        if (_activeAlarms.Add(kind)) Emit(new DoorAlarmRaised(DoorId, Now, kind));
    }

    void EndAlarm(DoorAlarmKind kind)
    {
        if (kind == DoorAlarmKind.Assistance) _assistanceTimer.Cancel();
        if (_activeAlarms.Remove(kind)) Emit(new DoorAlarmConditionEnded(DoorId, Now, kind));
    }
}
