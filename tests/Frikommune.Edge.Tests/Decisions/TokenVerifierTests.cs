using Frikommune.Edge.Decisions;
using static Frikommune.Edge.Tests.Decisions.DecisionTestKit;

namespace Frikommune.Edge.Tests.Decisions;

public sealed class TokenVerifierTests : IDisposable
{
    readonly DecisionTestKit _kit = new();

    public void Dispose() => _kit.Dispose();

    TokenResult Verify(object claims) => _kit.Verifier().Verify(_kit.Sign(claims), Now);

    static Dictionary<string, object?> With(Dictionary<string, object?> claims, string name, object? value) =>
        new(claims) { [name] = value };

    static Dictionary<string, object?> Without(Dictionary<string, object?> claims, string name)
    {
        var copy = new Dictionary<string, object?>(claims);
        copy.Remove(name);
        return copy;
    }

    void AssertRejected(string reason, object claims)
    {
        var result = Verify(claims);
        Assert.False(result.IsValid);
        Assert.Equal(reason, result.Rejection!.Reason);
    }

    [Fact]
    public void A_valid_decision_is_accepted_with_every_claim_read()
    {
        var result = Verify(Claims());

        Assert.True(result.IsValid, result.Rejection?.ToString());
        var d = result.Verified!.Decision!;
        Assert.Equal(("d-2026-0042", "resident-7f3a", "herning-bo1", "§14f", Kid), (d.Id, d.Subject, d.Site, d.Basis, d.KeyId));
        Assert.Equal(["sleep-monitoring", "video-checkin"], d.Measures);
        Assert.Equal(["room-12"], d.Rooms);
        Assert.Empty(d.Doors);
        Assert.Equal(Now.AddDays(-1), d.NotBefore);
        Assert.Equal(Now.AddDays(30), d.Expires);
        Assert.Equal(new Consent("guardian", new DateOnly(2026, 11, 1)), d.Consent);
        Assert.Equal((30, 600, 6), (d.CheckIn!.MaxSeconds, d.CheckIn.MinGapSeconds, d.CheckIn.MaxPer24h));
        Assert.Equal(["sleep-alarm", "staff-request"], d.CheckIn.Triggers);
    }

    [Fact]
    public void A_door_opener_decision_with_doors_is_accepted() => Assert.True(Verify(DoorClaims()).IsValid);

    [Fact]
    public void A_revocation_is_accepted()
    {
        var result = Verify(RevocationClaims("d-2026-0042"));

        Assert.Equal("d-2026-0042", result.Verified!.Revocation!.Revokes);
        Assert.Equal("r-2026-0001", result.Verified.Id);
    }

    [Theory]
    [InlineData("revokes", 42)]
    [InlineData("revokes", "bad id with spaces")]
    [InlineData("revokes", "r-2026-0001")]
    [InlineData("jti", "")]
    [InlineData("iat", "yesterday")]
    [InlineData("iss", "")]
    public void A_revocation_with_a_bad_claim_is_invalid(string name, object value) =>
        AssertRejected(RejectionReasons.InvalidClaims, With(RevocationClaims("d-1"), name, value));

    [Fact]
    public void A_revocation_that_also_carries_decision_claims_is_invalid() =>
        AssertRejected(RejectionReasons.InvalidClaims, With(Claims(), "revokes", "d-other"));

    [Fact]
    public void A_token_for_another_site_is_wrong_site() =>
        AssertRejected(RejectionReasons.WrongSite, With(Claims(), "site", "aarhus-bo2"));

    [Fact]
    public void A_revocation_for_another_site_is_wrong_site() =>
        AssertRejected(RejectionReasons.WrongSite, With(RevocationClaims("d-1"), "site", "aarhus-bo2"));

    [Theory]
    [InlineData("0101901234")]
    [InlineData("010190-1234")]
    public void A_cpr_like_subject_is_rejected_and_never_echoed(string cpr)
    {
        var result = Verify(Claims(sub: cpr));

        Assert.Equal(RejectionReasons.CprLikeSubject, result.Rejection!.Reason);
        Assert.DoesNotContain(cpr, result.Rejection.Detail);
        Assert.Null(result.Rejection.Subject);
        Assert.DoesNotContain(cpr, result.Rejection.ToString());
    }

    [Fact]
    public void A_cpr_like_subject_wins_over_other_claim_problems()
    {
        var claims = With(With(Claims(sub: "0101901234"), "basis", "§99"), "measures", new[] { "x" });

        AssertRejected(RejectionReasons.CprLikeSubject, claims);
    }

    [Theory]
    [InlineData("jti", "")]
    [InlineData("jti", "has space")]
    [InlineData("jti", "æøå")]
    [InlineData("sub", "")]
    [InlineData("sub", "resident/7f3a")]
    [InlineData("sub", "01019012345")] // eleven digits: not CPR-like, still a valid reference shape
    public void Ids_and_subjects_follow_the_reference_pattern(string name, string value)
    {
        var result = Verify(With(Claims(), name, value));
        var shapeOk = References.IsSafe(value);
        Assert.Equal(shapeOk, result.IsValid);
        if (!shapeOk) Assert.Equal(RejectionReasons.InvalidClaims, result.Rejection!.Reason);
    }

