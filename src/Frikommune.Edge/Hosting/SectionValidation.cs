using Microsoft.Extensions.Options;
using Frikommune.Edge.Configuration;

namespace Frikommune.Edge.Hosting;

/// <summary>One section's checks as the options system runs them: at start (ValidateOnStart) and by <c>config validate</c>.</summary>
public sealed class SectionValidation<T>(Func<T, IEnumerable<string>> problems) : IValidateOptions<T> where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var found = problems(options).ToList();
        return found.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(found);
    }
}

/// <summary>The checks that look beyond one section's values: files on this machine, and the other sections a section refers to.</summary>
public static class SectionChecks
{
    public static IEnumerable<string> MqttWithFiles(MqttOptions o, GatewayRun run)
    {
        foreach (var problem in ConfigurationValidator.MqttProblems(o)) yield return problem;
        if (o.UseTls && o.CaFile is { Length: > 0 } ca && !File.Exists(run.ResolveFile(ca)))
            yield return $"Mqtt:CaFile: {run.ResolveFile(ca)} does not exist";
    }

    public static IEnumerable<string> HttpWithFiles(HttpOptions o, GatewayRun run)
    {
        foreach (var problem in ConfigurationValidator.HttpProblems(o)) yield return problem;
        if (o.Certificate is { Path.Length: > 0, KeyPath.Length: > 0 } c)
        {
            var (certificate, problem) = CertificateFiles.TryLoad(run, c);
            certificate?.Dispose();
            if (problem is not null) yield return problem;
        }
    }

    /// <summary>Another section's value when it is valid; null when its own lines already say what is wrong with it.</summary>
    public static T? ValidOrNull<T>(IOptions<T> options) where T : class
    {
        try { return options.Value; }
        catch (Exception e) when (e is OptionsValidationException or InvalidOperationException) { return null; }
    }
}
