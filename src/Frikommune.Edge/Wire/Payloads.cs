using System.Text.Json.Serialization;

namespace Frikommune.Edge.Wire;

// The shapes of CONTRACT §§ 4–5, member order = field order on the wire. Optional fields are null and left out.

/// <summary><c>P/status</c>: <c>{"state":"online"|"offline","version","since"}</c>.</summary>
public sealed record StatusPayload(string State, string Version, DateTimeOffset Since);

/// <summary><c>P/alarms/&lt;id&gt;</c>; over HTTP and on the page also with where it was called out.</summary>
public sealed record AlarmPayload(
    string Id, string Kind, string Priority, string Site, string? Door, string? Room,
    DateTimeOffset RaisedAt, string State, string? AckedBy, int Escalation, IReadOnlyList<DeliveryPayload>? Deliveries = null);

public sealed record DeliveryPayload(string Receiver, string State);

/// <summary>
/// A door's state: <c>P/doors/&lt;id&gt;/state</c> without id, name and kind; <c>/api/doors</c> with the id;
/// <c>/api/status</c> with the kind; the page with the name.
/// </summary>
public sealed record DoorView(string? Id, string? Name, string? Kind, string Mode, bool Locked, bool Open, DateTimeOffset Since);

/// <summary>The MQTT answer to a check-in request: a grant, or <c>granted:false</c> with the refusal code.</summary>
public sealed record CheckInReply(
    string RequestId, bool Granted, string? SessionId = null, string? Room = null, DateTimeOffset? ExpiresAt = null,
    string? StreamUrl = null, string? Reason = null);

/// <summary>The HTTP grant: 201 <c>{"sessionId","room","expiresAt","streamUrl"}</c>.</summary>
public sealed record CheckInGrantView(string SessionId, string Room, DateTimeOffset ExpiresAt, string StreamUrl);

/// <summary>An open check-in as <c>GET /api/checkins</c> lists it.</summary>
public sealed record CheckInSessionView(string SessionId, string Room, string Staff, DateTimeOffset OpenedAt, DateTimeOffset ExpiresAt);

/// <summary><c>P/checkins/&lt;sessionId&gt;</c>: every field always present, <c>closedAt</c> and <c>viewedSeconds</c> null while open.</summary>
public sealed record CheckInSessionEvent(
    string State, string Room, string Staff, DateTimeOffset OpenedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? ClosedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? ViewedSeconds);

/// <summary>One audit record, for <c>P/audit</c> and <c>audit export --format json</c>.</summary>
public sealed record AuditRecordPayload(
    long Seq, DateTimeOffset Time, string Kind, AuditRefsPayload Refs, string Actor,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] IReadOnlyDictionary<string, string?> Details, string Hash);

public sealed record AuditRefsPayload(string? Decision, string? Resident, string? Door, string? Room, string? Alarm, string? Session);

/// <summary>Why a request was refused: <c>{"reason":"&lt;code or text&gt;"}</c>.</summary>
public sealed record Refusal(string? Reason);