    [Fact]
    public void Ids_of_64_characters_pass_and_65_do_not()
    {
        Assert.True(Verify(Claims(jti: new string('a', 64))).IsValid);
        AssertRejected(RejectionReasons.InvalidClaims, Claims(jti: new string('a', 65)));
        AssertRejected(RejectionReasons.InvalidClaims, Claims(sub: new string('a', 65)));
    }

    public static TheoryData<string> RequiredClaims => new() { "iss", "jti", "sub", "iat", "nbf", "exp", "basis", "measures", "consent", "site" };

    [Theory]
    [MemberData(nameof(RequiredClaims))]
    public void A_missing_required_claim_is_invalid(string name) =>
        AssertRejected(RejectionReasons.InvalidClaims, Without(Claims(), name));

    [Theory]
    [InlineData("nbf", "2026-11-01")]
    [InlineData("exp", 1.5)]
    [InlineData("iat", -1)]
    [InlineData("measures", "sleep-monitoring")]
    [InlineData("rooms", "room-12")]
    [InlineData("basis", "§99")]
    [InlineData("basis", "§ 14f")]
    public void A_claim_of_the_wrong_type_or_value_is_invalid(string name, object value) =>
        AssertRejected(RejectionReasons.InvalidClaims, With(Claims(), name, value));

    [Fact]
    public void Unknown_duplicate_or_no_measures_are_invalid()
    {
        AssertRejected(RejectionReasons.InvalidClaims, With(Claims(), "measures", new[] { "sleep-monitoring", "mind-reading" }));
        AssertRejected(RejectionReasons.InvalidClaims, With(Claims(), "measures", new[] { "sleep-monitoring", "sleep-monitoring" }));
        AssertRejected(RejectionReasons.InvalidClaims, With(Claims(), "measures", Array.Empty<string>()));
    }

    [Fact]
    public void Exp_must_be_after_nbf()
    {
        AssertRejected(RejectionReasons.InvalidClaims, Claims(nbf: Now.AddDays(1), exp: Now.AddDays(1)));
        AssertRejected(RejectionReasons.InvalidClaims, Claims(nbf: Now.AddDays(2), exp: Now.AddDays(1)));
    }

    [Fact]
    public void The_period_may_reach_max_period_days_but_not_exceed_it()
    {
        var verifier = _kit.Verifier(maxPeriodDays: 30);
        var exactly = _kit.Sign(Claims(nbf: Now, exp: Now.AddDays(30)));
        var oneSecondMore = _kit.Sign(Claims(nbf: Now, exp: Now.AddDays(30).AddSeconds(1)));

        Assert.True(verifier.Verify(exactly, Now).IsValid);
        Assert.Equal(RejectionReasons.InvalidClaims, verifier.Verify(oneSecondMore, Now).Rejection!.Reason);
    }

    [Fact]
    public void A_check_in_measure_needs_checkin_terms()
    {
        AssertRejected(RejectionReasons.InvalidClaims, Without(Claims(), "checkin"));
        var audio = With(With(Claims(), "basis", "§14"), "measures", new[] { "audio-checkin" });
        AssertRejected(RejectionReasons.InvalidClaims, Without(audio, "checkin"));
        Assert.True(Verify(With(Without(Claims(), "checkin"), "measures", new[] { "sleep-monitoring" })).IsValid);
    }

    public static TheoryData<object> BadCheckIns => new()
    {
        new { maxSeconds = 0, minGapSeconds = 600, maxPer24h = 6, triggers = new[] { "staff-request" } },
        new { maxSeconds = 30, minGapSeconds = -1, maxPer24h = 6, triggers = new[] { "staff-request" } },
        new { maxSeconds = 30, minGapSeconds = 600, maxPer24h = 0, triggers = new[] { "staff-request" } },
        new { maxSeconds = 30, minGapSeconds = 600, maxPer24h = 6, triggers = new[] { "whenever" } },
        new { maxSeconds = 30, minGapSeconds = 600, maxPer24h = 6, triggers = Array.Empty<string>() },
        new { maxSeconds = 30, minGapSeconds = 600, maxPer24h = 6 },
        new { minGapSeconds = 600, maxPer24h = 6, triggers = new[] { "staff-request" } },
    };

    [Theory]
    [MemberData(nameof(BadCheckIns))]
    public void Checkin_terms_are_bounded_and_triggers_are_known(object checkin) =>
        AssertRejected(RejectionReasons.InvalidClaims, With(Claims(), "checkin", checkin));

