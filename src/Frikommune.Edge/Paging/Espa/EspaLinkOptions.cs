namespace Frikommune.Edge.Paging.Espa;

/// <summary>
/// How the control station runs the line. Addresses are the characters '0'–'9' (§ 3.1); with two stations the
/// spec recommends '1' for the calling system and '2' for the paging system.
/// </summary>
public sealed record EspaLinkOptions
{
    public char OwnAddress { get; init; } = '1';
    public char PagingAddress { get; init; } = '2';
    /// <summary>How long to wait for the paging system's ACK, NAK or EOT before counting silence.</summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>Supervision: the paging system is polled this often while there is nothing to send.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>Retransmissions after a NAK or silence, for the selection and for the data block alike.</summary>
    public int Retries { get; init; } = 2;
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(5);
}

/// <summary>How a call ended: confirmed by the paging system's ACK, or failed with the reason.</summary>
public sealed record EspaOutcome(bool Confirmed, string? Error)
{
    public static readonly EspaOutcome Ok = new(true, null);
    public static EspaOutcome Failed(string error) => new(false, error);
}

public enum EspaLineState : byte { Starting, Up, Down }
