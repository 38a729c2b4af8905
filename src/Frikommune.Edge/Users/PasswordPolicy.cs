using System.Reflection;

namespace Frikommune.Edge.Users;

/// <summary>
/// What <c>users add</c> accepts (EN 303 645 provision 5.1: no guessable passwords): at least
/// <see cref="MinLength"/> characters, not one of the shipped common passwords, not the user's name, and more
/// than a handful of distinct characters. Length beats complexity rules (NIST SP 800-63B § 5.1.1.2).
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 12;
    /// <summary>PBKDF2 would take any length; a bound keeps one login from costing more than one hash.</summary>
    public const int MaxLength = 256;
    const int MinDistinct = 5;

    static readonly Lazy<HashSet<string>> Common = new(LoadCommon);

    /// <summary>Null when the password may be used; else why not, for the technician.</summary>
    public static string? Problem(string name, string password)
    {
        if (password.Length < MinLength) return $"the password must be at least {MinLength} characters";
        if (password.Length > MaxLength) return $"the password may be at most {MaxLength} characters";
        if (password.Distinct().Count() < MinDistinct) return "the password repeats too few characters; choose a longer phrase";
        if (string.Equals(password, name, StringComparison.OrdinalIgnoreCase)) return "the password must not be the user name";
        if (Common.Value.Contains(password)) return "the password is on the list of common passwords; choose another";
        return null;
    }

    static HashSet<string> LoadCommon()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Frikommune.Edge.Users.common-passwords.txt")
            ?? throw new InvalidOperationException("the common-password list is missing from the build");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0 && !line.StartsWith('#')) words.Add(line.Trim());
        return words;
    }
}
