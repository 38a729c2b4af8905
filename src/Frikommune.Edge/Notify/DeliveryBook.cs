using Frikommune.Edge.Observing;
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

    readonly Observers<IDeliveryObserver> _observers = new();

    /// <summary>Tells <paramref name="observer"/> after every change, outside the book's lock.</summary>
    public IDisposable Subscribe(IDeliveryObserver observer) => _observers.Add(observer);

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
        foreach (var observer in _observers.Now) observer.OnDeliveriesChanged();
    }

    public IReadOnlyList<AlarmDelivery> For(string alarmId)
    {
        lock (_gate) return _byAlarm.TryGetValue(alarmId, out var list) ? list.ToList() : [];
    }
}

/// <summary>Told after a delivery of an alarm to a receiver changed (sent, confirmed, failed).</summary>
public interface IDeliveryObserver
{
    void OnDeliveriesChanged();
}
