using Frikommune.Edge.Alarms;

namespace Frikommune.Edge.Doors;

public sealed partial class DoorStateMachine
{
    readonly OneShotTimer _pairTimer;
    readonly OneShotTimer[] _holdTimers;
    readonly OneShotTimer _egressTimer;
    DoorButton? _waitingForPair;
    bool _egressAnnounced;

    bool AnyPressed => _pressed[0] || _pressed[1];

    void OnPressed(DoorButton button)
    {
        // Measured from the press in every mode, so a mode change mid-hold cannot postpone the way out.
        _holdTimers[(int)button].Start(HoldForDelayedEgress);
        switch (_mode)
        {
            case DoorMode.Free:
                ReleaseWhileHeld(ReleaseCauses.SingleButtonFree);
                break;
            case DoorMode.SpecialOpener when _waitingForPair is { } first && first != button:
                ForgetPendingPress();
                Release(ReleaseCauses.ButtonPair, _releaseTime);
                break;
            case DoorMode.SpecialOpener when _waitingForPair is null:
                _waitingForPair = button;
                _pairTimer.Start(_pairWindow);
                break;
        }
    }

    void OnLetGo(DoorButton button)
    {
        _holdTimers[(int)button].Cancel();
        if (_releaseWhileHeld && !AnyPressed)
        {
            _releaseWhileHeld = false;
            ExtendRelease(_releaseTime);
        }
    }

    void ForgetPendingPress()
    {
        _waitingForPair = null;
        _pairTimer.Cancel();
    }

    /// <summary>The other button did not follow: § 14b stk. 2, the resident gets help.</summary>
    void OnPairWindowEnded()
    {
        _waitingForPair = null;
        if (_mode != DoorMode.SpecialOpener) return;
        CallForAssistance();
    }

    void CallForAssistance()
    {
        RaiseAlarm(AlarmKind.DoorAssistance);
        _assistanceTimer.Start(AssistanceSounderTime);
    }

    void OnHeld()
    {
        if (_egressTimer.IsPending || !AnyPressed) return;
        if (_egressDelay == TimeSpan.Zero)
        {
            OnEgressDue();
            return;
        }
        _egressTimer.Start(_egressDelay);
        _egressAnnounced = false;
        if (_mode == DoorMode.SpecialOpener && !ReleaseActive) AnnounceEgress();
    }

    /// <summary>Delayed egress is audible and calls staff from its first second (unless the door is open to them already).</summary>
    void AnnounceEgress()
    {
        if (_egressAnnounced) return;
        _egressAnnounced = true;
        Emit(new DelayedEgressStarted(DoorId, Now, Now + _egressDelay));
        CallForAssistance();
    }

    /// <summary>Nothing cancels a delayed egress once started: the door delays, it never imprisons.</summary>
    void OnEgressDue()
    {
        _egressAnnounced = false;
        if (AnyPressed) ReleaseWhileHeld(ReleaseCauses.DelayedEgress);
        else Release(ReleaseCauses.DelayedEgress, _releaseTime);
    }
}
