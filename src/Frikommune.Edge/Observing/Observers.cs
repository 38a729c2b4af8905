namespace Frikommune.Edge.Observing;

/// <summary>
/// Who listens to a part, made visible in the types: a listener implements the part's observer interface and
/// subscribes. Copy-on-write, so telling holds no lock and a listener may leave while it is being told.
/// </summary>
public sealed class Observers<T> where T : class
{
    readonly Lock _changing = new();
    T[] _all = [];

    /// <summary>The listeners now; safe to enumerate while others subscribe or leave.</summary>
    public T[] Now => Volatile.Read(ref _all);

    /// <summary>Adds <paramref name="observer"/>; disposing the result removes it (once, however often disposed).</summary>
    public IDisposable Add(T observer)
    {
        lock (_changing) _all = [.. _all, observer];
        return new Leave(this, observer);
    }

    sealed class Leave(Observers<T> observers, T observer) : IDisposable
    {
        int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) != 0) return;
            lock (observers._changing) observers._all = observers._all.Where(o => o != observer).ToArray();
        }
    }
}
