namespace Frikommune.Edge.Storage;

/// <summary>
/// The tables of one capability. Each capability owns its migrations; <see cref="Database"/> applies the
/// ones not yet applied, in order, and records the version reached per capability.
/// </summary>
public interface ISchema
{
    string Name { get; }
    /// <summary>Migration N (1-based) is <c>Migrations[N-1]</c>. Append only: never edit a released step.</summary>
    IReadOnlyList<string> Migrations { get; }
}
