using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Frikommune.Edge.Decisions;

/// <summary>
/// The municipality's public keys: <c>folder/&lt;kid&gt;.pem</c>, a PEM <c>PUBLIC KEY</c> each, read afresh so a key
/// removed from the folder stops being trusted; plus keys held only in memory (the <c>--simulate</c> demo key).
/// Beside a key, <c>folder/&lt;kid&gt;.json</c> may limit the bases it signs (<see cref="KeyScope"/>).
/// </summary>
public sealed class TrustedKeys : IDisposable
{
    readonly string? _folder;
    readonly ConcurrentDictionary<string, ECDsa> _inMemory = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, (DateTime Written, ECDsa Key)> _loaded = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, KeyScope> _inMemoryScopes = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, (DateTime Written, KeyScope Scope)> _scopes = new(StringComparer.Ordinal);

    public TrustedKeys(string? folder) => _folder = folder;

    /// <summary>Trusts <paramref name="key"/> for this process only; a file of that name is then never read.</summary>
    public void AddInMemory(string kid, ECDsa key, KeyScope? scope = null)
    {
        _inMemory[kid] = key;
        if (scope is not null) _inMemoryScopes[kid] = scope;
    }

    /// <summary>The bases <paramref name="kid"/> may sign: its <c>kid.json</c>, else <see cref="KeyScope.Default"/>.</summary>
    public KeyScope ScopeOf(string kid)
    {
        if (_inMemory.ContainsKey(kid)) return _inMemoryScopes.GetValueOrDefault(kid) ?? KeyScope.Default;
        if (!References.IsSafeKeyId(kid) || _folder is null) return KeyScope.Broken("not a trusted key");
        var file = Path.Combine(_folder, kid + ".json");
        if (!File.Exists(file)) return KeyScope.Default;
        var written = File.GetLastWriteTimeUtc(file);
        if (_scopes.TryGetValue(kid, out var cached) && cached.Written == written) return cached.Scope;
        KeyScope scope;
        try
        {
            scope = new FileInfo(file).Length > KeyScope.MaxFileBytes ? KeyScope.Broken("the file is too large") : KeyScope.Parse(File.ReadAllBytes(file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { scope = KeyScope.Broken("the file cannot be read"); }
        _scopes[kid] = (written, scope);
        return scope;
    }

    /// <summary>The key for <paramref name="kid"/>, or null when it is not trusted or cannot be read.</summary>
    public ECDsa? Find(string kid)
    {
        if (_inMemory.TryGetValue(kid, out var held)) return held;
        // The demo key is trusted only when a --simulate run put it in memory, never from a file.
        if (DemoKeys.IsDemoKey(kid) || !References.IsSafeKeyId(kid) || _folder is null) return null;
        var file = Path.Combine(_folder, kid + ".pem");
        if (!File.Exists(file)) return null;
        var written = File.GetLastWriteTimeUtc(file);
        if (_loaded.TryGetValue(kid, out var cached) && cached.Written == written) return cached.Key;
        var key = Load(file);
        if (key is not null) _loaded[kid] = (written, key);
        return key;
    }

    static ECDsa? Load(string file)
    {
        var key = ECDsa.Create();
        try
        {
            // Only a SubjectPublicKeyInfo: a private key left in the trust folder is a mistake, not a trust anchor.
            var pem = File.ReadAllText(file);
            if (PemEncoding.TryFind(pem, out var fields) && pem[fields.Label] is "PUBLIC KEY")
            {
                key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(pem[fields.Base64Data]), out _);
                if (key.KeySize == 256) return key;
            }
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException or IOException or FormatException) { }
        key.Dispose();
        return null;
    }

    public void Dispose()
    {
        foreach (var (_, key) in _loaded.Values) key.Dispose();
        _loaded.Clear();
    }
}
