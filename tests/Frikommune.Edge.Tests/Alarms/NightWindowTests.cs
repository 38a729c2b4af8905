using Frikommune.Edge.Alarms;
using Frikommune.Edge.Configuration;

namespace Frikommune.Edge.Tests.Alarms;

public class NightWindowTests
{
    static readonly TimeZoneInfo Copenhagen = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    static NightWindow Night(string from, string to) =>
        NightWindow.For(new SiteOptions { TimeZone = "Europe/Copenhagen", Night = new NightOptions { From = from, To = to } });

    static DateTimeOffset Utc(int month, int day, int hour, int minute, int second = 0) => new(2026, month, day, hour, minute, second, TimeSpan.Zero);

    [Theory]
    [InlineData(23, 20, 59, 59, false)] // 21:59:59 local (CET, UTC+1)
    [InlineData(23, 21, 0, 0, true)]    // 22:00
    [InlineData(23, 23, 30, 0, true)]   // 00:30, after midnight
    [InlineData(24, 5, 59, 59, true)]   // 06:59:59
    [InlineData(24, 6, 0, 0, false)]    // 07:00
    [InlineData(24, 12, 0, 0, false)]   // 13:00
    public void Night_spans_midnight_in_winter(int day, int hour, int minute, int second, bool expected)
    {
        Assert.Equal(expected, Night("22:00", "07:00").Contains(Utc(11, day, hour, minute, second)));
    }

    [Fact]
    public void Night_within_one_day()
    {
        var night = Night("01:00", "05:00");
        Assert.False(night.Contains(Utc(11, 23, 23, 59)));  // 00:59 local
        Assert.True(night.Contains(Utc(11, 24, 0, 0)));     // 01:00 local
        Assert.True(night.Contains(Utc(11, 24, 3, 59)));    // 04:59 local
        Assert.False(night.Contains(Utc(11, 24, 4, 0)));    // 05:00 local
    }

    [Fact]
    public void Equal_from_and_to_is_no_night()
    {
        var night = Night("22:00", "22:00");
        Assert.False(night.Contains(Utc(11, 23, 21, 0)));
        Assert.False(night.Contains(Utc(11, 24, 2, 0)));
    }

    [Fact]
    public void Spring_forward_night_ends_at_seven_summer_time()
    {
        // 29 March 2026: 02:00 CET becomes 03:00 CEST at 01:00 UTC. The night is one hour shorter.
        var night = Night("22:00", "07:00");
        Assert.False(night.Contains(Utc(3, 28, 20, 59, 59)));
        Assert.True(night.Contains(Utc(3, 28, 21, 0)));      // 22:00 CET
        Assert.True(night.Contains(Utc(3, 29, 0, 59, 59)));  // 01:59:59 CET
        Assert.True(night.Contains(Utc(3, 29, 1, 0)));       // 03:00 CEST
        Assert.True(night.Contains(Utc(3, 29, 4, 59, 59)));  // 06:59:59 CEST
        Assert.False(night.Contains(Utc(3, 29, 5, 0)));      // 07:00 CEST; a fixed +1 offset would still say night
        Assert.True(night.Contains(Utc(3, 29, 20, 0)));      // 22:00 CEST the next evening
        Assert.False(night.Contains(Utc(3, 29, 19, 59, 59)));
    }

    [Fact]
    public void Fall_back_night_ends_at_seven_winter_time()
    {
        // 25 October 2026: 03:00 CEST becomes 02:00 CET at 01:00 UTC. The night is one hour longer.
        var night = Night("22:00", "07:00");
        Assert.False(night.Contains(Utc(10, 24, 19, 59, 59)));
        Assert.True(night.Contains(Utc(10, 24, 20, 0)));     // 22:00 CEST
        Assert.True(night.Contains(Utc(10, 25, 0, 30)));     // 02:30 CEST, first time
        Assert.True(night.Contains(Utc(10, 25, 1, 30)));     // 02:30 CET, second time
        Assert.True(night.Contains(Utc(10, 25, 5, 59, 59))); // 06:59:59 CET
        Assert.False(night.Contains(Utc(10, 25, 6, 0)));     // 07:00 CET
    }

    [Fact]
    public void Night_starting_in_the_skipped_hour_starts_when_the_clock_jumps()
    {
        var night = Night("02:30", "05:00");
        Assert.False(night.Contains(Utc(3, 29, 0, 59, 59))); // 01:59:59 CET
        Assert.True(night.Contains(Utc(3, 29, 1, 0)));       // 03:00 CEST, 02:30 never showed
        Assert.True(night.Contains(Utc(3, 29, 2, 59, 59)));  // 04:59:59 CEST
        Assert.False(night.Contains(Utc(3, 29, 3, 0)));      // 05:00 CEST
    }

    [Fact]
    public void Night_ending_in_the_repeated_hour_ends_the_first_time_the_clock_shows_it()
    {
        var night = Night("22:00", "02:30");
        Assert.True(night.Contains(Utc(10, 25, 0, 29, 59)));  // 02:29:59 CEST
        Assert.False(night.Contains(Utc(10, 25, 0, 30)));     // 02:30 CEST
        Assert.False(night.Contains(Utc(10, 25, 1, 15)));     // 02:15 CET, the clock shows it again
        Assert.False(night.Contains(Utc(10, 25, 1, 45)));
    }

    [Fact]
    public void Every_minute_of_a_year_agrees_with_the_local_clock_outside_changeover_days()
    {
        var night = Night("22:00", "07:00");
        for (var instant = Utc(1, 1, 0, 0); instant < new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero); instant = instant.AddMinutes(17))
        {
            var local = TimeZoneInfo.ConvertTime(instant, Copenhagen);
            var expected = local.TimeOfDay >= TimeSpan.FromHours(22) || local.TimeOfDay < TimeSpan.FromHours(7);
            Assert.True(expected == night.Contains(instant), $"{instant:O} local {local:O}");
        }
    }
}
