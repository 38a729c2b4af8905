using Serilog;
using Serilog.Events;

namespace Frikommune.Edge.Hosting;

public static class GatewayLogging
{
    internal const string Template = "{Timestamp:yyyy-MM-ddTHH:mm:ss.fffZ} [{Level:u3}] {SourceContext}: {Message:lj}{Suppressed:l}{NewLine}{Exception}";

    /// <summary>Before the configuration is read: the console only, so a failing start still says why.</summary>
    public static void UseBootstrapLogger() =>
        Log.Logger = new LoggerConfiguration().MinimumLevel.Information().WriteTo.Console(outputTemplate: Template, standardErrorFromLevel: LogEventLevel.Verbose).CreateBootstrapLogger();

    /// <summary>From the "Serilog" section when present, plus the console and a rolling file under Storage:Path/logs.</summary>
    public static void Configure(LoggerConfiguration logger, IConfiguration configuration, Storage.GatewayPaths paths)
    {
        var repeats = new LogRepeatLimit(TimeProvider.System);
        logger.MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .MinimumLevel.Override("Microsoft.AspNetCore.DataProtection", LogEventLevel.Error)
            .MinimumLevel.Override("Frikommune.Edge.Web.BasicAuthenticationHandler", LogEventLevel.Warning)
            .ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext()
            // A SIGTERM during start-up cancels the start; the run command reports that stop itself, as a stop.
            .Filter.ByExcluding(e => e.Level == LogEventLevel.Error && e.Exception is OperationCanceledException
                && e.MessageTemplate.Text == "Hosting failed to start")
            .Enrich.With<LogEscaping>()
            .Filter.With(repeats)
            .Enrich.With(repeats)
            .WriteTo.Console(outputTemplate: Template, standardErrorFromLevel: LogEventLevel.Verbose, formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .WriteTo.File(Path.Combine(paths.LogsDirectory, "frikommune-edge-.log"), outputTemplate: Template,
                rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14, fileSizeLimitBytes: 20_000_000, rollOnFileSizeLimit: true,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture);
    }
}
