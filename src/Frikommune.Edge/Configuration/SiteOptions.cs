namespace Frikommune.Edge.Configuration;

public sealed class SiteOptions
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string TimeZone { get; set; } = "Europe/Copenhagen";
    public NightOptions Night { get; set; } = new();
}

public sealed class NightOptions
{
    public string From { get; set; } = "22:00";
    public string To { get; set; } = "07:00";
}
