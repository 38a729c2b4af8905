using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Frikommune.Edge.Configuration;

/// <summary>
/// Which configuration keys the gateway knows, read from the options types the sections are bound to (so a new
/// setting is known the moment it is a property), and the nearest known key to one it does not know.
/// </summary>
public static class ConfigurationKeys
{
    /// <summary>Sections read by a library, not by an options type: their keys are the library's to judge.</summary>
    public static readonly string[] LibrarySections = ["Serilog"];

    /// <summary>One line per unknown key: <c>Alarms:AckTimeoutSecond: is not a known setting; did you mean Alarms:AckTimeoutSeconds?</c></summary>
    public static IReadOnlyList<string> Unknown(IConfiguration configuration, IReadOnlyDictionary<string, Type> sections)
    {
        var problems = new List<string>();
        foreach (var (key, _) in configuration.AsEnumerable().OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var segments = key.Split(ConfigurationPath.KeyDelimiter);
            if (LibrarySections.Contains(segments[0], StringComparer.OrdinalIgnoreCase)) continue;
            if (!sections.TryGetValue(segments[0], out var type))
            {
                problems.Add(Line(segments[0], Nearest(segments[0], sections.Keys)));
                continue;
            }
            if (Mismatch(type, segments, 1) is not { } position) continue;
            // Only the first unknown segment is named; keys below it are not reported again.
            var parent = TypeAt(type, segments, position);
            var nearest = parent is null ? null : Nearest(segments[position], Properties(parent).Select(p => p.Name));
            problems.Add(Line(string.Join(':', segments[..(position + 1)]), nearest is null ? null : string.Join(':', segments[..position].Append(nearest))));
        }
        return problems.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    static string Line(string key, string? nearest) =>
        nearest is null ? $"{key}: is not a setting the gateway knows" : $"{key}: is not a setting the gateway knows; did you mean {nearest}?";

    /// <summary>The index of the first segment the type does not know, or null when the whole key is known.</summary>
    static int? Mismatch(Type type, string[] segments, int i)
    {
        for (; i < segments.Length; i++)
        {
            var next = Step(type, segments[i]);
            if (next is null) return i;
            type = next;
        }
        return null;
    }

    /// <summary>The options type that holds segment <paramref name="to"/>, when it is one with named properties.</summary>
    static Type? TypeAt(Type type, string[] segments, int to)
    {
        for (var i = 1; i < to; i++) type = Step(type, segments[i])!;
        type = Nullable.GetUnderlyingType(type) ?? type;
        return IsLeaf(type) || ElementType(type) is not null || DictionaryValueType(type) is not null ? null : type;
    }

    /// <summary>The type one segment further down, or null when <paramref name="segment"/> is not a key there.</summary>
    static Type? Step(Type type, string segment)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (IsLeaf(type)) return null;
        if (DictionaryValueType(type) is { } value) return value;
        if (ElementType(type) is { } element) return int.TryParse(segment, out var index) && index >= 0 ? element : null;
        return Properties(type).FirstOrDefault(p => string.Equals(p.Name, segment, StringComparison.OrdinalIgnoreCase))?.PropertyType;
    }

    static bool IsLeaf(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Uri) || type == typeof(TimeOnly) || type == typeof(DateOnly);

    static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : typeof(IEnumerable).IsAssignableFrom(type) ? type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollection<>))?.GetGenericArguments()[0]
        : null;

    static Type? DictionaryValueType(Type type) =>
        type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>))?.GetGenericArguments()[1];

    /// <summary>What the binder binds: public properties it can set, or whose object it can fill.</summary>
    static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is not null);

    /// <summary>The known name a typo most likely meant: at most a few edits away, ignoring case.</summary>
    static string? Nearest(string name, IEnumerable<string> known) =>
        known.Select(k => (Key: k, Distance: Distance(name.ToLowerInvariant(), k.ToLowerInvariant())))
            .Where(c => c.Distance <= Math.Max(2, c.Key.Length / 4))
            .OrderBy(c => c.Distance).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => c.Key).FirstOrDefault();

    static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }
}
