using Frikommune.Edge.Hosting;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Tests.Support;

/// <summary>A fresh folder under the system temp folder, removed when the test is done.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fke-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>The gateway's database in this folder, with every schema in place.</summary>
    public Database GatewayDatabase()
    {
        var database = new Database(File("gateway.db"));
        database.Migrate(GatewayStorage.Schemas);
        return database;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
