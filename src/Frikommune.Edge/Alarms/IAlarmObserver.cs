namespace Frikommune.Edge.Alarms;

/// <summary>
/// Hears every alarm change once it is durable (raised, escalated, acknowledged, resolved), in order — e.g. a pager.
/// Register as a singleton; <see cref="AlarmsSetup.AddAlarms"/> connects every one to <see cref="SqliteAlarmOutbox.Changed"/>.
/// Called on the journal's writer thread: hand the change to your own queue and return.
/// </summary>
public interface IAlarmObserver
{
    void OnDurable(AlarmChange change);
}
