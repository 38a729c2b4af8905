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
