using Frikommune.Edge.Storage;
namespace Frikommune.Edge.Alarms;

/// <summary>
/// Hears every alarm change once it is durable (raised, escalated, acknowledged, resolved), in order — the pager,
/// the doors (staff came), the page. Subscribe with <see cref="SqliteAlarmOutbox.Subscribe(IAlarmObserver)"/>, or
/// register as a singleton and <see cref="AlarmsSetup.AddAlarms"/> subscribes it.
/// Called on the journal's writer thread: hand the change to your own queue and return.
/// </summary>
public interface IAlarmObserver
{
    void OnDurable(AlarmChange change);
}

/// <summary>The outbox row of every durable change, in order: the publisher's feed.</summary>
public interface IAlarmOutboxObserver
{
    void OnDurable(OutboxItem item);
}
