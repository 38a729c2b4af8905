namespace Frikommune.Edge.Clock;

/// <summary>
/// Where the clock's high-water mark survives a restart: the latest time the gateway has trusted. A clock that
/// later reads earlier than this has jumped back, and no measure is in force until it is right again.
/// </summary>
public interface IClockMark
{
    DateTimeOffset? Load();

    /// <summary>Keeps the later of the stored mark and <paramref name="mark"/>.</summary>
    void Save(DateTimeOffset mark);
}
