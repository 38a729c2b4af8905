using Frikommune.Edge.Alarms;

namespace Frikommune.Edge.Notify;

public enum DeliveryState : byte { Sent, Confirmed, Failed }

/// <summary>Per alarm and receiver, how far the call got: sent → confirmed, or failed. Keeps the latest 500 alarms.</summary>
public sealed class DeliveryBook
{
    const int KeepAlarms = 500;
    readonly Lock _gate = new();
    readonly Dictionary<string, List<AlarmDelivery>> _byAlarm = new(StringComparer.Ordinal);
    readonly Queue<string> _order = new();

    /// <summary>After every change, outside the book's lock.</summary>
    public event Action? Changed;

    public static string Name(DeliveryState state) => state switch
    {
        DeliveryState.Sent => "sent",
        DeliveryState.Confirmed => "confirmed",
        _ => "failed",
    };

    public void Set(string alarmId, string receiverId, DeliveryState state)
    {
        lock (_gate)
        {
            if (!_byAlarm.TryGetValue(alarmId, out var list))
            {
                _byAlarm[alarmId] = list = [];
                _order.Enqueue(alarmId);
                while (_order.Count > KeepAlarms) _byAlarm.Remove(_order.Dequeue());
            }
            var delivery = new AlarmDelivery(receiverId, Name(state));
            var i = list.FindIndex(d => d.Receiver == receiverId);
            if (i >= 0) list[i] = delivery; else list.Add(delivery);
        }
        Changed?.Invoke();
    }

    public IReadOnlyList<AlarmDelivery> For(string alarmId)
    {
        lock (_gate) return _byAlarm.TryGetValue(alarmId, out var list) ? list.ToList() : [];
    }
}
