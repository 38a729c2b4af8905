using Frikommune.Edge.Alarms;

namespace Frikommune.Edge.Doors;

public sealed partial class DoorStateMachine
{
    bool _locked, _sounder;
    DateTimeOffset _since;
    DoorState? _published;

    void UpdateOutputs()
    {
        if (!_started || _stopped) return;
        var lockWanted = _mode is DoorMode.Free or DoorMode.SpecialOpener && !ReleaseActive;
        // Relock only once the door is closed; a door that opened while released is not forced.
        if (lockWanted && !_locked && _open) lockWanted = false;
        SetLock(lockWanted);
        SetSounder(
            (_egressTimer.IsPending && _egressAnnounced)
            || _activeAlarms.Contains(AlarmKind.DoorAssistance)
            || _activeAlarms.Contains(AlarmKind.DoorForced)
            || _activeAlarms.Contains(AlarmKind.DoorHeldOpen));
        EmitStateIfChanged();
    }

    void SetLock(bool locked)
    {
        if (_locked == locked) return;
        _locked = locked;
        Emit(new LockOutputChanged(DoorId, Now, locked));
    }

    void SetSounder(bool on)
    {
        if (_sounder == on) return;
        _sounder = on;
        Emit(new SounderChanged(DoorId, Now, on));
    }

    void EmitStateIfChanged()
    {
        if (_published is { } p && p.Mode == _mode && p.Locked == _locked && p.Open == _open) return;
        _since = Now;
        _published = new DoorState(_mode, _locked, _open, _since);
        Emit(new DoorStateChanged(DoorId, Now, _published));
    }
}
