using System.Net;
using System.Text.Json;
using Frikommune.Edge.Tests.Support;
using Frikommune.Edge.Users;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Tests.Page;

/// <summary><c>/api/page</c> and the check-in gap: what the page draws, read from the Site, Rooms, Doors and CheckIns sections.</summary>
public sealed class PageViewTests : IAsyncLifetime
{
    readonly TestSite _site = new();
    InProcessGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _site.Json["Site"]!["Name"] = "Afdeling Øst";
        _site.Json["CheckIns"]!["MinGapSecondsFloor"] = 900; // above the demo decisions' 600 s: the floor is what staff wait
        _site.Write();
        _gateway = await InProcessGateway.StartAsync(_site, simulate: true);
        _gateway.AddAnnaAndTom();
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _site.Dispose();
    }

    [Fact]
    public async Task The_page_shows_the_site_and_its_rooms_and_a_technician_the_simulated_doors_and_sensors()
    {
        using var staff = JsonDocument.Parse(await _gateway.Client("anna", "staff-password").GetStringAsync("/api/page"));
        Assert.Equal("Afdeling Øst", staff.RootElement.GetProperty("site").GetString());
        Assert.Equal(["room-12", "room-14"], staff.RootElement.GetProperty("rooms").EnumerateArray().Select(r => r.GetString()));
        Assert.False(staff.RootElement.TryGetProperty("simulation", out _)); // the simulation buttons are for technicians

        using var tech = JsonDocument.Parse(await _gateway.Client("tom", "tech-password").GetStringAsync("/api/page"));
        var simulation = tech.RootElement.GetProperty("simulation");
        var door = simulation.GetProperty("doors").EnumerateArray().Single();
        Assert.Equal(("door-west", "Yderdør vest", 17), (door.GetProperty("id").GetString(), door.GetProperty("name").GetString(), door.GetProperty("buttonA").GetInt32()));
        Assert.Equal(["bed-12", "pir-12", "mat-14"], simulation.GetProperty("sensors").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task The_check_in_gap_is_the_site_floor_when_it_is_above_the_decisions_gap()
    {
        var staff = _gateway.Client("anna", "staff-password");
        using var gap = JsonDocument.Parse(await staff.GetStringAsync("/api/page/rooms/room-12/checkin-gap"));
        Assert.Equal(900, gap.RootElement.GetProperty("minGapSeconds").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/api/page/rooms/room-99/checkin-gap")).StatusCode);
    }
}
