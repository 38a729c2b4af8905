namespace Frikommune.Edge.Decisions;

/// <summary>
/// The key ids the <c>--simulate</c> demo signs with. They live only in memory: a key file with one of these
/// names is never read, so a demo key can never sign for a real unit.
/// </summary>
public static class DemoKeys
{
    public const string KeyId = "simulate-demo";
    public const string NaevnKeyId = "simulate-demo-naevn";

    public static bool IsDemoKey(string kid) => kid is KeyId or NaevnKeyId;
}
