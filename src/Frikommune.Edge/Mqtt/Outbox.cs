namespace Frikommune.Edge.Mqtt;

/// <summary>
/// Publishes waiting for the broker, in order, bounded in memory: when full, the oldest is dropped so the
/// newest state wins. Durable outboxes (alarms) belong to their capability, not here.
/// </summary>
/// <remarks>
/// Several publishes may be in flight at once, each lane within its own window, but never two for the same topic:
/// a later message for a topic waits for the broker's answer to the earlier one, so a retained topic always ends
/// at the latest state, also when a publish fails and goes again after a reconnect.
/// </remarks>
public sealed class Outbox(int capacity)
{
    readonly LinkedList<Item> _items = new();
    readonly Lock _lock = new();
    readonly SemaphoreSlim _available = new(0);
    int _sending, _sendingBulk;

    public int Capacity { get; } = capacity;
    public int Count { get { lock (_lock) return _items.Count; } }

    /// <summary>Publishes handed to the client and not yet answered.</summary>
    public int InFlight { get { lock (_lock) return _sending + _sendingBulk; } }

    /// <summary>Adds a message; returns the one dropped to make room, if any.</summary>
    public Item Enqueue(OutboundMessage message, out Item? dropped)
    {
        var item = new Item(message);
        dropped = null;
        lock (_lock)
        {
            if (_items.Count >= Capacity)
            {
                // The oldest not already on its way.
                for (var node = _items.First; node is not null; node = node.Next)
                    if (!node.Value.Sending) { dropped = node.Value; _items.Remove(node); break; }
            }
            _items.AddLast(item);
        }
        Signal();
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

    /// <summary>
    /// The next message that may go now — the first waiting one of its topic, its lane's window not full, ordinary
    /// traffic before bulk — marked as sending; or null when nothing may go within <paramref name="wait"/>.
    /// </summary>
    public async Task<Item?> NextAsync(int window, int bulkWindow, TimeSpan wait, CancellationToken cancellationToken, TimeProvider? time = null)
    {
        if (TryTake(window, bulkWindow) is { } ready) return ready;
        // A cancelled SemaphoreSlim wait leaves no waiter behind to swallow a later signal. The wait runs on the
        // injected clock, so the send loop's beat keeps the watchdog's time.
        using var timeout = new CancellationTokenSource(wait, time ?? TimeProvider.System);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try { await _available.WaitAsync(linked.Token).ConfigureAwait(false); }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { return null; }
        return TryTake(window, bulkWindow);
    }

    Item? TryTake(int window, int bulkWindow)
    {
        lock (_lock)
        {
            if (_sending >= window && _sendingBulk >= bulkWindow) return null;
            var blocked = new HashSet<string>(StringComparer.Ordinal);
            Item? bulk = null;
            for (var node = _items.First; node is not null; node = node.Next)
            {
                var item = node.Value;
                // Bulk records (audit) carry their own sequence numbers and are not retained: they may overlap.
                var ordered = !item.Message.Bulk || item.Message.Retain;
                if (ordered && !blocked.Add(item.Message.Topic)) continue;
                if (item.Sending) continue;
                if (!item.Message.Bulk && _sending < window) { item.Sending = true; _sending++; return item; }
                if (item.Message.Bulk && bulk is null && _sendingBulk < bulkWindow) bulk = item;
                if (bulk is not null && _sending >= window) break;
            }
            if (bulk is null) return null;
            bulk.Sending = true;
            _sendingBulk++;
            return bulk;
        }
    }

    public void Complete(Item item, PublishOutcome outcome)
    {
        lock (_lock)
        {
            if (item.Sending) Release(item);
            _items.Remove(item);
        }
        item.Done.TrySetResult(outcome);
        Signal();
    }

    /// <summary>A publish that failed on the way: the item stays in its place and goes again.</summary>
    public void Return(Item item)
    {
        lock (_lock) if (item.Sending) Release(item);
        Signal();
    }

    void Release(Item item)
    {
        item.Sending = false;
        if (item.Message.Bulk) _sendingBulk--;
        else _sending--;
    }

    void Signal()
    {
        if (_available.CurrentCount == 0) _available.Release();
    }

    /// <summary>On stop: every waiting message is reported dropped; returns how many.</summary>
    public int DropAll()
    {
        Item[] all;
        lock (_lock)
        {
            all = [.. _items];
            _items.Clear();
            foreach (var item in all) if (item.Sending) Release(item);
        }
        foreach (var item in all) item.Done.TrySetResult(PublishOutcome.Dropped);
        return all.Length;
    }

    public sealed class Item(OutboundMessage message)
    {
        public OutboundMessage Message { get; } = message;
        public TaskCompletionSource<PublishOutcome> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        internal bool Sending { get; set; }
    }
}
