using Frikommune.Edge.Decisions;

namespace Frikommune.Edge.Tests.Decisions;

public sealed class DecisionListFormatTests
{
    static readonly DecisionView View = new("d-2026-0042", "§14f", ["sleep-monitoring", "video-checkin"], ["room-12"], [],
        "resident-7f3a", new DateTimeOffset(2025, 11, 23, 12, 13, 20, TimeSpan.Zero),
        new DateTimeOffset(2026, 2, 24, 4, 26, 40, TimeSpan.FromHours(1)), "valid", "herning-kommune");

    [Fact]
    public void Json_is_camel_case_with_utc_times()
    {
        var json = DecisionListFormat.ToJson([View]).Replace("\r", "").Replace("\n", "").Replace(" ", "");

        Assert.Equal("""[{"id":"d-2026-0042","basis":"§14f","measures":["sleep-monitoring","video-checkin"],"rooms":["room-12"],"doors":[],"resident":"resident-7f3a","nbf":"2025-11-23T12:13:20.000Z","exp":"2026-02-24T03:26:40.000Z","state":"valid","issuer":"herning-kommune","objection":"suspends"}]""",
            json);
    }

    [Fact]
    public void The_table_has_a_header_and_one_aligned_row_per_decision()
    {
        var lines = DecisionListFormat.ToTable([View, View with { Id = "d-1", State = "revoked", Doors = ["door-west"] }])
            .TrimEnd().Split(Environment.NewLine);

        Assert.Equal(3, lines.Length);
        Assert.StartsWith("ID", lines[0]);
        Assert.Contains("2025-11-23T12:13:20.000Z", lines[1]); // the one time format (Clock/IsoTime)
        Assert.EndsWith("revoked", lines[2]);
        Assert.Equal(lines[0].IndexOf("STATE"), lines[1].IndexOf("valid"));
        Assert.Equal(lines[0].IndexOf("ISSUER"), lines[1].IndexOf("herning-kommune"));
        Assert.Equal(lines[0].IndexOf("BASIS"), lines[1].IndexOf("§14f"));
    }

    [Fact]
    public void An_issuer_with_control_characters_stays_on_its_line()
    {
        var table = DecisionListFormat.ToTable([View with { Issuer = "evil\nSTATE valid\r" }]);

        Assert.Equal(2, table.TrimEnd().Split(Environment.NewLine).Length);
    }
}
