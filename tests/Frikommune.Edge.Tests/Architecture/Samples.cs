namespace Frikommune.Edge.Tests.Architecture.Samples;

/// <summary>A type that uses another only inside a method body: the dependency reader must still see it.</summary>
public static class CoreLike
{
    public static int Count() => new AdapterLike().Items + new System.Text.StringBuilder().Length;
}

public sealed class AdapterLike
{
    public int Items => 1;
}

public sealed class Bell
{
    public event Action? Rang;

    public void Ring() => Rang?.Invoke();
}

/// <summary>Hears a plain event inside a lambda's closure: the call reader must still see the subscription.</summary>
public static class BellListener
{
    public static void Listen(Bell bell) => bell.Rang += () => Console.WriteLine("rang");
}
