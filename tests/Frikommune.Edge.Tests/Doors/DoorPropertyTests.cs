using CsCheck;
using Frikommune.Edge.Doors;

namespace Frikommune.Edge.Tests.Doors;

/// <summary>The door delays, it never imprisons — for any sequence of inputs and time.</summary>
public class DoorPropertyTests
{
    static readonly TimeSpan Step = TimeSpan.FromMilliseconds(10);

    public enum Kind { PressA, LetGoA, PressB, LetGoB, Open, Close, Fire, FireOff, Decisions, NoDecisions, AlarmPath, NoAlarmPath, Staff, Fault, NoFault, Silence, Wait }

    /// <summary>One input; <see cref="Arg"/> is the wait in 10 ms steps or the staff release seconds.</summary>
    public sealed record Op(Kind Kind, int Arg);

    public sealed record Setup(int WindowMs, int ReleaseSeconds, int HeldOpenSeconds, int EgressSeconds, bool StartSpecial);

    /// <summary>Buttons and the door move often; the inputs that free the door come rarely, or they would hide everything else.</summary>
    static Gen<Op> GenOp(int maxWaitSteps) => Gen.Frequency(
        (20, Gen.Int[0, maxWaitSteps].Select(n => new Op(Kind.Wait, n))),
        (16, Gen.OneOf(Kind.PressA, Kind.LetGoA, Kind.PressB, Kind.LetGoB).Select(k => new Op(k, 0))),
        (6, Gen.OneOf(Kind.Open, Kind.Close, Kind.Silence, Kind.Decisions, Kind.AlarmPath, Kind.NoFault, Kind.FireOff).Select(k => new Op(k, 0))),
        (3, Gen.OneOf(Kind.Fire, Kind.Fault, Kind.NoDecisions, Kind.NoAlarmPath).Select(k => new Op(k, 0))),
        (1, Gen.Int[0, 320].Select(n => new Op(Kind.Staff, n))));

    static readonly Gen<Setup> GenSetup = Gen.Select(Gen.Int[20, 300], Gen.Int[1, 10], Gen.Int[1, 60], Gen.Int[0, 30], Gen.Bool)
        .Select(t => new Setup(t.Item1 * 10, t.Item2, t.Item3, t.Item4, t.Item5));

    [Fact]
    public void A_button_held_for_DelayedEgressSeconds_plus_3_s_always_ends_released()
    {
        Gen.Select(GenSetup, GenOp(2000).Array[0, 30], Gen.Enum<DoorButton>(), GenOp(300).Array[0, 40])
            .Sample((setup, before, held, during) =>
            {
                using var h = Start(setup);
                foreach (var op in before) Apply(h, op);
                h.Door.SetButton(held, false);
                h.Door.SetButton(held, true);
                var deadline = h.Time.GetUtcNow() + TimeSpan.FromSeconds(setup.EgressSeconds + 3);
                foreach (var op in during.Where(o => !Touches(o, held)))
                {
                    if (op.Kind == Kind.Wait)
                    {
                        var left = deadline - h.Time.GetUtcNow();
                        h.Time.AdvanceInSteps(TimeSpan.FromMilliseconds(Math.Min(op.Arg * 10, left.TotalMilliseconds)), Step);
                    }
                    else Apply(h, op);
                }
                h.Time.AdvanceInSteps(deadline - h.Time.GetUtcNow(), Step);

                Assert.False(h.Locked, "the lock is still high with the button held past the delayed egress");
            }, iter: 500);
    }

    [Fact]
    public void While_the_fire_input_is_active_the_lock_output_is_never_high()
    {
        Gen.Select(GenSetup, GenOp(2000).Array[1, 60]).Sample((setup, ops) =>
        {
            using var h = Start(setup);
            var fire = false;
            h.Door.Subscribe(new Check(e =>
            {
                if (e is LockOutputChanged { Locked: true } && fire) throw new InvalidOperationException("locked during a fire");
            }));
            foreach (var op in ops)
            {
                if (op.Kind is Kind.Fire or Kind.FireOff) fire = op.Kind == Kind.Fire;
                Apply(h, op);
                if (fire) Assert.False(h.Locked);
            }
        }, iter: 500);
    }

    static DoorHarness Start(Setup s)
    {
        var h = new DoorHarness(o =>
        {
            o.TwoButtonWindowMs = s.WindowMs;
            o.ReleaseSeconds = s.ReleaseSeconds;
            o.HeldOpenAlarmSeconds = s.HeldOpenSeconds;
            o.DelayedEgressSeconds = s.EgressSeconds;
        });
        if (s.StartSpecial)
        {
            h.Door.SetValidDecisions(["d-1"]);
            h.Door.SetDoorAlarmPath(true);
        }
        h.Door.Start();
        return h;
    }

    static bool Touches(Op op, DoorButton b) => b == DoorButton.A
        ? op.Kind is Kind.PressA or Kind.LetGoA
        : op.Kind is Kind.PressB or Kind.LetGoB;

    static void Apply(DoorHarness h, Op op)
    {
        var d = h.Door;
        switch (op.Kind)
        {
            case Kind.PressA: d.SetButton(DoorButton.A, true); break;
            case Kind.LetGoA: d.SetButton(DoorButton.A, false); break;
            case Kind.PressB: d.SetButton(DoorButton.B, true); break;
            case Kind.LetGoB: d.SetButton(DoorButton.B, false); break;
            case Kind.Open: d.SetContact(true); break;
            case Kind.Close: d.SetContact(false); break;
            case Kind.Fire: d.SetFireAlarm(true); break;
            case Kind.FireOff: d.SetFireAlarm(false); break;
            case Kind.Decisions: d.SetValidDecisions(["d-1"]); break;
            case Kind.NoDecisions: d.SetValidDecisions([]); break;
            case Kind.AlarmPath: d.SetDoorAlarmPath(true); break;
            case Kind.NoAlarmPath: d.SetDoorAlarmPath(false); break;
            case Kind.Staff: d.StaffRelease("staff-1", op.Arg); break;
            case Kind.Fault: d.SetFault("stuck"); break;
            case Kind.NoFault: d.SetFault(null); break;
            case Kind.Silence: d.SilenceAssistance(); break;
            case Kind.Wait: h.Time.AdvanceInSteps(TimeSpan.FromMilliseconds(op.Arg * 10), Step); break;
        }
    }

    sealed class Check(Action<DoorEvent> check) : IDoorObserver
    {
        public void OnDoorEvent(DoorEvent e) => check(e);
    }
}
