namespace Frikommune.Edge.Decisions;

// The JSON of the tokens the gateway signs itself (the --simulate demo decisions), in CONTRACT § 3's names and order.

public sealed record JwsHeader(string Alg, string Kid);

public sealed record DecisionClaimsPayload(
    string Iss, string Jti, string Sub, string Site, long Iat, long Nbf, long Exp, string Basis,
    IReadOnlyList<string> Measures, IReadOnlyList<string> Rooms, IReadOnlyList<string> Doors,
    ConsentPayload? Consent, CheckInLimitsPayload? Checkin);

public sealed record ConsentPayload(string By, string Date);

public sealed record CheckInLimitsPayload(int MaxSeconds, int MinGapSeconds, int MaxPer24h, IReadOnlyList<string> Triggers);
