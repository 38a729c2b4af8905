using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Frikommune.Edge.Metrics;

/// <summary>Counters and gauges served at <c>/metrics</c> in the Prometheus text format.</summary>
public sealed class GatewayMetrics
{
    readonly ConcurrentDictionary<(string Name, string Labels), long> _counters = new();
    readonly ConcurrentDictionary<string, string> _help = new();
    readonly ConcurrentDictionary<(string Name, string Labels), Func<double>> _gauges = new();

    public void Describe(string name, string help) => _help[name] = help;

    /// <summary>
    /// Label sets per counter beyond which new ones are added up in one <see cref="Overflow"/> series: labels such as a
    /// topic come from outside, and a stranger inventing topics must not grow <c>/metrics</c> (or memory) without end.
    /// </summary>
    public const int MaxSeriesPerCounter = 200;
    public const string Overflow = "overflow=\"true\"";
    readonly ConcurrentDictionary<string, int> _series = new();

    public void Increment(string name, string labels = "", long by = 1)
    {
        if (!_counters.ContainsKey((name, labels)) && labels != Overflow
            && _series.AddOrUpdate(name, 1, (_, n) => Math.Min(n + 1, MaxSeriesPerCounter + 1)) > MaxSeriesPerCounter)
            labels = Overflow;
        _counters.AddOrUpdate((name, labels), by, (_, v) => v + by);
    }

    public long Read(string name, string labels = "") => _counters.GetValueOrDefault((name, labels));

    public void Gauge(string name, Func<double> read, string labels = "") => _gauges[(name, labels)] = read;

    /// <summary>A label set such as <c>topic="a/b"</c> with the value escaped.</summary>
    public static string Label(string name, string value) =>
        $"{name}=\"{value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n")}\"";

    public string Render()
    {
        var text = new StringBuilder();
        foreach (var group in _counters.GroupBy(c => c.Key.Name).OrderBy(g => g.Key))
        {
            Header(text, group.Key, "counter");
            foreach (var c in group.OrderBy(c => c.Key.Labels)) Line(text, c.Key.Name, c.Key.Labels, c.Value);
        }
        foreach (var group in _gauges.GroupBy(g => g.Key.Name).OrderBy(g => g.Key))
        {
            Header(text, group.Key, "gauge");
            foreach (var g in group.OrderBy(g => g.Key.Labels)) Line(text, g.Key.Name, g.Key.Labels, g.Value());
        }
        return text.ToString();
    }

    void Header(StringBuilder text, string name, string type)
    {
        if (_help.TryGetValue(name, out var help)) text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
    }

    static void Line(StringBuilder text, string name, string labels, double value)
    {
        text.Append(name);
        if (labels.Length > 0) text.Append('{').Append(labels).Append('}');
        text.Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }
}
