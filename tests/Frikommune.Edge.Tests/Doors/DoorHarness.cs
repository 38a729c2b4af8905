using Frikommune.Edge.Alarms;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Doors;
using Microsoft.Extensions.Time.Testing;

namespace Frikommune.Edge.Tests.Doors;

/// <summary>A door on a fake clock, with every event it emits collected in order.</summary>
internal sealed class DoorHarness : IDoorObserver, IDisposable
{
    public readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 11, 23, 21, 0, 0, TimeSpan.Zero));
    public readonly List<DoorEvent> Events = [];
    public readonly DoorStateMachine Door;

    public DoorHarness(Action<DoorOptions>? configure = null)
    {
        var options = new DoorOptions { Id = "door-west" };
        configure?.Invoke(options);
        Door = new DoorStateMachine(options, Time);
        Door.Subscribe(this);
    }

    public static DoorHarness Free()
    {
        var h = new DoorHarness();
        h.Door.Start();
        return h;
    }

    public static DoorHarness Special(Action<DoorOptions>? configure = null)
    {
        var h = new DoorHarness(configure);
        h.Door.SetValidDecisions(["d-2026-0042"]);
        h.Door.SetDoorAlarmPath(true);
        h.Door.Start();
        return h;
    }

    public bool Locked => Events.OfType<LockOutputChanged>().LastOrDefault()?.Locked ?? false;
    public bool Sounder => Events.OfType<SounderChanged>().LastOrDefault()?.On ?? false;
    public DoorMode Mode => Door.State.Mode;

    public IEnumerable<T> Of<T>() where T : DoorEvent => Events.OfType<T>();
    public IReadOnlyList<AlarmKind> Raised => Of<DoorAlarmRaised>().Select(a => a.Kind).ToList();
    public IReadOnlyList<string> ReleaseCausesSeen => Of<DoorReleased>().Select(r => r.Cause).ToList();

    public void Press(DoorButton b) => Door.SetButton(b, true);
    public void LetGo(DoorButton b) => Door.SetButton(b, false);
    public void Tap(DoorButton b) { Press(b); LetGo(b); }
    public void Seconds(double s) => Time.AdvanceInSteps(TimeSpan.FromSeconds(s));
    public void Ms(int ms) => Time.AdvanceInSteps(TimeSpan.FromMilliseconds(ms));

    public void OnDoorEvent(DoorEvent e) => Events.Add(e);

    public void Dispose() => Door.Dispose();
}
