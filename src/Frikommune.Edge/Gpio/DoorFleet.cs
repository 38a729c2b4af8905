using System.Device.Gpio;
using Frikommune.Edge.Alarms;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Decisions;
using Frikommune.Edge.Upstream;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Frikommune.Edge.Doors;
using Frikommune.Edge.Simulation;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Gpio;

/// <summary>
/// The site's doors on their pins. Each door's mode follows the § 14b / § 125 decisions at the instant they change
/// (only those whose basis allows the door's <c>Kind</c>)
/// (<see cref="DecisionTimeline"/>), and falls back to free when no door alarm path works: neither a
/// sounder pin nor a broker connection (§ 14b stk. 2).
/// </summary>
public sealed class DoorFleet : IHostedService, IAlarmObserver, IUpstreamObserver, IDecisionTimelineObserver, IDisposable, IDoorFleet
{
    readonly GpioAccess _gpio;
    readonly MeasureAuthority _measures;
    readonly DecisionTimeline _timeline;
    readonly IUpstream _upstream;
    readonly AlarmDesk _desk;
    readonly TimeProvider _time;
    readonly DoorEventPump _pump;
    readonly SqliteAlarmOutbox _outbox;
    readonly SimulatedGpioDriver? _simulator;
    readonly List<(DoorOptions Options, DoorStateMachine Door, DoorGpio? Pins)> _doors = [];
    readonly System.Collections.Concurrent.ConcurrentDictionary<(string Decision, string Door), byte> _explained = new();
    readonly ILogger _log;
    IDisposable? _staffCame, _alarmPath, _decisionsWatch;

    public DoorFleet(DoorList doors, GpioAccess gpio, MeasureAuthority measures, DecisionTimeline timeline,
        IUpstream upstream, AlarmDesk desk, DoorEventPump pump, SqliteAlarmOutbox outbox, TimeProvider time, ILoggerFactory logs,
        SimulatedGpioDriver? simulator = null)
    {
        _outbox = outbox;
        _simulator = simulator;
        _gpio = gpio;
        _measures = measures;
        _timeline = timeline;
        _upstream = upstream;
        _desk = desk;
        _pump = pump;
        _time = time;
        _log = logs.CreateLogger<DoorFleet>();
        foreach (var o in doors)
        {
            var door = new DoorStateMachine(o, time, logs.CreateLogger<DoorStateMachine>());
            _doors.Add((o, door, gpio.Controller is { } controller ? new DoorGpio(controller, o, door, time) : null));
        }
    }

    public IEnumerable<DoorStateMachine> Doors => _doors.Select(d => d.Door);

    public DoorStateMachine? Find(string id) => _doors.FirstOrDefault(d => d.Door.DoorId == id).Door;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (o, door, pins) in _doors)
        {
            door.Subscribe(_pump);
            if (pins is null)
            {
                door.Start();
                // One fault, one alarm: the door's own fault alarm (source gpio) is the technical alarm for it.
                door.SetFault(_gpio.Problem ?? "GPIO unavailable");
                continue;
            }
            pins.Start(); // drives the lock released before anything else
            // A simulated door starts as a real one is found: closed (the reed contact pulls its input low).
            if (_simulator is not null && o.Pins.Contact is { } contact) _simulator.SetInputLevel(contact, PinValue.Low);
        }
        _decisionsWatch = _timeline.Subscribe(this);
        _alarmPath = _upstream.Subscribe(this);
        _staffCame = _outbox.Subscribe(this);
        FollowAlarmPath();
        FollowDecisions();
        return Task.CompletedTask;
    }

    public void OnDecisionsChanged() => FollowDecisions();

    public void OnConnectionChanged() => FollowAlarmPath();

    void FollowDecisions()
    {
        foreach (var (o, door, _) in _doors)
            door.SetValidDecisions(DecisionsFor(o).Select(d => d.Id).ToList());
    }

    /// <summary>The door opener decisions in force for this door whose basis allows the door's kind; the rest are explained once.</summary>
    IReadOnlyList<Decision> DecisionsFor(DoorOptions o)
    {
        var answer = _measures.Check(Measures.DoorOpener, o.Id);
        if (!answer.InForce) return [];
        var allowed = new List<Decision>();
        foreach (var d in answer.Decisions)
        {
            if (DoorKindCheck.Allows(d, o.Kind)) allowed.Add(d);
            else if (_explained.TryAdd((d.Id, o.Id), 0))
            {
                var why = DoorKindCheck.Explain(d, o.Id, o.Kind);
                _log.LogWarning("{Problem}", why);
                _pump.RaiseTechnical(o.Id, DoorEventPump.DoorKindSource, why);
            }
        }
        return allowed;
    }

    /// <summary>Staff have taken a door-assistance alarm: the door stops calling, and the next lone press calls anew.</summary>
    public void OnDurable(AlarmChange change)
    {
        if (change.Alarm.Kind == AlarmKind.DoorAssistance && change.Change is AlarmChangeKind.Acknowledged or AlarmChangeKind.Resolved
            && change.Alarm.Door is { } id)
            Find(id)?.SilenceAssistance();
    }

    void FollowAlarmPath()
    {
        foreach (var (o, door, _) in _doors)
        {
            var works = o.Pins.Sounder is not null || _upstream.IsConnected;
            door.SetDoorAlarmPath(works);
            if (!works && DecisionsFor(o).Count > 0)
                _pump.RaiseTechnical(door.DoorId, DoorEventPump.AlarmPathSource, "no door alarm path: no sounder pin and no broker connection; the door is free");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _decisionsWatch?.Dispose();
        _alarmPath?.Dispose();
        _staffCame?.Dispose();
        foreach (var (_, door, pins) in _doors)
        {
            if (pins is null) door.Stop();
            else pins.Dispose(); // stops the door, leaving the lock released
            door.Dispose();
        }
        _doors.Clear();
    }
}
