namespace Frikommune.Edge.Paging.Espa;

/// <summary>
/// One call to pager (§ 4.3): who to call, what the display says, and how it sounds. Beep coding, call type and
/// number of transmissions are single characters '1'–'9' whose exact meaning the paging system defines;
/// priority is '1' alarm, '2' high, '3' normal.
/// </summary>
public sealed record EspaCall(string CallAddress, string DisplayText, char BeepCoding = '1', char CallType = '3',
    char Transmissions = '1', char Priority = '3')
{
    public const int MaxCallAddress = 16, MaxDisplay = 128;

    /// <summary>The block on the line; the text already in the paging system's character set.</summary>
    public EspaBlock ToBlock() => new(EspaChars.CallToPager,
    [
        new(EspaRecord.CallAddress, CallAddress),
        new(EspaRecord.DisplayMessage, EspaText.ToIa5Danish(DisplayText, MaxDisplay)),
        new(EspaRecord.BeepCoding, BeepCoding.ToString()),
        new(EspaRecord.CallType, CallType.ToString()),
        new(EspaRecord.Transmissions, Transmissions.ToString()),
        new(EspaRecord.Priority, Priority.ToString()),
    ]);
}
