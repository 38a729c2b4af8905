using Frikommune.Edge.Hosting;
using Serilog;
using Frikommune.Edge.Configuration;

namespace Frikommune.Edge.Cli;

static class RunCommand
{
    public static async Task<int> RunAsync(CommandContext c)
    {
        var (settings, stderr) = (c.Settings, c.Err);
        // Refused before anything starts, with the checks the host would run at start (and `config validate` runs).
        _ = c.Services;
        await c.DisposeAsync();
        GatewayLogging.UseBootstrapLogger();
        try
        {
            await using var app = GatewayHost.Build(settings, TimeProvider.System);
            var lifetime = app.Lifetime;
            try { await app.StartAsync(); }
            catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                // SIGTERM while starting: an ordinary stop. Whatever had started is stopped, in reverse order.
                Log.Information("Stopped during start-up");
                await app.StopAsync(CancellationToken.None);
                return CommandLine.Ok;
            }
            await app.WaitForShutdownAsync();
            return CommandLine.Ok;
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException e)
        {
            // What only serving needs (a broker), checked by the host at start.
            foreach (var failure in e.Failures) stderr.WriteLine(failure);
            return CommandLine.Invalid;
        }
        catch (ConfigurationProblemException)
        {
            throw; // one line per problem, naming the key, from CommandLine
        }
        catch (Exception e)
        {
            Log.Fatal(e, "The gateway stopped because of an error");
            return CommandLine.Failed;
        }
        finally
        {
            await Log.CloseAndFlushAsync();
        }
    }
}
