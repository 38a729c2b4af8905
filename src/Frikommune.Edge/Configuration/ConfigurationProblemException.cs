namespace Frikommune.Edge.Configuration;

/// <summary>The configuration cannot be served as it is; each problem names its key first, as <c>config validate</c> prints it.</summary>
public sealed class ConfigurationProblemException(IReadOnlyList<string> problems)
    : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
