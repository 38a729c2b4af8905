using Frikommune.Edge.Alarms;

namespace Frikommune.Edge.Doors;

public sealed partial class DoorStateMachine
{
    /// <summary>A button's debounced level. Before <see cref="Start"/> only the level is noted.</summary>
    public void SetButton(DoorButton button, bool pressed) => Act(() =>
    {
        if (_pressed[(int)button] == pressed) return;
        _pressed[(int)button] = pressed;
        if (!_started) return;
        if (pressed) OnPressed(button);
        else OnLetGo(button);
    });

    /// <summary>The door contact: true = open.</summary>
    public void SetContact(bool open) => Act(() =>
    {
        if (_open == open) return;
        _open = open;
        if (_started) OnContactChanged();
    });

    /// <summary>The building's fire alarm input: true = fire alarm active.</summary>
    public void SetFireAlarm(bool active) => Act(() =>
    {
        _fire = active;
        if (_started) Reevaluate();
    });

    /// <summary>
    /// The valid § 14b decisions that name this door. Pass none when there are none or when the clock is not
    /// trusted. Takes effect at once; a release already running is never cut short.
    /// </summary>
    public void SetValidDecisions(IEnumerable<string> decisionIds)
    {
        var ids = decisionIds.Distinct().Order(StringComparer.Ordinal).ToArray();
        Act(() =>
        {
            var changed = !ids.SequenceEqual(_decisionIds);
            _decisionIds = ids;
            if (!_started) return;
            if (changed && _mode == DoorMode.SpecialOpener && ComputeMode() == DoorMode.SpecialOpener)
                Emit(new DoorModeChanged(DoorId, Now, _mode, _mode, _decisionIds, ModeReason(_mode)));
            Reevaluate();
        });
    }

    /// <summary>
    /// Whether a door alarm can reach staff (§ 14b stk. 2). Assumed not to until told, because the special
    /// opener may only run while it does.
    /// </summary>
    public void SetDoorAlarmPath(bool works) => Act(() =>
    {
        _alarmPath = works;
        if (_started) Reevaluate();
    });

    /// <summary>A problem that makes the gateway's view of the door untrustworthy (null clears it): the door stands released.</summary>
    public void SetFault(string? problem) => Act(() =>
    {
        _fault = problem;
        if (_started) Reevaluate();
    });

    /// <summary>
    /// Staff release for <paramref name="seconds"/> (default ReleaseSeconds). False, and nothing happens, when
    /// the staff id is empty or the seconds lie outside 1–300.
    /// </summary>
    public bool StaffRelease(string staffId, int? seconds = null)
    {
        var s = seconds ?? (int)_releaseTime.TotalSeconds;
        if (string.IsNullOrWhiteSpace(staffId) || s < MinStaffReleaseSeconds || s > MaxStaffReleaseSeconds) return false;
        var done = false;
        Act(() =>
        {
            if (!_started) return;
            Release(ReleaseCauses.Staff(staffId), TimeSpan.FromSeconds(s));
            done = true;
        });
        return done;
    }

    /// <summary>Staff have come: the sounder stops calling (a forced or open door keeps sounding until closed).</summary>
    public void SilenceAssistance() => Act(() => EndAlarm(AlarmKind.DoorAssistance));
}
