using Frikommune.Edge.CheckIns;
using Frikommune.Edge.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace Frikommune.Edge.Tests.CheckIns;

/// <summary>A gate for one room with a staff-request decision in force, on a fake clock.</summary>
sealed class GateFixture
{
    public const string RoomId = "room-12";
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 21, 0, 0, TimeSpan.Zero);

    int _ids;

    public GateFixture(TimeProvider? time = null, CheckInsOptions? site = null)
    {
        Time = time ?? new FakeTimeProvider(Start);
        Site = site ?? new CheckInsOptions { MaxSecondsCap = 60, MinGapSecondsFloor = 300, TriggerWindowSeconds = 300 };
        Facts[RoomId].Policies.Add(Policies.Make());
        Gate = Restart();
    }

    public TimeProvider Time { get; }
    public CheckInsOptions Site { get; }
    public FakeRoomFacts Facts { get; } = new();
    public MemoryCheckInStore Store { get; } = new();
    public CheckInLedger Ledger { get; private set; } = null!;
    public CheckInGate Gate { get; private set; }
    public List<CheckInSession> Ended { get; } = [];

    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>A new process: the ledger is reloaded from the store, as after a crash.</summary>
    public CheckInGate Restart()
    {
        Ledger = CheckInLedger.Load(Store, Time.GetUtcNow());
        Gate = new CheckInGate(Site, Facts, Ledger, Time, () => $"s-{++_ids}");
        Gate.Ended += Ended.Add;
        return Gate;
    }

    public void Advance(double seconds)
    {
        switch (Time)
        {
            case FakeTimeProvider fake: fake.Advance(TimeSpan.FromSeconds(seconds)); break;
            case SteppableClock clock: clock.Advance(TimeSpan.FromSeconds(seconds)); break;
            default: throw new InvalidOperationException();
        }
    }

    public CheckInOutcome Ask(CheckInOrigin origin = CheckInOrigin.StaffRequest, string room = RoomId) =>
        Gate.Request(new CheckInRequest(room, "staff-1", "lyd fra værelset", origin));

    public CheckInGrant Grant(CheckInOrigin origin = CheckInOrigin.StaffRequest) =>
        Assert.IsType<CheckInGrant>(Ask(origin));

    public string Refusal(CheckInOrigin origin = CheckInOrigin.StaffRequest) =>
        Assert.IsType<CheckInRefusal>(Ask(origin)).Code;
}
