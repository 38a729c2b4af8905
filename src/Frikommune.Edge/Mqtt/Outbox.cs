namespace Frikommune.Edge.Mqtt;

/// <summary>
/// Publishes waiting for the broker, in order, bounded in memory: when full, the oldest is dropped so the
/// newest state wins. Durable outboxes (alarms) belong to their capability, not here.
/// </summary>
public sealed class Outbox(int capacity)
{
    readonly LinkedList<Item> _items = new();
    readonly Lock _lock = new();
    readonly SemaphoreSlim _available = new(0);

    public int Capacity { get; } = capacity;
    public int Count { get { lock (_lock) return _items.Count; } }

    /// <summary>Adds a message; returns the one dropped to make room, if any.</summary>
    public Item Enqueue(OutboundMessage message, out Item? dropped)
    {
        var item = new Item(message);
        dropped = null;
        lock (_lock)
        {
            if (_items.Count >= Capacity)
            {
                dropped = _items.First!.Value;
                _items.RemoveFirst();
            }
            _items.AddLast(item);
        }
        if (dropped is null) _available.Release();
        dropped?.Done.TrySetResult(PublishOutcome.Dropped);
        return item;
    }

    /// <summary>Waits for the oldest item without taking it: it leaves only once the broker has it.</summary>
    public async Task<Item> PeekAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            lock (_lock)
            {
                for (var node = _items.First; node is not null; node = node.Next)
                    if (!node.Value.Message.Bulk) return node.Value;
                if (_items.First is { } first) return first.Value;
            }
            await _available.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Complete(Item item, PublishOutcome outcome)
    {
        lock (_lock) _items.Remove(item);
        item.Done.TrySetResult(outcome);
    }

    /// <summary>On stop: every waiting message is reported dropped; returns how many.</summary>
    public int DropAll()
    {
        Item[] all;
        lock (_lock) { all = [.. _items]; _items.Clear(); }
        foreach (var item in all) item.Done.TrySetResult(PublishOutcome.Dropped);
        return all.Length;
    }

    public sealed class Item(OutboundMessage message)
    {
        public OutboundMessage Message { get; } = message;
        public TaskCompletionSource<PublishOutcome> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