    [Fact]
    public void Every_known_trigger_is_allowed()
    {
        var checkin = new { maxSeconds = 30, minGapSeconds = 600, maxPer24h = 6, triggers = Frikommune.Edge.Decisions.CheckInTriggers.All };
        Assert.True(Verify(With(Claims(), "checkin", checkin)).IsValid);
    }

    [Fact]
    public void Door_opener_needs_doors_and_room_measures_need_rooms()
    {
        AssertRejected(RejectionReasons.InvalidClaims, With(DoorClaims(), "doors", Array.Empty<string>()));
        AssertRejected(RejectionReasons.InvalidClaims, With(Claims(), "rooms", Array.Empty<string>()));
        AssertRejected(RejectionReasons.InvalidClaims, Without(Claims(), "rooms"));
    }

    [Theory]
    [InlineData("§14", "sleep-monitoring")]
    [InlineData("§14", "door-opener")]
    [InlineData("§14b", "motion-monitoring")]
    [InlineData("§14c", "sleep-monitoring")]
    [InlineData("§14e", "door-opener")]
    [InlineData("§14f", "motion-monitoring")]
    [InlineData("§14f", "audio-checkin")]
    public void A_measure_the_basis_does_not_allow_is_basis_mismatch(string basis, string measure)
    {
        var claims = new Dictionary<string, object?>(Claims())
        {
            ["basis"] = basis, ["measures"] = new[] { measure }, ["doors"] = new[] { "door-west" },
            ["consent"] = new { by = basis == "§14c" ? "parental-authority" : "guardian", date = "2026-11-01" },
        };
        AssertRejected(RejectionReasons.BasisMismatch, claims);
    }

    [Theory]
    [InlineData("§14", "video-checkin")]
    [InlineData("§14", "audio-checkin")]
    [InlineData("§14", "motion-monitoring")]
    [InlineData("§14b", "door-opener")]
    [InlineData("§14c", "motion-monitoring")]
    [InlineData("§14e", "audio-checkin")]
    [InlineData("§14f", "sleep-monitoring")]
    [InlineData("§14f", "video-checkin")]
    public void A_measure_the_basis_allows_is_accepted(string basis, string measure)
    {
        var claims = new Dictionary<string, object?>(Claims())
        {
            ["basis"] = basis, ["measures"] = new[] { measure }, ["doors"] = new[] { "door-west" },
            ["consent"] = new { by = basis == "§14c" ? "parental-authority" : "next-of-kin", date = "2026-11-01" },
        };
        Assert.True(Verify(claims).IsValid, Verify(claims).Rejection?.ToString());
    }

    [Theory]
    [InlineData("§14", "parental-authority")]
    [InlineData("§14b", "parental-authority")]
    [InlineData("§14c", "guardian")]
    [InlineData("§14c", "next-of-kin")]
    [InlineData("§14e", "parental-authority")]
    [InlineData("§14f", "parental-authority")]
    public void Consent_that_does_not_fit_the_basis_is_consent_mismatch(string basis, string by)
    {
        var claims = new Dictionary<string, object?>(Claims())
        {
            ["basis"] = basis, ["measures"] = new[] { basis == "§14b" ? "door-opener" : "video-checkin" },
            ["doors"] = new[] { "door-west" }, ["consent"] = new { by, date = "2026-11-01" },
        };
        AssertRejected(RejectionReasons.ConsentMismatch, claims);
    }

    [Theory]
    [InlineData("neighbour", "2026-11-01")]
    [InlineData("guardian", "01-11-2026")]
    [InlineData("guardian", "2026-02-30")]
    public void Consent_of_an_unknown_kind_or_date_is_invalid(string by, string date) =>
        AssertRejected(RejectionReasons.InvalidClaims, With(Claims(), "consent", new { by, date }));

    [Fact]
    public void A_decision_whose_exp_is_not_after_now_is_expired()
    {
        AssertRejected(RejectionReasons.Expired, Claims(nbf: Now.AddDays(-10), exp: Now));
        Assert.True(Verify(Claims(nbf: Now.AddDays(-10), exp: Now.AddSeconds(1))).IsValid);
    }

    [Fact]
    public void A_decision_that_starts_later_is_accepted() =>
        Assert.True(Verify(Claims(nbf: Now.AddDays(5), exp: Now.AddDays(10))).IsValid);

    [Fact]
    public void Reverify_keeps_an_ended_decision_so_it_can_be_listed_as_expired()
    {
        var token = _kit.Sign(Claims(nbf: Now.AddDays(-10), exp: Now.AddDays(-1)));

        Assert.True(_kit.Verifier().Reverify(token).IsValid);
    }

    [Fact]
    public void A_rejection_after_the_signature_names_the_decision_and_a_safe_subject()
    {
        var rejection = Verify(With(Claims(), "basis", "§14b")).Rejection!;

        Assert.Equal(("d-2026-0042", "resident-7f3a"), (rejection.Id, rejection.Subject));
    }
}
