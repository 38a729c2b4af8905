using Frikommune.Edge.Alarms;

namespace Frikommune.Edge.Tests.Alarms;

public sealed class CollectingOutbox : IAlarmOutbox
{
    public List<AlarmChange> Changes { get; } = [];
    public bool Fails { get; set; }

    public void Enqueue(AlarmChange change)
    {
        if (Fails) throw new IOException("disk full");
        Changes.Add(change);
    }

    public IEnumerable<AlarmChange> Of(AlarmChangeKind kind) => Changes.Where(c => c.Change == kind);
}
