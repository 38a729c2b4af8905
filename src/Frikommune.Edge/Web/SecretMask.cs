using System.Text.RegularExpressions;

namespace Frikommune.Edge.Web;

/// <summary>Hides what must not leave the device through <c>/api/config</c>: passwords, tokens, and credentials inside URLs.</summary>
public static partial class SecretMask
{
    public const string Mask = "********";

    /// <summary>A URL with its user information and secret-looking query values replaced by <see cref="Mask"/>.</summary>
    public static string? Url(string? url)
    {
        if (string.IsNullOrEmpty(url)) return url;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return Mask; // cannot tell what is in it: show nothing
        var builder = new UriBuilder(uri);
        if (builder.UserName.Length > 0 || builder.Password.Length > 0)
        {
            builder.UserName = Mask;
            builder.Password = "";
        }
        builder.Query = SecretQueryValue().Replace(builder.Query.TrimStart('?'), m => m.Groups[1].Value + Mask);
        return builder.Uri.GetComponents(UriComponents.AbsoluteUri, UriFormat.SafeUnescaped);
    }

    [GeneratedRegex(@"((?:^|&)[^=&]*(?:pass|pwd|token|key|secret|auth|user|sig)[^=&]*=)[^&]*", RegexOptions.IgnoreCase)]
    private static partial Regex SecretQueryValue();
}
