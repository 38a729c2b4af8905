using Frikommune.Edge.Decisions;
using static Frikommune.Edge.Tests.Decisions.DecisionTestKit;

namespace Frikommune.Edge.Tests.Decisions;

public sealed class DecisionRegistryTests : IDisposable
{
    readonly DecisionTestKit _kit = new();
    readonly SettableClockTrust _clock = new();
    readonly DecisionRegistry _registry;

    public DecisionRegistryTests() => _registry = new DecisionRegistry(_clock);

    public void Dispose() => _kit.Dispose();

    Decision Decide(Dictionary<string, object?> claims) =>
        _kit.Verifier().Reverify(_kit.Sign(claims)).Verified!.Decision!;

    static readonly DateTimeOffset Nbf = Now.AddDays(1);
    static readonly DateTimeOffset Exp = Now.AddDays(8);

    MeasureAnswer Sleep(DateTimeOffset at, string? resident = "resident-7f3a", string room = "room-12") =>
        _registry.Check(Measures.SleepMonitoring, room, resident, at);

    [Fact]
    public void Nothing_is_in_force_without_a_decision() =>
        Assert.Equal(MeasureAnswer.No(InForceReasons.NoDecision), Sleep(Now));

    [Fact]
    public void A_measure_is_in_force_from_nbf_inclusive_to_exp_exclusive()
    {
        _registry.Add(Decide(Claims(nbf: Nbf, exp: Exp)));

        Assert.Equal(InForceReasons.NotYetValid, Sleep(Nbf.AddTicks(-1)).Reason);
        Assert.True(Sleep(Nbf).InForce);
        Assert.True(Sleep(Exp.AddTicks(-1)).InForce);
        Assert.Equal(InForceReasons.Expired, Sleep(Exp).Reason);
    }

    [Fact]
    public void A_yes_names_the_decisions_behind_it()
    {
        _registry.Add(Decide(Claims(jti: "d-a", nbf: Nbf, exp: Exp)));
        _registry.Add(Decide(Claims(jti: "d-b", nbf: Nbf.AddDays(2), exp: Exp)));

        Assert.Equal(["d-a"], Sleep(Nbf).DecisionIds);
        Assert.Equal(["d-a", "d-b"], Sleep(Nbf.AddDays(3)).DecisionIds.Order());
    }

    [Fact]
    public void Only_the_named_measure_room_and_resident_count()
    {
        _registry.Add(Decide(Claims(nbf: Nbf, exp: Exp)));

        Assert.True(_registry.Check(Measures.VideoCheckIn, "room-12", "resident-7f3a", Nbf).InForce);
        Assert.Equal(InForceReasons.NoDecision, _registry.Check(Measures.MotionMonitoring, "room-12", "resident-7f3a", Nbf).Reason);
        Assert.Equal(InForceReasons.NoDecision, Sleep(Nbf, room: "room-13").Reason);
        Assert.Equal(InForceReasons.NoDecision, Sleep(Nbf, resident: "resident-other").Reason);
        Assert.True(Sleep(Nbf, resident: null).InForce);
    }

    [Fact]
    public void The_door_opener_is_looked_up_by_door()
    {
        _registry.Add(Decide(DoorClaims()));

        Assert.True(_registry.Check(Measures.DoorOpener, "door-west", null, Now).InForce);
        Assert.False(_registry.Check(Measures.DoorOpener, "door-east", null, Now).InForce);
    }

    [Fact]
    public void A_revocation_takes_effect_at_once_and_raises_changed()
    {
        _registry.Add(Decide(Claims()));
        var changes = 0;
        _registry.Changed += () => changes++;

        _registry.Revoke("d-2026-0042");

        Assert.Equal(InForceReasons.Revoked, Sleep(Now).Reason);
        Assert.Equal(1, changes);
    }

    [Fact]
    public void A_revocation_that_came_first_applies_to_the_decision_when_it_arrives()
    {
        _registry.Revoke("d-2026-0042");
        _registry.Add(Decide(Claims()));

        Assert.Equal(InForceReasons.Revoked, Sleep(Now).Reason);
    }

