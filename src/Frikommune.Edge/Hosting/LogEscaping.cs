using Frikommune.Edge.Audit;
using Serilog.Core;
using Serilog.Events;

namespace Frikommune.Edge.Hosting;

/// <summary>
/// Writes every control character in a log event's text properties as <c>\uXXXX</c> (also inside structures and
/// lists), so a login name or topic with <c>\r\n</c> cannot forge a log line or send terminal escapes to whoever
/// reads the log. The message templates themselves are ours; only the values come from outside.
/// </summary>
public sealed class LogEscaping : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        List<LogEventProperty>? changed = null;
        foreach (var (name, value) in logEvent.Properties)
            if (Escape(value) is { } safe) (changed ??= []).Add(new LogEventProperty(name, safe));
        if (changed is null) return;
        foreach (var property in changed) logEvent.AddOrUpdateProperty(property);
    }

    /// <summary>The value with controls escaped, or null when it had none.</summary>
    public static LogEventPropertyValue? Escape(LogEventPropertyValue value) => value switch
    {
        ScalarValue { Value: string s } when s.Any(char.IsControl) => new ScalarValue(CsvCell.EscapeControls(s)),
        SequenceValue seq when seq.Elements.Select(Escape).ToList() is var items && items.Any(i => i is not null) =>
            new SequenceValue(seq.Elements.Select((e, i) => items[i] ?? e)),
        StructureValue st when st.Properties.Select(p => Escape(p.Value)).ToList() is var props && props.Any(p => p is not null) =>
            new StructureValue(st.Properties.Select((p, i) => props[i] is { } v ? new LogEventProperty(p.Name, v) : p), st.TypeTag),
        DictionaryValue d when d.Elements.Any(kv => Escape(kv.Key) is not null || Escape(kv.Value) is not null) =>
            new DictionaryValue(d.Elements.Select(kv => new KeyValuePair<ScalarValue, LogEventPropertyValue>(
                (Escape(kv.Key) as ScalarValue) ?? kv.Key, Escape(kv.Value) ?? kv.Value))),
        _ => null,
    };
}
