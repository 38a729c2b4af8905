using Frikommune.Edge.Decisions;
using static Frikommune.Edge.Tests.Decisions.DecisionTestKit;

namespace Frikommune.Edge.Tests.Decisions;

/// <summary>
/// Every basis × measure × consent × objection combination against LEGAL.md's tables, written out here by hand so
/// the test does not read its expectation from the code it checks.
/// </summary>
public sealed class BasisTableProperties : IDisposable
{
    // basis → (measures it may carry, consent kinds that fit; null = consent optional, any kind recorded, objection may continue)
    static readonly Dictionary<string, (string[] Measures, string[]? Consent)> Law = new()
    {
        ["§14"] = (["video-checkin", "audio-checkin", "motion-monitoring"], ["next-of-kin", "guardian"]),
        ["§14b"] = (["door-opener"], ["next-of-kin", "guardian"]),
        ["§14c"] = (["video-checkin", "audio-checkin", "motion-monitoring"], ["parental-authority"]),
        ["§14e"] = (["video-checkin", "audio-checkin", "motion-monitoring"], ["next-of-kin", "guardian"]),
        ["§14f"] = (["sleep-monitoring", "video-checkin"], ["next-of-kin", "guardian"]),
        ["SEL§125"] = (["door-opener"], null),
        ["SEL§128b-1"] = (["video-checkin"], null),
        ["SEL§128b-2"] = (["motion-monitoring", "sleep-monitoring"], null),
    };

    static readonly string[] AllMeasures = ["door-opener", "video-checkin", "audio-checkin", "motion-monitoring", "sleep-monitoring"];
    static readonly string?[] ConsentOptions = [null, "next-of-kin", "guardian", "parental-authority"];
    static readonly string?[] ObjectionOptions = [null, "suspends", "continues"];

    readonly DecisionTestKit _kit = new();

    public void Dispose() => _kit.Dispose();

    // A key trusted for every basis, so only the table decides.
    TokenVerifier Verifier() => new(kid => _kit.Keys.GetValueOrDefault(kid), Site, 366, _ => new KeyScope("test", Bases.All));

    static Dictionary<string, object?> ClaimsFor(string basis, string measure, string? consent, string? objection)
    {
        var claims = Claims();
        claims["basis"] = basis;
        claims["measures"] = new[] { measure };
        claims["rooms"] = measure == "door-opener" ? Array.Empty<string>() : new[] { "room-12" };
        claims["doors"] = measure == "door-opener" ? new[] { "door-west" } : Array.Empty<string>();
        if (measure is not ("video-checkin" or "audio-checkin")) claims.Remove("checkin");
        if (consent is null) claims.Remove("consent");
        else claims["consent"] = new { by = consent, date = "2026-11-01" };
        if (objection is not null) claims["objection"] = objection;
        return claims;
    }

    static string Expected(string basis, string measure, string? consent, string? objection)
    {
        var (measures, consents) = Law[basis];
        var serviceloven = consents is null;
        if (consent is null && !serviceloven) return RejectionReasons.InvalidClaims;
        if (!measures.Contains(measure)) return RejectionReasons.BasisMismatch;
        if (consent is not null && consents is not null && !consents.Contains(consent)) return RejectionReasons.ConsentMismatch;
        if (objection == "continues" && !serviceloven) return RejectionReasons.BasisMismatch;
        return "accepted";
    }

    [Fact]
    public void The_code_knows_exactly_the_bases_of_the_law() =>
        Assert.Equal(Law.Keys.Order(StringComparer.Ordinal), Bases.All.Order(StringComparer.Ordinal));

    [Fact]
    public void Every_combination_is_accepted_or_rejected_as_the_table_says()
    {
        var verifier = Verifier();
        var wrong = new List<string>();
        var count = 0;
        foreach (var basis in Law.Keys)
        foreach (var measure in AllMeasures)
        foreach (var consent in ConsentOptions)
        foreach (var objection in ObjectionOptions)
        {
            count++;
            var result = verifier.Verify(_kit.Sign(ClaimsFor(basis, measure, consent, objection)), Now);
            var got = result.IsValid ? "accepted" : result.Rejection!.Reason;
            var expected = Expected(basis, measure, consent, objection);
            if (got != expected) wrong.Add($"{basis} {measure} consent={consent ?? "-"} objection={objection ?? "-"}: {got}, expected {expected}");
            else if (result.Verified?.Decision is { } d)
            {
                var suspends = Law[basis].Consent is not null || objection != "continues";
                if (d.SuspendedByObjection != suspends) wrong.Add($"{basis} {measure} objection={objection ?? "-"}: suspends={d.SuspendedByObjection}");
                if (consent is null != (d.Consent is null)) wrong.Add($"{basis} consent={consent ?? "-"}: read as {d.Consent}");
            }
        }
        Assert.Equal(8 * 5 * 4 * 3, count);
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void An_objection_claim_that_is_not_suspends_or_continues_is_invalid()
    {
        var result = Verifier().Verify(_kit.Sign(ClaimsFor("SEL§128b-2", "sleep-monitoring", null, "maybe")), Now);
        Assert.Equal(RejectionReasons.InvalidClaims, result.Rejection?.Reason);
    }

    [Fact]
    public void A_malformed_consent_is_invalid_even_where_consent_is_optional()
    {
        var claims = ClaimsFor("SEL§125", "door-opener", null, null);
        claims["consent"] = new { by = "neighbour", date = "2026-11-01" };
        Assert.Equal(RejectionReasons.InvalidClaims, Verifier().Verify(_kit.Sign(claims), Now).Rejection?.Reason);
    }
}
