using Frikommune.Edge.CheckIns;

namespace Frikommune.Edge.Tests.CheckIns;

/// <summary>The persistence seam as the SQLite table will behave: upsert by id, load by the documented rule.</summary>
sealed class MemoryCheckInStore : ICheckInStore
{
    readonly Dictionary<string, CheckInSession> _rows = new();

    public bool FailSaves { get; set; }
    public IReadOnlyCollection<CheckInSession> Rows => _rows.Values;

    public IReadOnlyList<CheckInSession> Load(DateTimeOffset since) =>
        _rows.Values.Where(s => CheckInLedger.Matters(s, since)).ToList();

    public void Save(CheckInSession session)
    {
        if (FailSaves) throw new IOException("disk full");
        _rows[session.SessionId] = session;
    }
}

/// <summary>A broken store that forgets everything on restart — the property test must notice.</summary>
sealed class AmnesiacCheckInStore : ICheckInStore
{
    public IReadOnlyList<CheckInSession> Load(DateTimeOffset since) => [];
    public void Save(CheckInSession session) { }
}
