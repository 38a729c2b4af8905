using Frikommune.Edge.Hosting;
using Frikommune.Edge.Configuration;

namespace Frikommune.Edge.Cli;

/// <summary>
/// What a command works with: its output streams, and the gateway's own services (<see cref="GatewayComposition"/>)
/// for the configuration given, opened on first use and refused, one line per problem, when the configuration is invalid.
/// </summary>
public sealed class CommandContext(Func<GatewaySettings> load, TextWriter stdout, TextWriter stderr, TextReader stdin) : IAsyncDisposable
{
    GatewaySettings? _settings;
    ServiceProvider? _services;
    bool _checked;

    public TextWriter Out { get; } = stdout;
    public TextWriter Err { get; } = stderr;
    public TextReader In { get; } = stdin;

    public GatewaySettings Settings => _settings ??= load();

    /// <summary>The services, without refusing an invalid configuration (for <c>config validate</c>, which reports it).</summary>
    public IServiceProvider Unchecked => _services ??= GatewayComposition.ForCommand(Settings);

    /// <summary>The services of a valid configuration.</summary>
    public IServiceProvider Services
    {
        get
        {
            if (!_checked && ConfigurationCheck.Problems(Unchecked) is { Count: > 0 } problems) throw new ConfigurationProblemException(problems);
            _checked = true;
            return Unchecked;
        }
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
    }
}

public sealed class UsageException(string message) : Exception(message);
