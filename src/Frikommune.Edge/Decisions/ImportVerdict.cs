namespace Frikommune.Edge.Decisions;

public enum ImportOutcome
{
    /// <summary>New: stored, in the registry and audited.</summary>
    Accepted,
    /// <summary>The identical token was already cached (e.g. a retained message after a reconnect); nothing changed, nothing audited.</summary>
    Unchanged,
    Rejected,
}

/// <summary>What became of one imported token. CLI: <c>accepted &lt;id&gt;</c> or <c>rejected &lt;file&gt;: &lt;reason&gt; &lt;detail&gt;</c>.</summary>
public sealed record ImportVerdict(ImportOutcome Outcome, string? Id, string? Reason = null, string? Detail = null)
{
    public bool IsAccepted => Outcome != ImportOutcome.Rejected;
    public bool IsRevocation { get; init; }
    /// <summary>Accepted, but a part of it cannot take effect here (e.g. a door whose kind the basis does not name).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
