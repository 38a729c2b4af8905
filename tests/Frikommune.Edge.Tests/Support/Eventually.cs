namespace Frikommune.Edge.Tests.Support;

/// <summary>Waits, with a bound, for a condition that another process or thread makes true.</summary>
public static class Eventually
{
    static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);

    public static async Task TrueAsync(Func<bool> condition, TimeSpan timeout, string? what = null)
    {
        var until = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"not true within {timeout}: {what ?? "condition"}");
            await Task.Delay(Step);
        }
    }

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string? what = null)
    {
        var until = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"not true within {timeout}: {what ?? "condition"}");
            await Task.Delay(Step);
        }
    }
}
