using System.Text.Json;

namespace Frikommune.Edge.Decisions;

/// <summary>Typed access to a JSON object's members; a member of the wrong type reads as absent.</summary>
internal readonly struct ClaimReader(JsonElement element)
{
    // 9999-12-31T23:59:59Z, the last instant DateTimeOffset can hold.
    const long MaxNumericDate = 253402300799;

    public bool Has(string name) => element.TryGetProperty(name, out _);

    public string? String(string name) =>
        element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public long? Integer(string name) =>
        element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;

    public DateTimeOffset? Time(string name) =>
        Integer(name) is { } seconds && seconds is >= 0 and <= MaxNumericDate ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    public ClaimReader? Object(string name) =>
        element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? new ClaimReader(v) : null;

    /// <summary>A list of distinct strings that all pass <paramref name="accept"/>; null when anything is off.</summary>
    public IReadOnlyList<string>? Names(string name, Func<string, bool> accept, bool optional = false)
    {
        if (!element.TryGetProperty(name, out var v)) return optional ? [] : null;
        if (v.ValueKind != JsonValueKind.Array) return null;
        var names = new List<string>(v.GetArrayLength());
        foreach (var item in v.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || item.GetString() is not { } s || !accept(s) || names.Contains(s)) return null;
            names.Add(s);
        }
        return names.ToArray();
    }
}
