namespace Frikommune.Edge.Paging.Espa;

/// <summary>The ISO 1745 transmission control and information separator characters ESPA 4.4.4 § 2.3 uses.</summary>
public static class EspaChars
{
    public const byte Soh = 0x01, Stx = 0x02, Etx = 0x03, Eot = 0x04, Enq = 0x05, Ack = 0x06, Nak = 0x15;
    /// <summary>Record separator (between records) and unit separator (between a data identifier and its data).</summary>
    public const byte Rs = 0x1E, Us = 0x1F;

    /// <summary>Block header '1': call to pager (§ 4.2). '2' is status information from the paging system.</summary>
    public const char CallToPager = '1', StatusInformation = '2';
}

/// <summary>The data identifiers of ESPA 4.4.4 § 4.3.</summary>
public static class EspaRecord
{
    public const char CallAddress = '1', DisplayMessage = '2', BeepCoding = '3', CallType = '4', Transmissions = '5',
        Priority = '6', CallStatus = '7', SystemStatus = '8';
}
