using Frikommune.Edge.Alarms;

namespace Frikommune.Edge.Doors;

public sealed partial class DoorStateMachine
{
    DoorMode ComputeMode() =>
        _fire ? DoorMode.FireRelease
        : _fault is not null ? DoorMode.Fault
        : _decisionIds.Count > 0 && _alarmPath ? DoorMode.SpecialOpener
        : DoorMode.Free;

    string ModeReason(DoorMode mode) => mode switch
    {
        DoorMode.FireRelease => "fire-alarm",
        DoorMode.Fault => "fault: " + _fault,
        DoorMode.SpecialOpener => "decision",
        _ when _decisionIds.Count == 0 => "no-valid-decision",
        _ => "door-alarm-unavailable",
    };

    void Reevaluate()
    {
        var mode = ComputeMode();
        if (mode != _mode) EnterMode(mode, _mode);
    }

    void EnterMode(DoorMode to, DoorMode? from)
    {
        _mode = to;
        Emit(new DoorModeChanged(DoorId, Now, from, to, _decisionIds, ModeReason(to)));
        if (from == DoorMode.FireRelease) OnFireCleared();
        if (from == DoorMode.Fault) EndAlarm(AlarmKind.Technical);
        switch (to)
        {
            case DoorMode.FireRelease:
                ForgetPendingPress();
                RaiseAlarm(AlarmKind.FireRelease);
                Emit(new DoorReleased(DoorId, Now, ReleaseCauses.Fire, null));
                break;
            case DoorMode.Fault:
                ForgetPendingPress();
                RaiseAlarm(AlarmKind.Technical);
                Emit(new DoorReleased(DoorId, Now, ReleaseCauses.Fault, null));
                break;
            case DoorMode.Free:
                ForgetPendingPress();
                // A button already down when the door becomes free opens it, as a fresh press would.
                if (AnyPressed) ReleaseWhileHeld(ReleaseCauses.SingleButtonFree);
                break;
            case DoorMode.SpecialOpener:
                if (_egressTimer.IsPending && !ReleaseActive) AnnounceEgress();
                break;
        }
    }

    void OnFireCleared()
    {
        EndAlarm(AlarmKind.FireRelease);
        // The held-open clock restarts: a door stood open for the evacuation is not yet "held open".
        if (_open) _heldOpenTimer.Start(_heldOpenTime);
    }
}
