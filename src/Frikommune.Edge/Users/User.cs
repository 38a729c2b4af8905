namespace Frikommune.Edge.Users;

public static class Roles
{
    public const string Staff = "staff";
    public const string Technician = "technician";
    public static readonly string[] All = [Staff, Technician];
}

public sealed record User(string Name, string Role);

public sealed record UserListing(string Name, string Role, string Changed);

/// <summary>The answer of a password check: the user, or null; <see cref="Busy"/> when no check could be made.</summary>
public readonly record struct PasswordCheck(User? User, bool Busy = false);
