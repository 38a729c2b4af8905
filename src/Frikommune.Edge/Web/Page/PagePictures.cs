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
public sealed class PagePictures(AlarmDesk desk, DoorFleet doors, GatewayOptions options, IServiceProvider services)
{
    static readonly WebJsonContext Views = new(WireJson.Options());
    readonly CheckInViewers? _viewers = services.GetService<CheckInViewers>();

    readonly Notify.DeliveryBook? _deliveries = services.GetService<Notify.DeliveryBook>();

    public string Alarms() => JsonSerializer.Serialize(
        desk.Open().Select(a => AlarmJson.Payload(a, _deliveries?.For(a.Id) ?? [])).ToList(), WireJson.Compact.ListAlarmPayload);

    public string Doors() => JsonSerializer.Serialize(
        doors.Doors.Select(d => DoorEventPump.View(d.State, d.DoorId, options.Doors.FirstOrDefault(o => o.Id == d.DoorId)?.Name)).ToList(),
        WireJson.Compact.ListDoorView);

    public string Rooms() => JsonSerializer.Serialize(
        options.Rooms.Select(r => new RoomPictureView(r.Id, r.Camera.Kind.Length > 0, _viewers?.IsViewing(r.Id) ?? false)).ToList(), Views.ListRoomPictureView);
}
