using Frikommune.Edge.CheckIns;
using Frikommune.Edge.Decisions;

namespace Frikommune.Edge.Tests.CheckIns;

public class CheckInTriggerTests
{
    [Theory]
    [InlineData("seizure", "sleep-alarm")]
    [InlineData("breathing", "sleep-alarm")]
    [InlineData("heart-rate", "sleep-alarm")]
    [InlineData("bed-exit", "sleep-alarm")]
    [InlineData("motion-night", "motion-alarm")]
    [InlineData("door-assistance", "door-alarm")]
    [InlineData("door-forced", "door-alarm")]
    [InlineData("door-held-open", "door-alarm")]
    [InlineData("sensor-silent", null)]
    [InlineData("technical", null)]
    [InlineData("fire-release", null)]
    public void Alarm_kinds_map_to_trigger_families(string kind, string? family) =>
        Assert.Equal(family, CheckInTriggers.ForAlarmKind(kind));

    static GateFixture AlarmOnly(params string[] triggers)
    {
        var f = new GateFixture();
        f.Facts[GateFixture.RoomId].Policies[0] = Policies.Make(triggers: triggers);
        return f;
    }

    [Fact]
    public void Without_staff_request_a_request_with_no_alarm_is_not_situational()
    {
        var f = AlarmOnly(CheckInTriggers.SleepAlarm);

        Assert.Equal(CheckInRefusals.NotSituational, f.Refusal());
        Assert.Equal(CheckInRefusals.NotSituational, f.Refusal(CheckInOrigin.Alarm));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(300, true)]
    [InlineData(301, false)]
    public void A_resolved_alarm_counts_only_within_the_trigger_window(int secondsAgo, bool granted)
    {
        var f = AlarmOnly(CheckInTriggers.SleepAlarm);
        f.Facts[GateFixture.RoomId].Alarms.Add(new RecentAlarm("seizure", f.Now, Open: false));
        f.Advance(secondsAgo);

        var outcome = f.Ask(CheckInOrigin.Alarm);

        Assert.Equal(granted, outcome.Granted);
        if (granted) Assert.Equal(CheckInTriggers.SleepAlarm, ((CheckInGrant)outcome).Trigger);
        else Assert.Equal(CheckInRefusals.NotSituational, ((CheckInRefusal)outcome).Code);
    }

    [Fact]
    public void An_alarm_still_open_counts_however_old()
    {
        var f = AlarmOnly(CheckInTriggers.DoorAlarm);
        f.Facts[GateFixture.RoomId].Alarms.Add(new RecentAlarm("door-assistance", f.Now, Open: true));
        f.Advance(3600);

        Assert.Equal(CheckInTriggers.DoorAlarm, f.Grant().Trigger);
    }

    [Theory]
    [InlineData("motion-night")]
    [InlineData("sensor-silent")]
    [InlineData("technical")]
    public void An_alarm_of_a_family_the_decision_does_not_name_is_not_situational(string kind)
    {
        var f = AlarmOnly(CheckInTriggers.SleepAlarm);
        f.Facts[GateFixture.RoomId].Alarms.Add(new RecentAlarm(kind, f.Now, Open: true));

        Assert.Equal(CheckInRefusals.NotSituational, f.Refusal(CheckInOrigin.Alarm));
    }

    [Fact]
    public void A_resolved_alarm_raised_in_the_future_after_a_clock_step_proves_nothing()
    {
        var f = AlarmOnly(CheckInTriggers.SleepAlarm);
        f.Facts[GateFixture.RoomId].Alarms.Add(new RecentAlarm("bed-exit", f.Now.AddSeconds(60), Open: false));

        Assert.Equal(CheckInRefusals.NotSituational, f.Refusal(CheckInOrigin.Alarm));
    }

    [Fact]
    public void An_alarm_origin_request_records_the_alarm_trigger_when_both_are_allowed()
    {
        var f = AlarmOnly(CheckInTriggers.StaffRequest, CheckInTriggers.MotionAlarm);
        f.Facts[GateFixture.RoomId].Alarms.Add(new RecentAlarm("motion-night", f.Now, Open: true));

        Assert.Equal(CheckInTriggers.MotionAlarm, f.Grant(CheckInOrigin.Alarm).Trigger);
    }
}
