namespace Frikommune.Edge.Configuration;

public sealed class HttpOptions
{
    public string Urls { get; set; } = "http://127.0.0.1:8080";
    /// <summary>Per source address, on every <c>/api</c> route and <c>/metrics</c>: the steady rate and the burst.</summary>
    public int ApiRequestsPerSecond { get; set; } = 50;
    public int ApiBurst { get; set; } = 200;
    /// <summary>Per source address, posts of the login form.</summary>
    public int LoginAttemptsPerMinute { get; set; } = 30;
    /// <summary>A page session ends after this long without an authenticated request (the open page renews it).</summary>
    public int SessionIdleMinutes { get; set; } = 30;
    /// <summary>…and this long after login, however busy.</summary>
    public int SessionMaxHours { get; set; } = 12;
    /// <summary>PEM certificate and key (relative to the configuration folder) for the https URLs of <see cref="Urls"/>.</summary>
    public CertificateOptions? Certificate { get; set; }
    /// <summary>The address staff devices use to reach the gateway, for links it hands out (stream URLs); default: the first of <see cref="Urls"/>.</summary>
    public string? PublicUrl { get; set; }
    /// <summary>A bearer token that may read <c>/metrics</c> without a login (for a Prometheus scraper).</summary>
    public string? MetricsToken { get; set; }
}

public sealed class CertificateOptions
{
    public string Path { get; set; } = "";
    public string KeyPath { get; set; } = "";
}

public sealed class StorageOptions
{
    public string Path { get; set; } = "/var/lib/frikommune-edge";
}

public sealed class DecisionsOptions
{
    public string TrustedKeysPath { get; set; } = "trust";
    public int MaxPeriodDays { get; set; } = 366;
}

public sealed class ClockOptions
{
    /// <summary>Also require the kernel to report NTP synchronisation (adjtimex).</summary>
    public bool RequireSync { get; set; } = true;
    /// <summary>How far the clock may step back behind the high-water mark before it is distrusted.</summary>
    public int ToleranceSeconds { get; set; } = 120;
}

public sealed class GpioOptions
{
    public string Driver { get; set; } = "libgpiod";
    public int Chip { get; set; }
}

public sealed class AlarmsOptions
{
    public int AckTimeoutSeconds { get; set; } = 60;
    public int BedExitGraceSeconds { get; set; } = 120;
    public int SensorSilentMinutes { get; set; } = 90;
}

public sealed class CheckInsOptions
{
    public int MaxSecondsCap { get; set; } = 60;
    public int MinGapSecondsFloor { get; set; } = 300;
    public int TriggerWindowSeconds { get; set; } = 300;
}

public sealed class SimulationOptions
{
    /// <summary>Sign demo decisions for the example rooms with a key trusted only in <c>--simulate</c>.</summary>
    public bool DemoDecisions { get; set; }
}
