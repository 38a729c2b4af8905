namespace Frikommune.Edge.Metrics;

/// <summary>
/// Opt-in timestamps of one alarm on its way through the gateway, hop by hop, for the alarm benchmark: where the time
/// between a sensor message and its alarm on the broker goes. Off unless <see cref="Enabled"/>; then each hop costs one
/// static read. One trace at a time: <see cref="Arm"/> clears it and the first mark of each hop after that wins, so it
/// only means something while a single alarm is under way (the benchmark's back-to-back and paced samples).
/// </summary>
public static class AlarmPathTrace
{
    public enum Hop
    {
        /// <summary>MQTTnet's receive callback has the sensor message.</summary>
        Received,
        /// <summary>The inbound lane's loop takes it.</summary>
        Handled,
        /// <summary>The desk hands the change to the journal (audit writer queue).</summary>
        Raised,
        /// <summary>The audit writer's thread is awake with it.</summary>
        WriterAwake,
        /// <summary>Its transaction has begun (the write lock is held) and the chain's head is read.</summary>
        Begun,
        /// <summary>Its rows are written; the commit (the fsync) comes next.</summary>
        Written,
        /// <summary>Its transaction is committed (fsync'd).</summary>
        Committed,
        /// <summary>The alarm publisher's loop has it.</summary>
        PublisherTook,
        /// <summary>It is in the connection's outbox.</summary>
        Queued,
        /// <summary>The connection's send loop hands it to MQTTnet.</summary>
        Sending,
        /// <summary>MQTTnet's publish returned (the broker's PUBACK).</summary>
        Acked,
    }

    public static readonly int Hops = Enum.GetValues<Hop>().Length;
    static readonly long[] At = new long[Hops];
    static volatile bool _enabled;

    public static bool Enabled { get => _enabled; set => _enabled = value; }

    /// <summary>Clears the trace for the next alarm.</summary>
    public static void Arm()
    {
        for (var i = 0; i < At.Length; i++) Volatile.Write(ref At[i], 0);
    }

    public static void Mark(Hop hop)
    {
        if (!_enabled) return;
        Interlocked.CompareExchange(ref At[(int)hop], TimeProvider.System.GetTimestamp(), 0);
    }

    /// <summary>The timestamps (<see cref="TimeProvider.GetTimestamp"/>) of the armed trace; 0 where a hop was not passed.</summary>
    public static long[] Read()
    {
        var copy = new long[At.Length];
        for (var i = 0; i < At.Length; i++) copy[i] = Volatile.Read(ref At[i]);
        return copy;
    }
}
