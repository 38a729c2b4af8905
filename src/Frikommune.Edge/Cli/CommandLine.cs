namespace Frikommune.Edge.Cli;

public static class CommandLine
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(0);
}
