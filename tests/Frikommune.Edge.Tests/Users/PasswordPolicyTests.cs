using Frikommune.Edge.Users;

namespace Frikommune.Edge.Tests.Users;

public sealed class PasswordPolicyTests
{
    [Theory]
    [InlineData("anna", "correct horse battery")]
    [InlineData("anna", "staff-password")]
    [InlineData("anna", "Ældre-kode-2026")]
    public void A_long_uncommon_password_is_accepted(string name, string password) => Assert.Null(PasswordPolicy.Problem(name, password));

    [Theory]
    [InlineData("anna", "password")]
    [InlineData("anna", "elevenchars")]
    [InlineData("anna", "PASSWORD1234")]
    [InlineData("anna", "qwertyuiop123")]
    [InlineData("anna", "111111111111")]
    [InlineData("annaannaanna", "AnnaAnnaAnna")]
    public void Short_common_repetitive_or_name_passwords_are_refused(string name, string password) =>
        Assert.NotNull(PasswordPolicy.Problem(name, password));

    [Fact]
    public void The_shipped_list_is_loaded_and_every_entry_is_refused()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("Frikommune.Edge.Users.common-passwords.txt")!;
        var words = new StreamReader(stream).ReadToEnd().Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.True(words.Count >= 100);
        Assert.All(words, w => Assert.NotNull(PasswordPolicy.Problem("someone", w)));
    }

    [Fact]
    public void A_password_over_the_bound_is_refused() => Assert.NotNull(PasswordPolicy.Problem("anna", new string('x', 200) + "abcdefghij" + new string('y', 100)));
}