    [Fact]
    public void One_revoked_decision_does_not_hide_another_valid_one()
    {
        _registry.Add(Decide(Claims(jti: "d-a")));
        _registry.Add(Decide(Claims(jti: "d-b")));
        _registry.Revoke("d-a");

        Assert.Equal(["d-b"], Sleep(Now).DecisionIds);
    }

    [Fact]
    public void An_untrusted_clock_puts_nothing_in_force_and_is_announced()
    {
        _registry.Add(Decide(Claims()));
        var changes = 0;
        _registry.Changed += () => changes++;

        _clock.IsTrusted = false;

        Assert.Equal(MeasureAnswer.No(InForceReasons.ClockUntrusted), Sleep(Now));
        Assert.Equal(1, changes);
        _clock.IsTrusted = true;
        Assert.True(Sleep(Now).InForce);
    }

    [Fact]
    public void Adding_raises_changed_and_the_same_id_is_not_added_twice()
    {
        var changes = 0;
        _registry.Changed += () => changes++;

        Assert.True(_registry.Add(Decide(Claims())));
        Assert.False(_registry.Add(Decide(Claims())));
        Assert.Equal(1, changes);
        Assert.Equal(1, _registry.Count);
    }

    [Fact]
    public void Next_change_is_the_next_nbf_or_exp_strictly_after_t()
    {
        _registry.Add(Decide(Claims(jti: "d-a", nbf: Nbf, exp: Exp)));
        _registry.Add(Decide(Claims(jti: "d-b", nbf: Nbf.AddDays(2), exp: Exp.AddDays(1))));

        Assert.Equal(Nbf, _registry.NextChangeAfter(Now));
        Assert.Equal(Nbf.AddDays(2), _registry.NextChangeAfter(Nbf));
        Assert.Equal(Exp, _registry.NextChangeAfter(Nbf.AddDays(2)));
        Assert.Equal(Exp.AddDays(1), _registry.NextChangeAfter(Exp));
        Assert.Null(_registry.NextChangeAfter(Exp.AddDays(1)));
    }

    [Fact]
    public void A_revoked_decision_no_longer_sets_a_next_change()
    {
        _registry.Add(Decide(Claims(nbf: Nbf, exp: Exp)));
        _registry.Revoke("d-2026-0042");

        Assert.Null(_registry.NextChangeAfter(Now));
    }

    [Fact]
    public void States_list_every_decision_with_its_state()
    {
        _registry.Add(Decide(Claims(jti: "d-valid")));
        _registry.Add(Decide(Claims(jti: "d-later", nbf: Nbf, exp: Exp)));
        _registry.Add(Decide(Claims(jti: "d-ended", nbf: Now.AddDays(-5), exp: Now)));
        _registry.Add(Decide(Claims(jti: "d-revoked")));
        _registry.Revoke("d-revoked");

        var states = _registry.States(Now).ToDictionary(v => v.Id, v => v.State);

        Assert.Equal(new Dictionary<string, string>
        {
            ["d-valid"] = "valid", ["d-later"] = "not-yet-valid", ["d-ended"] = "expired", ["d-revoked"] = "revoked",
        }, states);
    }

    [Fact]
    public void States_do_not_depend_on_clock_trust()
    {
        _registry.Add(Decide(Claims()));
        _clock.IsTrusted = false;

        Assert.Equal("valid", Assert.Single(_registry.States(Now)).State);
    }

    [Fact]
    public void Load_replaces_everything()
    {
        _registry.Add(Decide(Claims(jti: "d-old")));

        _registry.Load([Decide(Claims(jti: "d-new")), Decide(Claims(jti: "d-gone"))], ["d-gone"]);

        Assert.Equal(["d-new"], Sleep(Now).DecisionIds);
        Assert.False(_registry.TryGet("d-old", out _, out _));
        Assert.True(_registry.TryGet("d-gone", out _, out var revoked) && revoked);
    }

    [Fact]
    public void A_single_decision_yes_allocates_nothing()
    {
        _registry.Add(Decide(Claims()));
        Sleep(Now);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++) Sleep(Now);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
