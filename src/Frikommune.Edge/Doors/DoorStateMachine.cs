using Frikommune.Edge.Alarms;
using Frikommune.Edge.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frikommune.Edge.Doors;

/// <summary>
/// One door: særlig døråbner (§ 14b) and door alarm. Pure: inputs in, <see cref="DoorEvent"/>s out, time and timers
/// from the <see cref="TimeProvider"/>. The door delays, it never imprisons (LEGAL.md rule 4): fire, fault, stop,
/// staff and a held button all end in a released door.
/// </summary>
public sealed partial class DoorStateMachine : IDisposable
{
    public static readonly TimeSpan HoldForDelayedEgress = TimeSpan.FromSeconds(3);
    /// <summary>How long the sounder calls for staff after a single press, unless someone comes sooner.</summary>
    public static readonly TimeSpan AssistanceSounderTime = TimeSpan.FromSeconds(30);
    public const int MaxDelayedEgressSeconds = 180;
    public const int MinStaffReleaseSeconds = 1;
    public const int MaxStaffReleaseSeconds = 300;

    readonly object _gate = new();
    readonly TimeProvider _time;
    readonly ILogger _log;
    readonly List<IDoorObserver> _observers = [];
    readonly TimeSpan _pairWindow, _releaseTime, _heldOpenTime, _egressDelay;

    bool _started, _stopped;
    readonly bool[] _pressed = new bool[2];
    bool _open, _fire, _alarmPath;
    string? _fault;
    IReadOnlyList<string> _decisionIds = [];
    DoorMode _mode = DoorMode.Free;

    public DoorStateMachine(DoorOptions options, TimeProvider time, ILogger<DoorStateMachine>? log = null)
    {
        DoorId = options.Id;
        _time = time;
        _log = log ?? (ILogger)NullLogger.Instance;
        _pairWindow = TimeSpan.FromMilliseconds(Math.Max(1, options.TwoButtonWindowMs));
        _releaseTime = TimeSpan.FromSeconds(Math.Max(1, options.ReleaseSeconds));
        _heldOpenTime = TimeSpan.FromSeconds(Math.Max(1, options.HeldOpenAlarmSeconds));
        _egressDelay = TimeSpan.FromSeconds(Math.Clamp(options.DelayedEgressSeconds, 0, MaxDelayedEgressSeconds));
        _releaseTimer = Timer(() => { });
        _pairTimer = Timer(OnPairWindowEnded);
        _holdTimers = [Timer(OnHeld), Timer(OnHeld)];
        _egressTimer = Timer(OnEgressDue);
        _assistanceTimer = Timer(() => EndAlarm(AlarmKind.DoorAssistance));
        _heldOpenTimer = Timer(OnHeldOpen);
        _since = time.GetUtcNow();
    }

    public string DoorId { get; }

    public DoorState State { get { lock (_gate) return new(_mode, _locked, _open, _since); } }

    public IDisposable Subscribe(IDoorObserver observer)
    {
        lock (_gate) _observers.Add(observer);
        return new Unsubscriber(this, observer);
    }

    /// <summary>Releases the lock output before anything else, then takes the mode the inputs call for.</summary>
    public void Start() => Act(() =>
    {
        if (_started) return;
        _started = true;
        Emit(new LockOutputChanged(DoorId, Now, false));
        Emit(new SounderChanged(DoorId, Now, false));
        EnterMode(ComputeMode(), from: null);
        if (_open) _heldOpenTimer.Start(_heldOpenTime);
    }, evenBeforeStart: true);

    /// <summary>Releases the door and stops reacting; used on shutdown.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            if (_stopped) return;
            _stopped = true;
            foreach (var t in AllTimers) t.Cancel();
            SetSounder(false);
            SetLock(false);
            EmitStateIfChanged();
        }
    }

    public void Dispose()
    {
        Stop();
        lock (_gate) foreach (var t in AllTimers) t.Dispose();
    }

    /// <summary>Whether the door answers within <paramref name="timeout"/>; a lock heartbeat stops when it does not.</summary>
    public bool IsResponsive(TimeSpan timeout)
    {
        if (!Monitor.TryEnter(_gate, timeout)) return false;
        Monitor.Exit(_gate);
        return true;
    }

    DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>A timer whose expiry is handled like any other input: under the lock, then outputs updated.</summary>
    OneShotTimer Timer(Action onDue) => new(_time, _gate, () => Act(onDue));

    IEnumerable<OneShotTimer> AllTimers =>
        [_releaseTimer, _pairTimer, _holdTimers[0], _holdTimers[1], _egressTimer, _assistanceTimer, _heldOpenTimer];

    /// <summary>Runs one input under the lock, then brings the outputs in line with it.</summary>
    void Act(Action change, bool evenBeforeStart = false)
    {
        lock (_gate)
        {
            if (_stopped) return;
            change();
            if (_started || evenBeforeStart) UpdateOutputs();
        }
    }

    void Emit(DoorEvent e)
    {
        foreach (var o in _observers.ToArray())
        {
            try { o.OnDoorEvent(e); }
            catch (Exception ex) { _log.LogError(ex, "Door {Door}: an observer failed on {Event}", DoorId, e.GetType().Name); }
        }
    }

    sealed class Unsubscriber(DoorStateMachine door, IDoorObserver observer) : IDisposable
    {
        public void Dispose() { lock (door._gate) door._observers.Remove(observer); }
    }
}
