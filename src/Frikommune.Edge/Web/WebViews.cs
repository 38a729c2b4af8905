namespace Frikommune.Edge.Web;

// What the HTTP API and the page answer beyond the shared payloads of Wire/ (member order = field order).

/// <summary><c>GET /api/status</c>. <c>Parts</c> holds each capability's piece (<see cref="IStatusPart"/>).</summary>
public sealed record StatusView(
    SiteView Site, string Version, bool Simulate, DateTimeOffset Now, ClockView Clock,
    IReadOnlyDictionary<string, int> Decisions, IReadOnlyDictionary<string, object> Parts, IReadOnlyList<ReceiverView> Receivers);

public sealed record SiteView(string Id, string Name);

public sealed record ClockView(bool Trusted, string? Problem);

public sealed record MqttStatusView(bool Connected, string Broker, DateTimeOffset? Since, int Queued);

public sealed record AlarmStatusView(int Open);

public sealed record GpioStatusView(string Driver, int Chip, bool Ok, string? Problem);

public sealed record RoomIndicatorView(string Id, IndicatorView Indicator);

public sealed record IndicatorView(int? Pin, bool Works);

public sealed record ReceiverView(string Id, string Kind, string State, string? LastError);

/// <summary>What a simulated handset displays (<c>GET /api/paging/calls</c>).</summary>
public sealed record PagingCallView(string Receiver, string CallAddress, string Text, string Priority, DateTimeOffset At);

/// <summary><c>GET /api/session</c>: who is logged in, and the CSRF token (absent with HTTP Basic, which needs none).</summary>
public sealed record SessionView(string? Name, string? Role, string? Csrf);

/// <summary><c>GET /api/page</c>: what the page needs to draw its buttons.</summary>
public sealed record PageView(string Site, DateTimeOffset Now, IReadOnlyList<string> Rooms, PageSimulationView? Simulation);

public sealed record PageSimulationView(IReadOnlyList<SimulatedDoorView> Doors, IReadOnlyList<SimulatedSensorView> Sensors);

public sealed record SimulatedDoorView(string Id, string Name, int? ButtonA, int? ButtonB, int? Contact);

public sealed record SimulatedSensorView(string Id, string Room, string Kind, string Format);

public sealed record CheckInGapView(string Room, int MinGapSeconds);

public sealed record RoomPictureView(string Id, bool Camera, bool Viewing);

/// <summary>The answer to <c>POST /api/residents/{ref}/objection</c>.</summary>
public sealed record ObjectionView(string Resident, bool Objects, string Outcome);

/// <summary>The answer to a played sensor message (<c>POST /api/sim/sensors/{id}</c>).</summary>
public sealed record SensorPlayView(string Sensor, string Outcome, string? Rejection);
