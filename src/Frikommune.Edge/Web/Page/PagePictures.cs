using System.Text.Json;
using Frikommune.Edge.Alarms;
using Frikommune.Edge.Cameras;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Doors;
using Frikommune.Edge.Gpio;
using Frikommune.Edge.CheckIns;
using Frikommune.Edge.Wire;

namespace Frikommune.Edge.Web.Page;

/// <summary>What the staff view shows, as JSON: open alarms, doors, and rooms with whether a camera is being watched.</summary>
public sealed class PagePictures(AlarmDesk desk, DoorFleet fleet, DoorList doors, RoomList rooms,
    CheckInViewers? viewers = null, Notify.DeliveryBook? deliveries = null)
{
    static readonly WebJsonContext Views = new(WireJson.Options());

    public string Alarms() => JsonSerializer.Serialize(
        desk.Open().Select(a => AlarmJson.Payload(a, deliveries?.For(a.Id) ?? [])).ToList(), WireJson.Compact.ListAlarmPayload);

    public string Doors() => JsonSerializer.Serialize(
        fleet.Doors.Select(d => DoorEventPump.View(d.State, d.DoorId, doors.FirstOrDefault(o => o.Id == d.DoorId)?.Name)).ToList(),
        WireJson.Compact.ListDoorView);

    public string Rooms() => JsonSerializer.Serialize(
        rooms.Select(r => new RoomPictureView(r.Id, r.Camera.Kind.Length > 0, viewers?.IsViewing(r.Id) ?? false)).ToList(), Views.ListRoomPictureView);
}
