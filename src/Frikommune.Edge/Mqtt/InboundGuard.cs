using Frikommune.Edge.Sensors;

namespace Frikommune.Edge.Mqtt;

/// <summary>
/// The first thing every inbound message meets: what the subscriber expects, checked by the one
/// <see cref="PayloadGuard"/> (its limits, its codes). Returns why a payload must be dropped, or null.
/// </summary>
public static class InboundGuard
{
    public static string? Check(ReadOnlySpan<byte> payload, PayloadKind expects) => expects switch
    {
        PayloadKind.Bytes => PayloadGuard.CheckSize(payload.Length),
        // An empty text payload clears a retained topic (a decision withdrawn): it is passed on.
        PayloadKind.Text => PayloadGuard.CheckText(payload),
        _ => PayloadGuard.CheckJson(payload),
    };
}
